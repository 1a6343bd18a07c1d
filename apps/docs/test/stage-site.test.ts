/** Staging the site's sources: what is written, and that a bad registry writes nothing. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { agnesRegistry, defineRegistry, type ErrorEntry, type Registry } from '@agnes/errors';
import { DocsRenderError, METHODS_RETRIED_ONLY_WITH_KEY, SDK_RETRY_AFTER_LIMIT_SECONDS } from '@agnes/errors-docs';
import { afterAll, describe, expect, it } from 'vitest';
import { AGNES_SITE, agnesRequiredParams, CONTENT_DIR, readContentPages, stageSite } from '../src/index.ts';

const workDir = mkdtempSync(join(tmpdir(), 'agnes-docs-stage-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function widgetRegistry(related: ErrorEntry<any>['related']): Registry {
  const entry: ErrorEntry<any> = {
    status: 404,
    title: 'Widget not found',
    summary: 'no widget with this id exists',
    retry: { retryable: false, advice: 'check the widget id' },
    when: 'The widget does not exist.',
    causes: ['It was deleted.'],
    fix: ['Use an existing id.'],
    detail: 'No such widget.',
    params: {},
    example: {},
    related,
    since: '1.0.0',
  };
  return defineRegistry({
    version: '1.0.0',
    domains: [{ widget_missing: entry }],
    families: { 404: { typescript: 'NotFoundError', python: 'NotFoundError' } },
  }) as Registry;
}

describe('staged Agnes site', () => {
  const stageDir = join(workDir, 'agnes');
  const staged = stageSite({ registry: agnesRegistry, contentDir: CONTENT_DIR, stageDir, site: AGNES_SITE, requiredParams: agnesRequiredParams() });

  it('has a page per code and the index', () => {
    for (const page of staged.docs.pages) expect(existsSync(join(stageDir, page.file)), page.file).toBe(true);
    expect(readFileSync(join(stageDir, 'errors/index.md'), 'utf8')).toBe(staged.docs.index.markdown);
  });

  it('has a page per retired code', () => {
    expect(agnesRegistry.tombstones.length).toBeGreaterThan(0);
    for (const { code } of agnesRegistry.tombstones) {
      expect(readFileSync(join(stageDir, `errors/${code}.md`), 'utf8')).toMatch(new RegExp(`^# ${code}\n\n> Retired in `));
    }
  });

  it('reads required params from the contract', () => {
    const rateLimited = readFileSync(join(stageDir, 'errors/rate_limited.md'), 'utf8');
    const serviceUnavailable = readFileSync(join(stageDir, 'errors/service_unavailable.md'), 'utf8');
    expect(agnesRequiredParams()['rate_limited']).toContain('retry_after');
    expect(rateLimited).not.toContain('when the response has one');
    expect(serviceUnavailable).toContain('when the response has one');
  });

  it('copies the icon', () => {
    expect(readFileSync(join(stageDir, 'public/favicon.svg'), 'utf8')).toContain('<svg');
  });

  it('serves llms files from the site root', () => {
    expect(readFileSync(join(stageDir, 'public/llms.txt'), 'utf8')).toBe(staged.docs.llmsTxt);
    expect(readFileSync(join(stageDir, 'public/llms-full.txt'), 'utf8')).toBe(staged.docs.llmsFullTxt);
  });

  it('copies every content page', () => {
    for (const page of readContentPages(CONTENT_DIR)) expect(existsSync(join(stageDir, page.file)), page.file).toBe(true);
  });

  it('lists content pages in llms.txt', () => {
    expect(staged.docs.llmsTxt).toContain(
      '- [Roles & permissions](https://docs.lasscyber.com/administration/roles-and-permissions): The role matrix',
    );
  });

  it('writes a config with clean URLs and local search', async () => {
    const config = (await import(pathToFileURL(join(stageDir, '.vitepress/config.mjs')).href)).default;
    expect(config.cleanUrls).toBe(true);
    expect(config.metaChunk).toBe(true);
    expect(config.themeConfig.search).toEqual({ provider: 'local' });
    expect(JSON.stringify(config.themeConfig.sidebar)).toContain('{"text":"403 Forbidden","link":"/errors/#_403-forbidden"}');
  });

  it('declares the icon in the page head', async () => {
    const config = (await import(pathToFileURL(join(stageDir, '.vitepress/config.mjs')).href)).default;
    expect(config.head).toContainEqual(['link', { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }]);
  });
});

describe('content pages', () => {
  it('map files to clean paths', () => {
    const paths = readContentPages(CONTENT_DIR).map((page) => page.path);
    expect(paths).toContain('/');
    expect(paths).toContain('/administration/roles-and-permissions');
    expect(paths).toContain('/api/request-ids');
  });

  it('give the SDK delay limit of the error pages', () => {
    const limits = readContentPages(CONTENT_DIR).flatMap((page) => {
      const text = readFileSync(join(CONTENT_DIR, page.file), 'utf8').replace(/\s+/g, ' ');
      return [...text.matchAll(/a delay of (\d+) seconds or more/g)].map((match) => `${page.file}: ${match[1]}`);
    });
    expect(limits.length).toBeGreaterThan(1);
    expect(limits.filter((limit) => !limit.endsWith(`: ${SDK_RETRY_AFTER_LIMIT_SECONDS}`))).toEqual([]);
  });

  it('name the methods that need an idempotency key', () => {
    const guide = readFileSync(join(CONTENT_DIR, 'api/idempotency.md'), 'utf8').replace(/\s+/g, ' ');
    const [first, second, third] = METHODS_RETRIED_ONLY_WITH_KEY.map((method) => `\`${method}\``);
    expect(guide).toContain(`The SDKs retry a ${first}, ${second} or ${third} request only when it carries an idempotency key`);
  });

  it('use /v1 paths in requests', () => {
    const unversioned = readContentPages(CONTENT_DIR).flatMap((page) =>
      [...readFileSync(join(CONTENT_DIR, page.file), 'utf8').matchAll(/\b(?:GET|POST|PUT|PATCH|DELETE) (\/\S*)/g)]
        .map((match) => match[1] as string)
        .filter((path) => !path.startsWith('/v1/'))
        .map((path) => `${page.file}: ${path}`),
    );
    expect(unversioned).toEqual([]);
  });

  it('need a title and description', () => {
    const contentDir = join(workDir, 'untitled');
    mkdirSync(contentDir, { recursive: true });
    writeFileSync(join(contentDir, 'guide.md'), '---\ntitle: Guide\n---\n\n# Guide\n');
    expect(() => readContentPages(contentDir)).toThrow(/guide\.md: front matter has no description/);
  });
});

describe('staging a registry with bad docs', () => {
  it('fails naming code and field, and writes nothing', () => {
    const stageDir = join(workDir, 'bad');
    mkdirSync(stageDir, { recursive: true });
    writeFileSync(join(stageDir, 'previous.md'), 'kept');
    const registry = widgetRegistry([{ href: '/administration/widgets', title: 'Widgets' }]);

    let error: unknown;
    try {
      stageSite({ registry, contentDir: CONTENT_DIR, stageDir, site: AGNES_SITE });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DocsRenderError);
    expect((error as Error).message).toContain('widget_missing (related[0].href): links to /administration/widgets');
    expect(readFileSync(join(stageDir, 'previous.md'), 'utf8')).toBe('kept');
    expect(existsSync(join(stageDir, 'errors'))).toBe(false);
  });

  it('accepts links to content pages', () => {
    const registry = widgetRegistry([{ href: '/administration/tenants', title: 'Tenants' }]);
    const stageDir = join(workDir, 'good');
    expect(() => stageSite({ registry, contentDir: CONTENT_DIR, stageDir, site: AGNES_SITE })).not.toThrow();
  });
});
