/**
 * The envelopes that consumers see (OpenAPI examples and the published docs
 * page) validate against the generated JSON Schema, and malformed envelopes do not.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { envelopeSchemaName, type JsonSchemaDocument } from '../src/index.ts';
import { compileSchema } from './support/ajv.ts';
import { GENERATED, REFERENCE_PAGE } from './support/paths.ts';
import type { OpenApiDocument } from './support/render.ts';

const schema = JSON.parse(await readFile(GENERATED.schema, 'utf8')) as JsonSchemaDocument;
const openapi = JSON.parse(await readFile(GENERATED.openapi, 'utf8')) as OpenApiDocument;
const validators = compileSchema(schema);

interface ExampleCase {
  response: string;
  mediaType: string;
  code: string;
  value: Record<string, unknown>;
}

/** Lists every example of every response and media type in openapi.json. */
function openApiExamples(): ExampleCase[] {
  const cases: ExampleCase[] = [];
  for (const [response, definition] of Object.entries(openapi.components.responses)) {
    for (const [mediaType, content] of Object.entries(definition.content as Record<string, { examples: Record<string, { value: any }> }>)) {
      for (const [code, example] of Object.entries(content.examples)) cases.push({ response, mediaType, code, value: example.value });
    }
  }
  return cases;
}

/** Parses the JSON block under "## Example response" out of a docs page. */
function exampleResponseOf(page: string): Record<string, unknown> {
  const section = page.split(/^## /m).find((part) => part.startsWith('Example response'));
  if (!section) throw new Error('the page has no "## Example response" section');
  const block = /```json[^\n]*\n([\s\S]*?)\n```/.exec(section);
  if (!block) throw new Error('the "Example response" section has no ```json block');
  return JSON.parse(block[1]!);
}

describe('openapi.json examples', () => {
  const examples = openApiExamples();

  it('covers every code in both media types', () => {
    const codes = schema.$defs.ErrorCode!.enum as string[];
    for (const mediaType of ['application/json', 'application/problem+json']) {
      const covered = examples.filter((example) => example.mediaType === mediaType).map((example) => example.code);
      expect(covered.sort()).toEqual([...codes].sort());
    }
  });

  it.each(examples.map((example) => [`${example.response} ${example.mediaType} ${example.code}`, example] as const))(
    '%s validates against schema.json',
    (_name, example) => {
      const byUnion = validators.root(example.value);
      expect(validators.root.errors ?? []).toEqual([]);
      expect(byUnion).toBe(true);
      const byCode = validators.definition(envelopeSchemaName(example.code));
      expect(byCode(example.value)).toBe(true);
      expect(example.value.code).toBe(example.code);
    },
  );
});

describe('published reference page', () => {
  it('has an example envelope that validates against schema.json', async () => {
    const envelope = exampleResponseOf(await readFile(REFERENCE_PAGE, 'utf8'));

    expect(envelope.code).toBe('forbidden');
    expect(validators.root(envelope)).toBe(true);
    expect(validators.definition('ForbiddenEnvelope')(envelope)).toBe(true);
  });
});

describe('malformed envelopes', () => {
  const valid = {
    detail: 'Too many requests; retry in 30 seconds.',
    code: 'rate_limited',
    request_id: '5b3f6c7e-7d24-4d40-9b12-3a59c01c6e91',
    doc_url: 'https://docs.lasscyber.com/errors/rate_limited',
    retry_after: 30,
  };
  const { request_id: _requestId, ...withoutRequestId } = valid;

  const cases: { name: string; envelope: Record<string, unknown>; keyword: string }[] = [
    { name: 'unknown code', envelope: { ...valid, code: 'no_such_code' }, keyword: 'const' },
    { name: 'missing request_id', envelope: withoutRequestId, keyword: 'required' },
    { name: 'retry_after as a string', envelope: { ...valid, retry_after: '30' }, keyword: 'type' },
    { name: 'detail as a number', envelope: { ...valid, detail: 42 }, keyword: 'type' },
    { name: 'undeclared member', envelope: { ...valid, stack: 'Error: at handler' }, keyword: 'additionalProperties' },
    { name: 'internal param leaked', envelope: { ...valid, tenant_id: 'ten_1' }, keyword: 'additionalProperties' },
    { name: 'doc_url not a URI', envelope: { ...valid, doc_url: 'not a uri' }, keyword: 'format' },
    { name: 'problem status below 400', envelope: { ...valid, status: 200 }, keyword: 'minimum' },
  ];

  it('accepts the unchanged envelope', () => {
    expect(validators.root(valid)).toBe(true);
  });

  it.each(cases.map((item) => [item.name, item] as const))('rejects %s', (_name, item) => {
    expect(validators.root(item.envelope)).toBe(false);

    const byCode = validators.definition('RateLimitedEnvelope');
    expect(byCode(item.envelope)).toBe(false);
    expect(byCode.errors?.map((error) => error.keyword)).toContain(item.keyword);
  });
});
