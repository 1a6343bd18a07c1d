/**
 * Tuple types in params. ts-json-schema-generator writes them in the draft-07 form, which JSON
 * Schema 2020-12 rejects, so codegen rewrites them to `prefixItems` and every target reads that.
 */
import { describe, expect, it } from 'vitest';
import { compileSchema } from './support/ajv.ts';
import { defaultSpec, type FixtureSpec } from './support/fixture-project.ts';
import { renderFixture, renderFixtureSdks } from './support/render.ts';
import { useTempDirs } from './support/temp-dir.ts';

const tempDir = useTempDirs('tuple-params');

interface TupleCase {
  name: string;
  type: string;
  example: unknown[];
  /** The schema of the param without its description. */
  schema: Record<string, unknown>;
  /** The param's type in the TypeScript SDK. */
  typescript: string;
  /** Whether Ajv's strict mode accepts the tuple. It rejects optional and rest elements. */
  strictTuple: boolean;
}

const cases: TupleCase[] = [
  {
    name: 'object and string',
    type: '[{ a: number }, string]',
    example: [{ a: 1 }, 'x'],
    schema: {
      type: 'array',
      minItems: 2,
      maxItems: 2,
      prefixItems: [{ type: 'object', properties: { a: { type: 'number' } }, required: ['a'], additionalProperties: false }, { type: 'string' }],
    },
    typescript: '[{\n      a: number;\n    }, string]',
    strictTuple: true,
  },
  {
    name: 'rest element',
    type: '[string, ...number[]]',
    example: ['x', 1, 2],
    schema: { type: 'array', minItems: 1, prefixItems: [{ type: 'string' }], items: { type: 'number' } },
    typescript: '[string, ...number[]]',
    strictTuple: false,
  },
  {
    name: 'optional element',
    type: '[string, number?]',
    example: ['x'],
    schema: { type: 'array', minItems: 1, maxItems: 2, prefixItems: [{ type: 'string' }, { type: 'number' }] },
    typescript: '[string, number?]',
    strictTuple: false,
  },
];

/** The default fixture with `decline_code` of `card_declined` replaced by a tuple param. */
function specWith(tuple: TupleCase): FixtureSpec {
  const spec = defaultSpec();
  spec.codes[1]!.params![0] = { name: 'decline_code', type: tuple.type, visibility: 'public', example: tuple.example };
  spec.codes[1]!.detail = 'The card was declined by {issuer}.';
  return spec;
}

describe.each(cases)('tuple param: $name', (tuple) => {
  it('becomes prefixItems', async () => {
    const rendered = await renderFixture(await tempDir(), specWith(tuple));
    const envelope = rendered.schema.$defs.CardDeclinedEnvelope as { properties: Record<string, Record<string, unknown>> };
    const { description: _description, ...schema } = envelope.properties.decline_code!;

    expect(schema).toEqual(tuple.schema);
  });

  it('validates its example', async () => {
    const rendered = await renderFixture(await tempDir(), specWith(tuple));
    const validate = compileSchema(rendered.schema, { strictTuples: tuple.strictTuple }).definition('CardDeclinedEnvelope');
    const example = rendered.openapi.components.responses.PaymentRequired.content['application/json'].examples.card_declined.value;

    expect(example.decline_code).toEqual(tuple.example);
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...example, decline_code: [...tuple.example, { extra: true }] })).toBe(false);
  });

  it('is a tuple in the TypeScript SDK', async () => {
    const { typescript } = await renderFixtureSdks(await tempDir(), specWith(tuple));

    expect(typescript).toContain(`decline_code: ${tuple.typescript};`);
  });

  it('is a list in the Python SDK', async () => {
    const { python } = await renderFixtureSdks(await tempDir(), specWith(tuple));

    expect(python).toMatch(/ {4}decline_code: List\[/);
  });
});
