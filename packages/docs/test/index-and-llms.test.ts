/** The index page, llms.txt and llms-full.txt of a small registry. */
import type { ErrorEntry } from '@agnes/errors';
import { describe, expect, it } from 'vitest';
import { renderDocs } from '../src/index.ts';
import { testEntry, testRegistry, TEST_SITE, TEST_SITE_PAGES } from './fixtures.ts';
import { pageStructure } from './page-structure.ts';

const entries = {
  service_busy: testEntry({ status: 503, summary: 'the service is busy', retry: { retryable: true, advice: 'retry later' } }),
  widget_missing: testEntry(),
  old_widget_missing: testEntry({ summary: 'no widget in v1', deprecated: { since: '1.2.0', replacement: 'widget_missing' } }),
  widget_locked: testEntry({ status: 409, summary: 'the widget | is locked' }),
} satisfies Record<string, ErrorEntry<any>>;

const docs = renderDocs(testRegistry(entries), {
  sitePages: TEST_SITE_PAGES,
  site: TEST_SITE,
  docsBaseUrl: 'https://docs.example.test',
  llmsSections: [{ title: 'Guides', links: [{ title: 'Widgets', path: '/guides/widgets', note: 'what a widget is' }] }],
});
const index = pageStructure(docs.index.markdown);

describe('index page', () => {
  it('groups codes by status in ascending order', () => {
    expect(index.headings).toEqual(['# Error codes', '## 404 Not Found', '## 409 Conflict', '## 503 Service Unavailable']);
  });

  it('lists each code with summary and retry policy', () => {
    expect(index.tables[0]).toEqual([
      ['Code', 'Summary', 'Retry?'],
      ['[`widget_missing`](/errors/widget_missing)', 'no widget with this id exists', 'No — check the widget id.'],
      [
        '[`old_widget_missing`](/errors/old_widget_missing)',
        '**Deprecated**, use [`widget_missing`](/errors/widget_missing): no widget in v1',
        'No — check the widget id.',
      ],
    ]);
    expect(index.tables[2]?.[1]).toEqual(['[`service_busy`](/errors/service_busy)', 'the service is busy', 'Yes — retry later.']);
  });

  it('escapes pipes inside cells', () => {
    expect(docs.index.markdown).toContain('the widget \\| is locked');
    expect(index.tables[1]?.[1]?.[1]).toBe('the widget | is locked');
    expect(index.tables[1]?.[1]).toHaveLength(3);
  });

  it('is served at /errors/', () => {
    expect(docs.index).toMatchObject({ path: '/errors/', file: 'errors/index.md' });
  });
});

describe('llms.txt', () => {
  const lines = docs.llmsTxt.split('\n');

  it('opens with the site title and summary', () => {
    expect(lines.slice(0, 3)).toEqual(['# Widget API', '', '> Reference of the Widget API errors.']);
  });

  it('has the given sections before the error sections', () => {
    expect(lines.filter((line) => line.startsWith('## '))).toEqual([
      '## Guides',
      '## Errors: 404 Not Found',
      '## Errors: 409 Conflict',
      '## Errors: 503 Service Unavailable',
    ]);
  });

  it('links every page with a note', () => {
    const links = lines.filter((line) => line.startsWith('- '));
    expect(links).toHaveLength(5);
    for (const link of links) expect(link).toMatch(/^- \[[^\]]+\]\(https:\/\/docs\.example\.test\/[^)\s]+\): \S.*$/);
    expect(links).toContain('- [Widgets](https://docs.example.test/guides/widgets): what a widget is');
    expect(links).toContain(
      '- [service_busy](https://docs.example.test/errors/service_busy): HTTP 503 — the service is busy. Retry: Yes — retry later.',
    );
  });
});

describe('llms-full.txt', () => {
  it('holds every error page in full', () => {
    for (const page of docs.pages) expect(docs.llmsFullTxt).toContain(page.markdown);
    expect(docs.pages).toHaveLength(4);
  });

  it('opens with the site title', () => {
    expect(docs.llmsFullTxt.startsWith('# Widget API\n\n> Reference of the Widget API errors.\n\n# widget_missing\n')).toBe(true);
  });
});

describe('rendered files', () => {
  it('has a file per page plus the index and llms files', () => {
    expect([...docs.files.keys()].sort()).toEqual([
      'errors/index.md',
      'errors/old_widget_missing.md',
      'errors/service_busy.md',
      'errors/widget_locked.md',
      'errors/widget_missing.md',
      'llms-full.txt',
      'llms.txt',
    ]);
  });
});
