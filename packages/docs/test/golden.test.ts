/**
 * The generated `forbidden` page against the page as the docs publish it today
 * (test/reference/errors-forbidden.md, byte for byte), minus the docs
 * platform's note above the title.
 */
import { readFileSync } from 'node:fs';
import { agnesRegistry } from '@agnes/errors';
import { describe, expect, it } from 'vitest';
import { renderDocs } from '../src/index.ts';
import { AGNES_SITE_PAGES } from './agnes-site.ts';
import { compileEnvelopeSchema } from './envelope-schema.ts';
import { pageStructure, withoutPlatformNote } from './page-structure.ts';

const reference = withoutPlatformNote(readFileSync(new URL('./reference/errors-forbidden.md', import.meta.url), 'utf8'));
const docs = renderDocs(agnesRegistry, { sitePages: AGNES_SITE_PAGES, site: { title: 'Agnes API', summary: 'Agnes API errors.' } });
const generated = docs.files.get('errors/forbidden.md') ?? '';
const want = pageStructure(reference);
const got = pageStructure(generated);

describe('forbidden page against the reference', () => {
  it('has the reference headings in order', () => {
    expect(want.headings).toEqual([
      '# forbidden',
      '## When this happens',
      '## Example response',
      '## How to fix',
      '## SDK behaviour',
      '## Related',
    ]);
    expect(got.headings).toEqual(want.headings);
  });

  it('has the summary line', () => {
    expect(got.paragraphs['forbidden']).toEqual(want.paragraphs['forbidden']);
    expect(got.paragraphs['forbidden']).toContain('HTTP 403 — authenticated but not authorised for this resource.');
  });

  it('has the same facts and SDK table cells', () => {
    expect(want.tables).toHaveLength(2);
    expect(got.tables).toEqual(want.tables);
    expect(got.tables[0]).toContainEqual(['**HTTP status**', '`403 Forbidden`']);
    expect(got.tables[1]).toContainEqual(['Python', '`agnes.PermissionError`']);
  });

  it.each(['When this happens', 'How to fix', 'Related'])('has the same %s items', (section) => {
    expect(want.listItems[section]?.length).toBeGreaterThan(2);
    expect(got.listItems[section]).toEqual(want.listItems[section]);
  });

  it.each(['When this happens', 'How to fix', 'SDK behaviour', 'Related'])('has the same %s links and text', (section) => {
    expect(got.links[section]).toEqual(want.links[section]);
    expect(got.paragraphs[section]).toEqual(want.paragraphs[section]);
  });

  it('has an example with the same JSON members and values', () => {
    expect(want.jsonBlocks).toHaveLength(1);
    expect(got.jsonBlocks).toHaveLength(1);
    expect(got.jsonBlocks[0]?.info).toBe(want.jsonBlocks[0]?.info);
    expect(Object.keys(got.jsonBlocks[0]?.value as object)).toEqual(Object.keys(want.jsonBlocks[0]?.value as object));
    expect(got.jsonBlocks[0]?.value).toEqual(want.jsonBlocks[0]?.value);
  });

  it('has an example that validates against schema.json', () => {
    const validate = compileEnvelopeSchema();
    expect(validate(got.jsonBlocks[0]?.value), JSON.stringify(validate.errors)).toBe(true);
  });

  it('matches the reference text byte for byte', () => {
    expect(generated).toBe(reference);
  });
});
