/**
 * The VitePress configuration of the site, computed from the hand-written pages
 * and the rendered error pages. It is plain data, so the stage step can write
 * it as the site's `.vitepress/config.mjs`.
 */
import { lookupsOf, type Registry } from '@agnes/errors';
import { INDEX_PAGE_PATH, statusLine, type SiteSummary } from '@agnes/errors-docs';
import type { ContentPage } from './content-pages.ts';

/** Sidebar section titles of the content folders; other folders use their own name. */
const SECTION_TITLE_BY_FOLDER: Readonly<Record<string, string>> = {
  api: 'API',
  administration: 'Administration',
};

interface SidebarItem {
  text: string;
  link: string;
}

/**
 * Returns the anchor that VitePress gives the index's heading of a status, such as
 * `_403-forbidden`: its slug with a leading `_` because it starts with a digit.
 */
function statusAnchor(status: number): string {
  return `_${statusLine(status).toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

/** Sections of content pages by their top folder, in path order; top-level pages such as the home page are left out. */
export function contentSections(pages: readonly ContentPage[]): { title: string; pages: ContentPage[] }[] {
  const sections = new Map<string, ContentPage[]>();
  for (const page of pages) {
    const folder = page.path.split('/')[1] ?? '';
    if (!page.path.slice(1).includes('/')) continue;
    const section = sections.get(folder) ?? [];
    section.push(page);
    sections.set(folder, section);
  }
  return [...sections].map(([folder, sectionPages]) => ({
    title: SECTION_TITLE_BY_FOLDER[folder] ?? folder,
    pages: sectionPages,
  }));
}

/** Site path of the icon that `content/public/favicon.svg` provides. */
export const FAVICON_PATH = '/favicon.svg';

/** Returns the VitePress user config of the site: clean URLs, local search, an icon, and a sidebar of every page. */
export function siteConfig(site: SiteSummary, pages: readonly ContentPage[], registry: Registry<any>): Record<string, unknown> {
  const lookups = lookupsOf(registry);
  const sections = contentSections(pages);
  // The sidebar links each status to its section of the index rather than listing every code.
  // VitePress renders the whole sidebar into every page, so a list of codes would make the build
  // quadratic in the number of codes: page rendering took about 80 s at 1,000 codes with bench/docs.
  const errorGroups: SidebarItem[] = lookups.statuses.map((status) => ({
    text: statusLine(status),
    link: `${INDEX_PAGE_PATH}#${statusAnchor(status)}`,
  }));

  return {
    lang: 'en-US',
    title: site.title,
    description: site.summary,
    cleanUrls: true,
    lastUpdated: false,
    // Without a declared icon, browsers request /favicon.ico, which the site does not have.
    head: [['link', { rel: 'icon', type: 'image/svg+xml', href: FAVICON_PATH }]],
    // One cacheable chunk of page metadata instead of a copy inlined into every page's HTML.
    // At 1,000 codes that copy made each error page 68 KB instead of 18 KB, and the build 4 s slower.
    metaChunk: true,
    themeConfig: {
      search: { provider: 'local' },
      outline: [2, 3],
      nav: [
        { text: 'Error codes', link: INDEX_PAGE_PATH },
        ...sections.map((section) => ({ text: section.title, link: section.pages[0]!.path })),
      ],
      sidebar: [
        ...sections.map((section) => ({
          text: section.title,
          items: section.pages.map((page) => ({ text: page.title, link: page.path })),
        })),
        { text: 'Error codes', link: INDEX_PAGE_PATH, items: errorGroups },
      ],
    },
  };
}
