/** The deprecated code of the Agnes catalog, as its page and the index show it. */
import { agnesRegistry, lookupsOf } from '@agnes/errors';
import { describe, expect, it } from 'vitest';
import { renderDocs } from '../src/index.ts';
import { AGNES_SITE_PAGES } from './agnes-site.ts';
import { pageStructure } from './page-structure.ts';

const docs = renderDocs(agnesRegistry, { sitePages: AGNES_SITE_PAGES, site: { title: 'Agnes API', summary: 'Agnes API errors.' } });
const deprecated = [...lookupsOf(agnesRegistry).entryByCode].filter(([, entry]) => entry.deprecated !== undefined);

describe('deprecated catalog code', () => {
  // Pins session_expired, so that the tests below never run on an empty list. A code that a
  // team deprecates later gets the same checks and does not fail this test.
  it('includes session_expired', () => {
    expect(deprecated.map(([code]) => code)).toContain('session_expired');
  });

  it.each(deprecated)('page of %s names version and replacement', (code, entry) => {
    const structure = pageStructure(docs.files.get(`errors/${code}.md`) ?? '');
    const notice = `**Deprecated since ${entry.deprecated!.since}.** Use [\`${entry.deprecated!.replacement}\`](/errors/${entry.deprecated!.replacement}) instead.`;
    expect(structure.paragraphs[code]?.[1]).toContain(notice);
    expect(structure.paragraphs[code]?.[1]).toContain(entry.deprecated!.reason);
  });

  it.each(deprecated)('index marks %s as deprecated', (code, entry) => {
    const row = pageStructure(docs.index.markdown).tables.flat().find((cells) => cells[0]?.includes(`/errors/${code})`));
    expect(row?.[1]).toBe(`**Deprecated**, use [\`${entry.deprecated!.replacement}\`](/errors/${entry.deprecated!.replacement}): ${entry.summary}`);
  });

  it('leaves other pages without a notice', () => {
    const deprecatedCodes = new Set(deprecated.map(([code]) => code));
    const others = docs.pages.filter((page) => page.code !== undefined && !deprecatedCodes.has(page.code));
    for (const page of others) expect(page.markdown).not.toContain('**Deprecated');
  });
});
