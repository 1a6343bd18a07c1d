/**
 * Renders the error docs of a registry: every code's page, the index, llms.txt
 * and llms-full.txt. Every entry is checked first, so a render either returns
 * all files or throws `DocsRenderError` listing every problem.
 */
import { DEFAULT_DOCS_BASE_URL, docUrlOf, lookupsOf, type ErrorEntry, type Registry } from '@agnes/errors';
import { checkEntryDocs } from './check-entry.ts';
import { DocsRenderError, type DocsIssue } from './docs-error.ts';
import { errorPagePath, renderErrorPage } from './error-page.ts';
import { INDEX_PAGE_PATH, renderIndexPage, type StatusGroup } from './index-page.ts';
import { renderLlmsFullTxt, renderLlmsTxt, type LlmsSection, type SiteSummary } from './llms-text.ts';

/** Options of `renderDocs`. */
export interface RenderDocsOptions {
  /**
   * Site-absolute paths of the site's other pages, such as `/administration/api-keys`.
   * The error pages and the index are added to them. A link in the docs text to
   * any other site path fails the render.
   */
  sitePages: Iterable<string>;
  /** Name and summary of the site, for the index and llms.txt. */
  site: SiteSummary;
  /** Base URL of the docs site, for `doc_url` in examples and the links of llms.txt. @default 'https://docs.lasscyber.com' */
  docsBaseUrl?: string;
  /** Sections of llms.txt before the error sections, such as the site's guides. */
  llmsSections?: readonly LlmsSection[];
}

/** One rendered Markdown page. */
export interface RenderedPage {
  /** Site path, such as `/errors/forbidden`. */
  path: string;
  /** File path relative to the site's source folder, such as `errors/forbidden.md`. */
  file: string;
  /** The code of an error page; the index has none. */
  code?: string;
  markdown: string;
}

/** Everything `renderDocs` produces. */
export interface RenderedDocs {
  /** Error pages, grouped by status in ascending order, registry order within a status. */
  pages: readonly RenderedPage[];
  index: RenderedPage;
  llmsTxt: string;
  llmsFullTxt: string;
  /** Every output by its file path relative to the site's source folder. */
  files: ReadonlyMap<string, string>;
}

/**
 * Renders the docs of every code of a registry.
 *
 * @throws {DocsRenderError} when any entry's docs text is empty, breaks the page
 *   layout (raw HTML, a heading, an unclosed code fence) or links to a missing page.
 * @example
 * const docs = renderDocs(agnesRegistry, {
 *   sitePages: ['/administration/api-keys'],
 *   site: { title: 'Agnes API', summary: 'Reference of the Agnes API.' },
 * });
 * docs.files.get('errors/forbidden.md');
 */
export function renderDocs(registry: Registry<any>, options: RenderDocsOptions): RenderedDocs {
  const docsBaseUrl = options.docsBaseUrl ?? DEFAULT_DOCS_BASE_URL;
  const lookups = lookupsOf(registry);
  const groups: StatusGroup[] = lookups.statuses.map((status) => ({
    status,
    codes: (lookups.codesByStatus.get(status) ?? []).map((code) => ({ code, entry: lookups.entryByCode.get(code)! })),
  }));

  const pagePaths = new Set<string>([normalizePath(INDEX_PAGE_PATH)]);
  for (const code of lookups.entryByCode.keys()) pagePaths.add(errorPagePath(code));
  for (const path of options.sitePages) pagePaths.add(normalizePath(checkedSitePath(path)));

  const issues: DocsIssue[] = [];
  for (const [code, entry] of lookups.entryByCode) {
    issues.push(
      ...checkEntryDocs(code, entry, {
        hasCode: (other) => lookups.entryByCode.has(other),
        hasPage: (path) => pagePaths.has(normalizePath(path)),
        sdk: lookups.sdkClassByCode.get(code),
      }),
    );
  }
  if (issues.length > 0) throw new DocsRenderError(issues);

  const pages = groups.flatMap((group) =>
    group.codes.map(({ code, entry }) => ({
      path: errorPagePath(code),
      file: `errors/${code}.md`,
      code,
      markdown: renderErrorPage(code, entry, {
        registry,
        sdk: lookups.sdkClassByCode.get(code)!,
        sameStatus: group.codes.map((member): ErrorEntry<any> => member.entry),
        docsBaseUrl,
      }),
    })),
  );
  const index = { path: INDEX_PAGE_PATH, file: 'errors/index.md', markdown: renderIndexPage(groups, options.site.title) };
  const siteUrl = siteUrlOf(docsBaseUrl);
  const llmsTxt = renderLlmsTxt(options.site, groups, options.llmsSections ?? [], (path) => siteUrl + path);
  const llmsFullTxt = renderLlmsFullTxt(
    options.site,
    pages.map((page) => page.markdown),
  );

  const files = new Map<string, string>([
    ...pages.map((page): [string, string] => [page.file, page.markdown]),
    [index.file, index.markdown],
    ['llms.txt', llmsTxt],
    ['llms-full.txt', llmsFullTxt],
  ]);
  return { pages, index, llmsTxt, llmsFullTxt, files };
}

/** Returns the site's base URL without a final slash, joined the same way as `doc_url`. */
function siteUrlOf(docsBaseUrl: string): string {
  return docUrlOf('', docsBaseUrl).slice(0, -'/errors/'.length);
}

/** Removes a `#fragment`, a `?query` and a trailing slash, so that `/errors/` and `/errors` match. */
function normalizePath(path: string): string {
  const bare = path.replace(/[?#].*$/, '');
  return bare.length > 1 ? bare.replace(/\/+$/, '') : bare;
}

function checkedSitePath(path: string): string {
  if (typeof path !== 'string' || !path.startsWith('/')) {
    throw new TypeError(`Invalid site page path ${JSON.stringify(path)} in sitePages: expected a site-absolute path such as /administration/api-keys`);
  }
  return path;
}
