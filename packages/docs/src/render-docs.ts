/**
 * Renders the error docs of a registry: every code's page, the index, llms.txt
 * and llms-full.txt. Every entry is checked first, so a render either returns
 * all files or throws `DocsRenderError` listing every problem.
 */
import { DEFAULT_DOCS_BASE_URL, docUrlOf, lookupsOf, type Registry } from '@agnes/errors';
import { checkEntryDocs } from './check-entry.ts';
import { DocsRenderError, type DocsIssue } from './docs-error.ts';
import { errorPagePath, renderErrorPage } from './error-page.ts';
import { INDEX_PAGE_PATH, renderIndexPage, type StatusGroup } from './index-page.ts';
import { renderLlmsFullTxt, renderLlmsTxt, type LlmsSection, type SiteSummary } from './llms-text.ts';
import { checkTombstone, renderRetiredPage } from './retired-page.ts';
import { retryKindOf, type RetryKind } from './retry-sentence.ts';

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
  /**
   * Names of the public params that every envelope of a code carries, by code, such as
   * the params that the contract snapshot marks `required`. The registry's entries do
   * not record which params are optional, so a code whose `retry.afterParam` is not
   * listed here counts as sometimes sending no delay. Its SDK sentence then also
   * describes the backoff that SDKs use without a delay. @default {}
   */
  requiredParams?: Readonly<Record<string, readonly string[]>>;
}

/** One rendered Markdown page. */
export interface RenderedPage {
  /** Site path, such as `/errors/forbidden`. */
  path: string;
  /** File path relative to the site's source folder, such as `errors/forbidden.md`. */
  file: string;
  /** The code of an error page or a retired code's page; the index has none. */
  code?: string;
  markdown: string;
}

/** Everything `renderDocs` produces. */
export interface RenderedDocs {
  /** Error pages, grouped by status in ascending order, registry order within a status. */
  pages: readonly RenderedPage[];
  /** Pages of the retired codes on the registry's tombstone list, in its order. */
  retiredPages: readonly RenderedPage[];
  index: RenderedPage;
  llmsTxt: string;
  llmsFullTxt: string;
  /** Every output by its file path relative to the site's source folder. */
  files: ReadonlyMap<string, string>;
}

/**
 * Renders the docs of every code of a registry.
 *
 * @throws {DocsRenderError} when any entry's or tombstone's docs text is empty, breaks
 *   the page layout (raw HTML, a heading, an unclosed code fence), or links to a missing
 *   page or to a URL that is not https.
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

  const tombstones = registry.tombstones ?? [];
  for (const tombstone of tombstones) pagePaths.add(errorPagePath(tombstone.code));

  const issues: DocsIssue[] = [];
  const hasCode = (other: string) => lookups.entryByCode.has(other);
  const hasPage = (path: string) => pagePaths.has(normalizePath(path));
  for (const [code, entry] of lookups.entryByCode) {
    issues.push(...checkEntryDocs(code, entry, { hasCode, hasPage, sdk: lookups.sdkClassByCode.get(code) }));
  }
  tombstones.forEach((tombstone, index) => issues.push(...checkTombstone(tombstone, index, { hasCode, hasPage })));
  if (issues.length > 0) throw new DocsRenderError(issues);

  const requiredParams = options.requiredParams ?? {};
  const pages = groups.flatMap((group) => {
    const kinds = group.codes.map(({ code, entry }): RetryKind => {
      const afterParam = entry.retry.afterParam;
      return retryKindOf(entry.retry, afterParam !== undefined && (requiredParams[code] ?? []).includes(afterParam));
    });
    const statusRetryUniform = kinds.every((kind) => kind === kinds[0]);
    return group.codes.map(({ code, entry }, position) => ({
      path: errorPagePath(code),
      file: `errors/${code}.md`,
      code,
      markdown: renderErrorPage(code, entry, {
        registry,
        sdk: lookups.sdkClassByCode.get(code)!,
        retryKind: kinds[position]!,
        statusRetryUniform,
        docsBaseUrl,
      }),
    }));
  });
  const retiredPages = tombstones.map((tombstone) => ({
    path: errorPagePath(tombstone.code),
    file: `errors/${tombstone.code}.md`,
    code: tombstone.code,
    markdown: renderRetiredPage(tombstone, options.site.title),
  }));
  const index = { path: INDEX_PAGE_PATH, file: 'errors/index.md', markdown: renderIndexPage(groups, tombstones, options.site.title) };
  const siteUrl = siteUrlOf(docsBaseUrl);
  const llmsTxt = renderLlmsTxt(options.site, groups, tombstones, options.llmsSections ?? [], (path) => siteUrl + path);
  const llmsFullTxt = renderLlmsFullTxt(
    options.site,
    pages.map((page) => page.markdown),
  );

  const files = new Map<string, string>([
    ...[...pages, ...retiredPages].map((page): [string, string] => [page.file, page.markdown]),
    [index.file, index.markdown],
    ['llms.txt', llmsTxt],
    ['llms-full.txt', llmsFullTxt],
  ]);
  return { pages, retiredPages, index, llmsTxt, llmsFullTxt, files };
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
