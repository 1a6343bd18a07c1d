/** Pages of retired codes, so that the `doc_url` of an old response still opens a page. */
import { agnesRegistry } from '@agnes/errors';
import { describe, expect, it } from 'vitest';
import { renderDocs } from '../src/index.ts';
import { AGNES_SITE_PAGES } from './agnes-site.ts';
import { testEntry, testRegistry, TEST_SITE, TEST_SITE_PAGES } from './fixtures.ts';
import { pageStructure } from './page-structure.ts';

const tombstones = [
  { code: 'widget_gone', removedIn: '0.9.0', reason: 'replaced by [`widget_missing`](/errors/widget_missing)' },
  { code: 'widget_lost', removedIn: '0.8.0' },
];
const docs = renderDocs(testRegistry({ widget_missing: testEntry() }, tombstones), {
  sitePages: TEST_SITE_PAGES,
  site: TEST_SITE,
  docsBaseUrl: 'https://docs.example.test',
});

describe('retired code page', () => {
  const page = pageStructure(docs.files.get('errors/widget_gone.md') ?? '');

  it('has the code as title', () => {
    expect(page.headings).toEqual(['# widget_gone']);
  });

  it('says when and why the code was retired', () => {
    expect(page.paragraphs['widget_gone']).toEqual([
      'Retired in 0.9.0. The Widget API no longer sends this code.',
      '**Why it was retired:** replaced by [`widget_missing`](/errors/widget_missing).',
      'A retired code is never reused for another error. The [error code reference](/errors/) lists every code that the Widget API sends.',
    ]);
  });

  it('links the index', () => {
    expect(page.links['widget_gone']?.at(-1)).toMatch(/^error code\s*reference -> \/errors\/$/);
  });

  it('leaves out the reason when there is none', () => {
    const paragraphs = pageStructure(docs.files.get('errors/widget_lost.md') ?? '').paragraphs['widget_lost'] ?? [];
    expect(paragraphs).toHaveLength(2);
    expect(paragraphs.join('\n')).not.toContain('Why it was retired');
  });

  it('is listed apart from the error pages', () => {
    expect(docs.retiredPages.map(({ path, file, code }) => ({ path, file, code }))).toEqual([
      { path: '/errors/widget_gone', file: 'errors/widget_gone.md', code: 'widget_gone' },
      { path: '/errors/widget_lost', file: 'errors/widget_lost.md', code: 'widget_lost' },
    ]);
    expect(docs.pages.map((rendered) => rendered.code)).toEqual(['widget_missing']);
    expect(docs.llmsFullTxt).not.toContain('# widget_gone');
  });
});

describe('retired codes in the index and llms.txt', () => {
  const index = pageStructure(docs.index.markdown);

  it('index lists them last', () => {
    expect(index.headings.at(-1)).toBe('## Retired codes');
    expect(index.tables.at(-1)).toEqual([
      ['Code', 'Retired in', 'Reason'],
      ['[`widget_gone`](/errors/widget_gone)', '0.9.0', 'replaced by [`widget_missing`](/errors/widget_missing)'],
      ['[`widget_lost`](/errors/widget_lost)', '0.8.0', ''],
    ]);
  });

  it('index has no section without them', () => {
    const plain = renderDocs(testRegistry({ widget_missing: testEntry() }), { sitePages: TEST_SITE_PAGES, site: TEST_SITE });
    expect(plain.index.markdown).not.toContain('Retired');
    expect(plain.retiredPages).toEqual([]);
  });

  it('llms.txt links their pages', () => {
    expect(docs.llmsTxt).toContain(
      '## Retired codes\n\n' +
        '- [widget_gone](https://docs.example.test/errors/widget_gone): Retired in 0.9.0: replaced by [`widget_missing`](/errors/widget_missing).\n' +
        '- [widget_lost](https://docs.example.test/errors/widget_lost): Retired in 0.8.0.\n',
    );
  });
});

describe('retired Agnes codes', () => {
  const agnes = renderDocs(agnesRegistry, { sitePages: AGNES_SITE_PAGES, site: { title: 'Agnes API', summary: 'Agnes API errors.' } });

  it.each(agnesRegistry.tombstones)('$code has a page', ({ code, removedIn }) => {
    const page = agnes.files.get(`errors/${code}.md`) ?? '';
    expect(page.startsWith(`# ${code}\n\n> Retired in ${removedIn}. The Agnes API no longer sends this code.\n`)).toBe(true);
  });

  it('insufficient_scope is among them', () => {
    expect(agnes.retiredPages.map((page) => page.code)).toContain('insufficient_scope');
  });
});
