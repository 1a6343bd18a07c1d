/** Compiled detail templates give the same text as core's `renderTemplate`, whatever the params. */
import { renderTemplate } from '@agnes/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fillDetailTemplate } from '../src/detail-template.ts';

const SCOPE_TEMPLATE = 'Missing scope {scope}.';

/** Template pieces: placeholders, text that only looks like one, and text with replace patterns. */
const templatePieces = fc.oneof(
  fc.constantFrom('{a}', '{b}', '{_c1}', '{1st}', '{}', '{two words}', '{', '}', '$&', '$1', '$$', "$'", ' '),
  fc.string({ maxLength: 8 }),
);
const paramValues = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('$&', '{b}', '$1'),
  fc.constantFrom(null, undefined, true, 0, -1.5, Number.NaN),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
  fc.constant(() => 'a function'),
);

describe('fillDetailTemplate', () => {
  it.each([
    { name: 'string value', params: { scope: 'policy:read' }, want: 'Missing scope policy:read.' },
    { name: 'number value', params: { scope: 42 }, want: 'Missing scope 42.' },
    { name: 'array value as JSON', params: { scope: ['a', 'b'] }, want: 'Missing scope ["a","b"].' },
    { name: 'missing value kept', params: {}, want: 'Missing scope {scope}.' },
    { name: 'null value kept', params: { scope: null }, want: 'Missing scope {scope}.' },
    { name: 'replace pattern inserted as written', params: { scope: '$&' }, want: 'Missing scope $&.' },
    { name: 'function value', params: { scope: () => 'x' }, want: 'Missing scope undefined.' },
  ])('fills $name', ({ params, want }) => {
    expect(fillDetailTemplate({ detail: SCOPE_TEMPLATE }, params)).toBe(want);
  });

  it('matches renderTemplate for random templates and params', () => {
    const cases = fc.record({
      template: fc.array(templatePieces, { maxLength: 8 }).map((pieces) => pieces.join('')),
      params: fc.record({ a: paramValues, b: paramValues, _c1: paramValues }, { requiredKeys: [] }),
    });
    fc.assert(
      fc.property(cases, ({ template, params }) => {
        expect(fillDetailTemplate({ detail: template }, params)).toBe(renderTemplate(template, params));
      }),
      { numRuns: 500 },
    );
  });

  it('throws where renderTemplate throws', () => {
    const entry = { detail: SCOPE_TEMPLATE };

    expect(() => fillDetailTemplate(entry, { scope: 10n })).toThrow(TypeError);
    expect(() => renderTemplate(SCOPE_TEMPLATE, { scope: 10n })).toThrow(TypeError);
  });

  it('follows a replaced template of the same entry', () => {
    const entry = { detail: SCOPE_TEMPLATE };
    const first = fillDetailTemplate(entry, { scope: 'a' });
    entry.detail = 'Scope {scope} is missing.';

    expect(first).toBe('Missing scope a.');
    expect(fillDetailTemplate(entry, { scope: 'a' })).toBe('Scope a is missing.');
  });
});
