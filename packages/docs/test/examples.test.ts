/** Every Agnes page's example response, held against the envelope function and schema.json. */
import { agnesRegistry, buildEnvelope, EXAMPLE_REQUEST_ID, lookupsOf } from '@agnes/errors';
import { describe, expect, it } from 'vitest';
import { renderDocs } from '../src/index.ts';
import { compileEnvelopeSchema } from './envelope-schema.ts';
import { AGNES_SITE_PAGES } from './agnes-site.ts';
import { pageStructure } from './page-structure.ts';

const docs = renderDocs(agnesRegistry, { sitePages: AGNES_SITE_PAGES, site: { title: 'Agnes API', summary: 'Agnes API errors.' } });
const validate = compileEnvelopeSchema();
const codes = [...lookupsOf(agnesRegistry).entryByCode.keys()];

describe('example responses', () => {
  it('cover every code of the catalog', () => {
    expect(docs.pages.map((page) => page.code).sort()).toEqual([...codes].sort());
  });

  it.each(codes)('%s example validates against schema.json', (code) => {
    const page = docs.pages.find((candidate) => candidate.code === code);
    const blocks = pageStructure(page?.markdown ?? '').jsonBlocks;
    expect(blocks).toHaveLength(1);
    expect(validate(blocks[0]?.value), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each(codes)('%s example is the envelope of its example params', (code) => {
    const entry = lookupsOf(agnesRegistry).entryByCode.get(code)!;
    const page = docs.pages.find((candidate) => candidate.code === code);
    const envelope = buildEnvelope(agnesRegistry, code as never, entry.example as never, { requestId: EXAMPLE_REQUEST_ID });
    expect(pageStructure(page?.markdown ?? '').jsonBlocks[0]?.value).toEqual(envelope);
  });

  it('schema rejects an example with another code', () => {
    const forbidden = pageStructure(docs.files.get('errors/forbidden.md') ?? '').jsonBlocks[0]?.value as object;
    expect(validate({ ...forbidden, code: 'not_a_code' })).toBe(false);
  });
});
