/** Schema comparison by accepted values: the cases that the corpus does not reach through the real catalog. */
import { describe, expect, it } from 'vitest';
import { compareSchemas, type NormalizedSchema, type SchemaChange } from '../../src/index.ts';

interface SchemaCase {
  name: string;
  before: NormalizedSchema;
  after: NormalizedSchema;
  want: SchemaChange;
}

const cases: SchemaCase[] = [
  { name: 'identical', before: { type: 'string' }, after: { type: 'string' }, want: 'same' },
  { name: 'type list equals type', before: { type: ['string'] }, after: { type: 'string' }, want: 'equivalent' },
  { name: 'null added to type', before: { type: 'string' }, after: { type: ['null', 'string'] }, want: 'widened' },
  { name: 'enum value added', before: { enum: ['a', 'b'] }, after: { enum: ['a', 'b', 'c'] }, want: 'widened' },
  { name: 'enum value removed', before: { enum: ['a', 'b'] }, after: { enum: ['a'] }, want: 'narrowed' },
  { name: 'const within enum', before: { enum: ['a', 'b'] }, after: { const: 'a' }, want: 'narrowed' },
  { name: 'enum values checked against pattern', before: { pattern: '^[a-z]+$', type: 'string' }, after: { enum: ['ab', 'cd'] }, want: 'narrowed' },
  { name: 'enum value outside pattern', before: { pattern: '^[a-z]+$', type: 'string' }, after: { enum: ['ab', 'C'] }, want: 'changed' },
  { name: 'exclusive bound inside inclusive', before: { minimum: 0, type: 'number' }, after: { exclusiveMinimum: 0, type: 'number' }, want: 'narrowed' },
  { name: 'maxLength raised', before: { maxLength: 10, type: 'string' }, after: { maxLength: 20, type: 'string' }, want: 'widened' },
  { name: 'format added', before: { type: 'string' }, after: { format: 'uri', type: 'string' }, want: 'narrowed' },
  { name: 'format replaced', before: { format: 'uri', type: 'string' }, after: { format: 'email', type: 'string' }, want: 'changed' },
  { name: 'string bound ignored for integers', before: { type: 'integer' }, after: { maxLength: 3, type: 'integer' }, want: 'equivalent' },
  { name: 'multipleOf refined', before: { multipleOf: 5, type: 'integer' }, after: { multipleOf: 10, type: 'integer' }, want: 'narrowed' },
  { name: 'deprecated added', before: { type: 'string' }, after: { deprecated: true, type: 'string' }, want: 'equivalent' },
  { name: 'readOnly and default added', before: { type: 'integer' }, after: { default: 1, readOnly: true, type: 'integer' }, want: 'equivalent' },
  { name: 'const under deprecated', before: { enum: ['a', 'b'] }, after: { const: 'a', deprecated: true }, want: 'narrowed' },
  { name: 'uniqueItems added', before: { items: { type: 'string' }, type: 'array' }, after: { items: { type: 'string' }, type: 'array', uniqueItems: true }, want: 'narrowed' },
  {
    name: 'closed object gains optional member',
    before: { additionalProperties: false, properties: { a: { type: 'string' } }, type: 'object' },
    after: { additionalProperties: false, properties: { a: { type: 'string' }, b: { type: 'string' } }, type: 'object' },
    want: 'widened',
  },
  {
    name: 'object member becomes required',
    before: { properties: { a: { type: 'string' } }, type: 'object' },
    after: { properties: { a: { type: 'string' } }, required: ['a'], type: 'object' },
    want: 'narrowed',
  },
  {
    name: 'additional members typed',
    before: { additionalProperties: { type: 'string' }, type: 'object' },
    after: { additionalProperties: { maxLength: 8, type: 'string' }, type: 'object' },
    want: 'narrowed',
  },
  { name: 'union gains a branch', before: { anyOf: [{ type: 'string' }] }, after: { anyOf: [{ type: 'integer' }, { type: 'string' }] }, want: 'widened' },
  { name: 'oneOf read as anyOf', before: { oneOf: [{ type: 'string' }, { type: 'integer' }] }, after: { type: 'string' }, want: 'narrowed' },
  { name: 'unknown keyword added', before: { type: 'string' }, after: { contentEncoding: 'base64', type: 'string' }, want: 'narrowed' },
  { name: 'unknown keyword changed', before: { contentEncoding: 'base64', type: 'string' }, after: { contentEncoding: 'base32', type: 'string' }, want: 'changed' },
  { name: 'recursive refs differ', before: { $ref: '#/$defs/A' }, after: { $ref: '#/$defs/B' }, want: 'changed' },
];

describe('compareSchemas', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(compareSchemas(c.before, c.after)).toBe(c.want);
  });
});
