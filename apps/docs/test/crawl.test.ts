/**
 * A crawl of the built site in Chromium from the home page. Every internal link
 * opens a page with a title and a heading, and every `#fragment` exists on its
 * page. No page fails to load a file, such as its icon, and llms.txt links only
 * pages of the site.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { agnesRegistry, DEFAULT_DOCS_BASE_URL, lookupsOf } from '@agnes/errors';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readContentPages } from '../src/content-pages.ts';
import { CONTENT_DIR } from '../src/index.ts';
import { launchChromium } from './browser.ts';
import { DIST_DIR } from './built-site.ts';
import { serveStatic, type StaticServer } from '../src/static-server.ts';

/** What the crawl found on one page. */
interface CrawledPage {
  status: number;
  title: string;
  headings: number;
  ids: Set<string>;
  /** URL of the page's icon, from its `<link rel="icon">`. */
  icon: string | undefined;
}

/** Upper bound on crawled pages, so that a link loop cannot run forever. */
const MAX_PAGES = 500;

let server: StaticServer;
let browser: Browser;
const crawled = new Map<string, CrawledPage>();
const linksByTarget = new Map<string, Set<string>>();
/** Files other than pages that the browser failed to load, with the page that requested them. */
const failedResources = new Set<string>();
let currentPath = '/';

async function visit(page: Page, path: string): Promise<string[]> {
  currentPath = path;
  const response = await page.goto(`${server.origin}${path}`, { waitUntil: 'load' });
  const found = await page.evaluate(() => ({
    title: document.title,
    headings: document.querySelectorAll('h1').length,
    ids: [...document.querySelectorAll('[id]')].map((element) => element.id),
    hrefs: [...document.querySelectorAll('a[href]')].map((anchor) => (anchor as HTMLAnchorElement).href),
    icon: (document.querySelector('link[rel="icon"]') as HTMLLinkElement | null)?.href,
  }));
  crawled.set(path, { status: response?.status() ?? 0, title: found.title, headings: found.headings, ids: new Set(found.ids), icon: found.icon });
  return found.hrefs;
}

beforeAll(async () => {
  server = await serveStatic(DIST_DIR);
  browser = await launchChromium();
  const page = await browser.newPage();
  page.on('response', (response) => {
    if (response.status() >= 400 && response.request().resourceType() !== 'document') {
      failedResources.add(`${new URL(response.url()).pathname} (HTTP ${response.status()}) requested by ${currentPath}`);
    }
  });
  const queue = ['/'];
  const queued = new Set(queue);
  while (queue.length > 0 && crawled.size < MAX_PAGES) {
    const from = queue.shift()!;
    for (const href of await visit(page, from)) {
      const url = new URL(href);
      if (url.origin !== server.origin) continue;
      const target = `${url.pathname}${url.hash}`;
      if (!linksByTarget.has(target)) linksByTarget.set(target, new Set());
      linksByTarget.get(target)!.add(from);
      if (!queued.has(url.pathname) && !/\.(txt|json|png|svg)$/.test(url.pathname)) {
        queued.add(url.pathname);
        queue.push(url.pathname);
      }
    }
  }
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('crawl of the built site', () => {
  it('reaches every error page and content page', () => {
    const codePaths = [...lookupsOf(agnesRegistry).entryByCode.keys()].map((code) => `/errors/${code}`);
    const contentPaths = readContentPages(CONTENT_DIR).map((page) => page.path);
    for (const path of [...codePaths, ...contentPaths, '/errors/']) expect(crawled.has(path), path).toBe(true);
    expect(crawled.size).toBeLessThan(MAX_PAGES);
  });

  it('reaches the page of every retired code', () => {
    const retiredPaths = agnesRegistry.tombstones.map(({ code }) => `/errors/${code}`);
    expect(retiredPaths.length).toBeGreaterThan(0);
    for (const path of retiredPaths) expect(crawled.get(path)?.status, path).toBe(200);
  });

  it('loads every file that pages request', () => {
    expect([...failedResources]).toEqual([]);
  });

  it('serves the icon of every page', async () => {
    const icons = new Set([...crawled.values()].map((page) => page.icon));
    expect([...icons]).toEqual([`${server.origin}/favicon.svg`]);
    const response = await fetch(`${server.origin}/favicon.svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
  });

  it('finds no broken link', async () => {
    const broken: string[] = [];
    for (const [target, sources] of linksByTarget) {
      const [path = '', fragment] = target.split('#');
      const page = crawled.get(path);
      const status = page?.status ?? (await fetch(`${server.origin}${path}`)).status;
      if (status !== 200) broken.push(`${target} (HTTP ${status}) linked from ${[...sources].join(', ')}`);
      else if (fragment && page && !page.ids.has(decodeURIComponent(fragment))) {
        broken.push(`${target} (no element with id "${fragment}") linked from ${[...sources].join(', ')}`);
      }
    }
    expect(broken).toEqual([]);
    expect(linksByTarget.size).toBeGreaterThan(crawled.size);
  });

  it('finds no page without a title', () => {
    const untitled = [...crawled]
      .filter(([, page]) => page.headings === 0 || page.title.trim() === '' || page.title.startsWith('404'))
      .map(([path, page]) => `${path}: title "${page.title}", ${page.headings} h1`);
    expect(untitled).toEqual([]);
  });

  it('serves the 404 page for a missing page', async () => {
    expect((await fetch(`${server.origin}/errors/not_a_code`)).status).toBe(404);
  });
});

describe('llms files of the built site', () => {
  const llmsTxt = readFileSync(join(DIST_DIR, 'llms.txt'), 'utf8');

  it('are served from the site root', async () => {
    for (const file of ['/llms.txt', '/llms-full.txt']) {
      const response = await fetch(`${server.origin}${file}`);
      expect(response.status, file).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/plain');
    }
  });

  it('llms.txt links only crawled pages', () => {
    const urls = [...llmsTxt.matchAll(/^- \[[^\]]+\]\(([^)]+)\)/gm)].map((match) => match[1] as string);
    expect(urls.length).toBeGreaterThan(lookupsOf(agnesRegistry).entryByCode.size);
    const missing = urls.filter((url) => !url.startsWith(DEFAULT_DOCS_BASE_URL) || !crawled.has(url.slice(DEFAULT_DOCS_BASE_URL.length)));
    expect(missing).toEqual([]);
  });

  it('llms-full.txt has the text of every error page', () => {
    const full = readFileSync(join(DIST_DIR, 'llms-full.txt'), 'utf8');
    for (const code of lookupsOf(agnesRegistry).entryByCode.keys()) expect(full).toContain(`\n# ${code}\n`);
  });
});
