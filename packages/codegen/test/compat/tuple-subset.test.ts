/**
 * Tuple params in the schema comparison, checked against Ajv 2020-12 on every array of up to four
 * elements drawn from 1, "a" and true. A widening must keep every value that validated before, and
 * a narrowing every value that validates after.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { compareSchemas, type NormalizedSchema, type SchemaChange } from '../../src/index.ts';
import { describeSchemaChange } from '../../src/compat/diff-code.ts';

/** Schemas as `generate` writes them for each TypeScript type. */
const TUPLES = {
  '[number, string]': { maxItems: 2, minItems: 2, prefixItems: [{ type: 'number' }, { type: 'string' }], type: 'array' },
  '[number, string, string?]': { maxItems: 3, minItems: 2, prefixItems: [{ type: 'number' }, { type: 'string' }, { type: 'string' }], type: 'array' },
  '[number, ...string[]]': { items: { type: 'string' }, minItems: 1, prefixItems: [{ type: 'number' }], type: 'array' },
  '[number]': { maxItems: 1, minItems: 1, prefixItems: [{ type: 'number' }], type: 'array' },
  '[string, number]': { maxItems: 2, minItems: 2, prefixItems: [{ type: 'string' }, { type: 'number' }], type: 'array' },
  'string[]': { items: { type: 'string' }, type: 'array' },
  '(number | string)[]': { items: { type: ['number', 'string'] }, type: 'array' },
  '[]': { maxItems: 0, minItems: 0, type: 'array' },
} satisfies Record<string, NormalizedSchema>;

type TupleType = keyof typeof TUPLES;

interface TupleCase {
  before: TupleType;
  after: TupleType;
  want: SchemaChange;
}

const cases: TupleCase[] = [
  { before: '[number, ...string[]]', after: 'string[]', want: 'changed' },
  { before: '[number, string]', after: '[number, string, string?]', want: 'widened' },
  { before: '[number, string]', after: '[number, ...string[]]', want: 'widened' },
  { before: '[number, string]', after: '(number | string)[]', want: 'widened' },
  { before: '[number, ...string[]]', after: '[number, string]', want: 'narrowed' },
  { before: '[number, string, string?]', after: '[number, string]', want: 'narrowed' },
  { before: '(number | string)[]', after: '[number, ...string[]]', want: 'narrowed' },
  { before: '[number, string]', after: '[number]', want: 'changed' },
  { before: '[number, string]', after: '[string, number]', want: 'changed' },
  { before: 'string[]', after: '(number | string)[]', want: 'widened' },
  { before: '[]', after: 'string[]', want: 'widened' },
  { before: '[]', after: '[number, string]', want: 'changed' },
];

/** Lists every array of length 0 to 4 whose elements are 1, "a" or true. */
function sampleArrays(): unknown[][] {
  const elements = [1, 'a', true];
  let level: unknown[][] = [[]];
  const all: unknown[][] = [[]];
  for (let length = 1; length <= 4; length += 1) {
    level = level.flatMap((prefix) => elements.map((element) => [...prefix, element]));
    all.push(...level);
  }
  return all;
}

const ajv = new Ajv2020({ strict: false });
const samples = sampleArrays();

describe.each(cases)('tuple $before to $after', ({ before, after, want }) => {
  const validBefore = ajv.compile(TUPLES[before]);
  const validAfter = ajv.compile(TUPLES[after]);
  const lost = samples.filter((value) => validBefore(value) && !validAfter(value));
  const gained = samples.filter((value) => !validBefore(value) && validAfter(value));

  it(`is ${want}`, () => {
    expect(compareSchemas(TUPLES[before], TUPLES[after])).toBe(want);
  });

  it('agrees with Ajv on the sample arrays', () => {
    if (want === 'widened') {
      expect(lost).toEqual([]);
      expect(gained.length).toBeGreaterThan(0);
    } else if (want === 'narrowed') {
      expect(gained).toEqual([]);
      expect(lost.length).toBeGreaterThan(0);
    } else {
      expect(lost.length).toBeGreaterThan(0);
    }
  });
});

describe('type-changed reason', () => {
  it('says the check could not prove', () => {
    const change = describeSchemaChange('changed', 'public param "pair" of "shape_invalid"', 'Servers no longer validate');

    expect(change?.bump).toBe('major');
    expect(change?.reason).not.toContain('reject values it accepted');
    expect(change?.reason).toContain('could not prove');
  });
});
