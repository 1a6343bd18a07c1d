/**
 * Random thrown values through every adapter: the response is always a schema-valid envelope with
 * the registry's status, and a 5xx body never shows the thrown message, stack or cause.
 */
import { agnesRegistry, lookupsOf, type ErrorCode } from '@agnes/errors';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgnesError, createAgnesRenderer } from '../src/index.ts';
import { APP_KINDS, startApp, type RunningApp } from './apps/index.ts';
import { send } from './support/http.ts';
import { captureLogs } from './support/logs.ts';
import { envelopeSchemaErrors } from './support/schema.ts';
import { envelopeSchemaOf, publicParamOf } from './support/schema-arbitrary.ts';

/** Marker in every message, cause and internal param; it must never reach a response body. */
const SECRET = 'SECRET-7f3a';
const RUNS_PER_ADAPTER = 120;

function circularCause(): Error {
  const first = new Error(`${SECRET} first`);
  const second = new Error(`${SECRET} second`, { cause: first });
  (first as { cause?: unknown }).cause = second;
  return first;
}

/** Creates a proxy whose traps throw, except the one fast-check reads to print a counterexample. */
function hostileProxy(): object {
  return new Proxy({}, {
    get: (_target, key) => {
      if (key === fc.toStringMethod) return () => 'proxy whose traps throw';
      throw new Error(SECRET);
    },
    getPrototypeOf: () => {
      throw new Error(SECRET);
    },
  });
}

/** Values that are not contract errors; each must be masked. */
const foreignValues: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ unit: 'binary' }).map((text) => `${SECRET}${text}`),
  fc.constantFrom(null, undefined, 0, false, Symbol('thrown')),
  fc.object().map((object) => ({ ...object, message: SECRET, stack: SECRET })),
  fc.integer({ min: 10_000, max: 200_000 }).map((size) => new Error(`${SECRET} ${'x'.repeat(size)}`)),
  fc.constant(null).map(circularCause),
  fc.string().map((text) => new TypeError(`${SECRET} ${text}`, { cause: { secret: SECRET } })),
  fc.constant(null).map(() => ({ get message(): string { throw new Error(SECRET); } })),
  fc.constant(null).map(() => hostileProxy()),
);

/** Contract errors of random codes, with public params drawn from the schema and secret internal params. */
const contractErrors: fc.Arbitrary<AgnesError> = fc.constantFrom(...(Object.keys(agnesRegistry.entries) as ErrorCode[])).chain((code) => {
  const entry = lookupsOf(agnesRegistry).entryByCode.get(code);
  const envelope = envelopeSchemaOf(code);
  const params: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, visibility] of Object.entries(entry?.params ?? {})) {
    const example = (entry?.example as Record<string, unknown>)[name];
    if (visibility === 'public') params[name] = publicParamOf(code, name);
    else if (visibility === 'detail') params[name] = typeof example === 'number' ? fc.nat() : fc.string({ minLength: 1 });
    else params[name] = fc.string().map((text) => `${SECRET}${text}`);
  }
  const required = Object.keys(params).filter((name) => (envelope.required ?? []).includes(name) || entry?.params[name] !== 'public');
  return fc.record({ params: fc.record(params, { requiredKeys: required }), withCause: fc.boolean() }).map(
    ({ params: values, withCause }) =>
      new (AgnesError as unknown as new (code: string, params: object, options: object) => AgnesError)(code, values, {
        cause: withCause ? new Error(`${SECRET} cause`) : undefined,
      }),
  );
});

describe.each(APP_KINDS)('%s adapter with random thrown values', (kind) => {
  let app: RunningApp;
  const thrownByCase = new Map<string, unknown>();
  let nextCase = 0;

  beforeAll(async () => {
    const valueFor = (testCase: string) => thrownByCase.get(testCase);
    app = await startApp(kind, { renderer: createAgnesRenderer(), logger: captureLogs().logger, valueFor });
  });
  afterAll(() => app.close());

  async function throwThrough(value: unknown) {
    const testCase = String(nextCase++);
    thrownByCase.set(testCase, value);
    try {
      return await send(app.url, 'GET', '/throw', { headers: { 'x-case': testCase } });
    } finally {
      thrownByCase.delete(testCase);
    }
  }

  it('masks every value that is not a contract error', async () => {
    await fc.assert(
      fc.asyncProperty(foreignValues, async (value) => {
        const response = await throwThrough(value);

        expect(response.status).toBe(500);
        expect(envelopeSchemaErrors(response.body)).toEqual([]);
        expect(Object.keys(response.body)).toEqual(['detail', 'code', 'request_id', 'doc_url']);
        expect(response.body.code).toBe('internal_error');
        expect(response.text).not.toContain(SECRET);
      }),
      { numRuns: RUNS_PER_ADAPTER / 2 },
    );
  });

  it('sends every contract error as a valid envelope', async () => {
    await fc.assert(
      fc.asyncProperty(contractErrors, async (error) => {
        const response = await throwThrough(error);

        expect(envelopeSchemaErrors(response.body)).toEqual([]);
        expect(response.status).toBe(agnesRegistry.entries[error.code as ErrorCode].status);
        expect(response.headers.get('x-request-id')).toBe(response.body.request_id);
        expect(response.text).not.toContain(SECRET);
        if (response.status >= 500) expect(response.text).not.toMatch(/\n\s+at /);
      }),
      { numRuns: RUNS_PER_ADAPTER },
    );
  });
});
