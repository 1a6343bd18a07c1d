/**
 * Random params for random codes through the Agnes renderer: whatever it accepts gives a body that
 * passes `@agnes/errors/schema.json`, and params drawn from that schema are always accepted.
 */
import { agnesRegistry, lookupsOf, type ErrorCode } from '@agnes/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AgnesError, createAgnesRenderer } from '../src/index.ts';
import { envelopeSchemaErrors } from './support/schema.ts';
import { arbitraryOf, envelopeSchemaOf, publicParamOf } from './support/schema-arbitrary.ts';

const RUNS = 400;
const renderer = createAgnesRenderer();
const context = { requestId: 'req-property', method: 'POST', path: '/v1/policies' };
const entryByCode = lookupsOf(agnesRegistry).entryByCode;
const codes = Object.keys(agnesRegistry.entries) as ErrorCode[];

/** Values of any shape that a cast could pass for a param, most of them wrong for its schema. */
const strayValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string(),
  fc.constantFrom('', 'GET', 'Policy', 'tomorrow', '2026-13-01T00:00:00Z', 'a'.repeat(256)),
  fc.integer({ min: -5, max: 5 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.array(fc.constantFrom('GET', 'HEAD', 'application/json', '')),
  fc.array(fc.record({ pointer: fc.string(), code: fc.string(), detail: fc.string() }, { requiredKeys: ['pointer', 'code'] })),
  fc.jsonValue(),
);

/** Draws a param from its member schema three times in four, and a stray value otherwise. */
function paramOf(code: ErrorCode, name: string): fc.Arbitrary<unknown> {
  const member = envelopeSchemaOf(code).properties?.[name] ?? {};
  return fc.oneof({ weight: 3, arbitrary: arbitraryOf(member) }, { weight: 1, arbitrary: strayValue });
}

/** Draws the params of an error of `code`: public ones from `publicParam`, the others as strings. */
function paramsOf(code: ErrorCode, publicParam: (name: string) => fc.Arbitrary<unknown>): fc.Arbitrary<Record<string, unknown>> {
  const declared = Object.entries(entryByCode.get(code)?.params ?? {});
  const required = envelopeSchemaOf(code).required ?? [];
  const arbitraries = Object.fromEntries(
    declared.map(([name, visibility]) => [name, visibility === 'public' ? publicParam(name) : fc.string({ minLength: 1 })]),
  );
  const requiredKeys = declared.filter(([name, visibility]) => visibility !== 'public' || required.includes(name)).map(([name]) => name);
  return fc.record(arbitraries, { requiredKeys });
}

function hasPublicParams(code: ErrorCode): boolean {
  return Object.values(entryByCode.get(code)?.params ?? {}).includes('public');
}

/** Creates an Agnes error without the compile-time check of its params, as a cast in a service would. */
function looseError(code: ErrorCode, params: object): AgnesError {
  return new (AgnesError as unknown as new (code: string, params: object) => AgnesError)(code, params);
}

describe('renderer with random params', () => {
  it('sends only envelopes that pass the schema', () => {
    const counts = { sent: 0, masked: 0 };
    const errors = fc
      .constantFrom(...codes.filter(hasPublicParams))
      .chain((code) => paramsOf(code, (name) => paramOf(code, name)).map((params) => looseError(code, params)));

    fc.assert(
      fc.property(errors, (error) => {
        const rendered = renderer.render(error, context);

        expect(envelopeSchemaErrors(JSON.parse(rendered.json))).toEqual([]);
        if (rendered.body.code === error.code) {
          counts.sent += 1;
          expect(rendered.status).toBe(error.status);
        } else {
          counts.masked += 1;
          expect(rendered.status).toBe(500);
          expect(rendered.body.code).toBe('internal_error');
        }
      }),
      { numRuns: RUNS },
    );

    // Both outcomes occur, so neither half of the property is true by default.
    expect(counts.sent).toBeGreaterThan(0);
    expect(counts.masked).toBeGreaterThan(0);
  });

  it('sends every error whose params come from the schema', () => {
    const errors = fc
      .constantFrom(...codes)
      .chain((code) => paramsOf(code, (name) => publicParamOf(code, name)).map((params) => looseError(code, params)));

    fc.assert(
      fc.property(errors, (error) => {
        const rendered = renderer.render(error, context);

        expect(rendered.body.code).toBe(error.code);
        expect(rendered.status).toBe(error.status);
        expect(envelopeSchemaErrors(rendered.body)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});
