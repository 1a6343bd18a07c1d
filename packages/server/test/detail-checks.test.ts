/**
 * A contract error whose detail would break the contract, through its detail option or the detail
 * params that fill its template, is sent as the masked 500. Its log line names the option or param,
 * the value and the rule. A JavaScript caller without type checks can throw such an error.
 */
import { defineError, defineRegistry } from '@agnes/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgnesError, createAgnesRenderer, createErrorClass, createErrorRenderer } from '../src/index.ts';
import { APP_KINDS, startApp, type RunningApp } from './apps/index.ts';
import { send } from './support/http.ts';
import { captureLogs, LEVEL } from './support/logs.ts';
import { maskedEnvelopeOf } from './support/envelopes.ts';
import { envelopeSchemaErrors } from './support/schema.ts';

const context = { requestId: 'req-detail', method: 'GET', path: '/policies' };

/** Casts a value past the constructor's types, as a JavaScript caller passes it. */
function untyped<T>(value: unknown): T {
  return value as T;
}

interface InvalidDetailCase {
  name: string;
  thrown: () => Error;
  /** Fragments that the logged cause must contain, in order: the option or param, the value, the rule. */
  logged: string[];
}

const INVALID_CASES: InvalidDetailCase[] = [
  {
    name: 'object detail option',
    thrown: () => new AgnesError('forbidden', { scope: 'policy:delete' }, { detail: untyped({}) }),
    logged: ['Invalid detail option of forbidden', 'got {}', 'expected a string, or no detail option'],
  },
  {
    name: 'number detail option',
    thrown: () => new AgnesError('forbidden', { scope: 'policy:delete' }, { detail: untyped(42) }),
    logged: ['Invalid detail option of forbidden', 'got 42', 'expected a string, or no detail option'],
  },
  {
    name: 'array detail option',
    thrown: () => new AgnesError('resource_not_found', { resource: 'policy', id: 'pol_1' }, { detail: untyped(['a']) }),
    logged: ['Invalid detail option of resource_not_found', 'got ["a"]', 'expected a string, or no detail option'],
  },
  {
    name: 'true detail option',
    thrown: () => new AgnesError('internal_error', {}, { detail: untyped(true) }),
    logged: ['Invalid detail option of internal_error', 'got true', 'expected a string, or no detail option'],
  },
  {
    name: 'zero detail option',
    thrown: () => new AgnesError('forbidden', { scope: 'policy:delete' }, { detail: untyped(0) }),
    logged: ['Invalid detail option of forbidden', 'got 0', 'expected a string, or no detail option'],
  },
  {
    name: 'false detail option',
    thrown: () => new AgnesError('forbidden', { scope: 'policy:delete' }, { detail: untyped(false) }),
    logged: ['Invalid detail option of forbidden', 'got false', 'expected a string, or no detail option'],
  },
  {
    name: 'missing detail param',
    thrown: () => new AgnesError('forbidden', untyped({})),
    logged: ['Invalid detail param "scope" of forbidden', 'got undefined', 'the detail template contains {scope}'],
  },
  {
    name: 'null detail param',
    thrown: () => new AgnesError('api_key_revoked', { key_id: untyped(null) }),
    logged: ['Invalid detail param "key_id" of api_key_revoked', 'got null', 'the detail template contains {key_id}'],
  },
  {
    name: 'params left out',
    thrown: () => Reflect.construct(AgnesError, ['bad_request']) as AgnesError,
    logged: ['Invalid detail param "reason" of bad_request', 'got undefined', 'the detail template contains {reason}'],
  },
  {
    name: 'object detail param',
    thrown: () => new AgnesError('forbidden', { scope: untyped({}) }),
    logged: ['Invalid detail param "scope" of forbidden', 'got {}', "expected a string, the JSON type of the param's example"],
  },
  {
    name: 'number detail param',
    thrown: () => new AgnesError('route_not_found', { method: 'GET', path: untyped(404) }),
    logged: ['Invalid detail param "path" of route_not_found', 'got 404', 'expected a string'],
  },
  {
    name: 'BigInt detail param',
    thrown: () => new AgnesError('malformed_json', { reason: untyped(10n) }),
    logged: ['Invalid detail param "reason" of malformed_json', 'got 10n', 'expected a JSON value, got a bigint'],
  },
  {
    name: 'function detail param',
    thrown: () => new AgnesError('conflict', { resource: 'policy', reason: untyped(() => 'taken') }),
    logged: ['Invalid detail param "reason" of conflict', 'got a function', 'expected a JSON value, got a function'],
  },
  {
    name: 'second of two detail params',
    thrown: () => new AgnesError('method_not_allowed', { allowed_methods: ['GET'], method: 'PUT', path: untyped(undefined) }),
    logged: ['Invalid detail param "path" of method_not_allowed', 'got undefined', 'the detail template contains {path}'],
  },
];

/** Contract errors whose envelope matches the contract, which are sent as they are. */
const VALID_CASES: { name: string; thrown: () => AgnesError; detail: string }[] = [
  {
    name: 'empty detail option',
    thrown: () => new AgnesError('forbidden', { scope: 'policy:delete' }, { detail: '' }),
    detail: 'Permission denied: missing scope policy:delete.',
  },
  {
    name: 'null detail option',
    thrown: () => new AgnesError('forbidden', { scope: 'policy:delete' }, { detail: untyped(null) }),
    detail: 'Permission denied: missing scope policy:delete.',
  },
  {
    name: 'detail option without the detail param',
    thrown: () => new AgnesError('forbidden', untyped({}), { detail: 'Deleting policies needs an admin key.' }),
    detail: 'Deleting policies needs an admin key.',
  },
  {
    name: 'detail option with an object detail param',
    thrown: () => new AgnesError('forbidden', { scope: untyped({}) }, { detail: 'Deleting policies needs an admin key.' }),
    detail: 'Deleting policies needs an admin key.',
  },
  {
    name: 'detail param of a valid type',
    thrown: () => new AgnesError('token_expired', { expired_at: '2026-12-01T10:00:00Z' }),
    detail: 'The token expired at 2026-12-01T10:00:00Z. Sign in again to get a new one.',
  },
];

describe('detail checks', () => {
  it.each(INVALID_CASES)('masks $name as a logged 500', ({ thrown, logged }) => {
    const logs = captureLogs();
    const error = thrown();

    const rendered = createAgnesRenderer().render(error, { ...context, logger: logs.logger });

    expect(rendered.status).toBe(500);
    expect(rendered.body).toEqual(maskedEnvelopeOf('req-detail'));
    expect(envelopeSchemaErrors(rendered.body)).toEqual([]);
    const [line, ...others] = logs.lines();
    expect(others).toEqual([]);
    expect(line?.level).toBe(LEVEL.error);
    expect(line?.msg).toBe(`Contract error ${(error as AgnesError).code} could not be sent; sent internal_error (500)`);
    // pino's err serializer joins the messages of the causes to the error's own.
    const message = (line?.err as { message?: string } | undefined)?.message ?? '';
    let from = 0;
    for (const fragment of logged) {
      const at = message.indexOf(fragment, from);
      expect(at, `"${fragment}" after position ${from} in: ${message}`).toBeGreaterThanOrEqual(from);
      from = at + fragment.length;
    }
  });

  it.each(VALID_CASES)('sends $name as it is', ({ thrown, detail }) => {
    const logs = captureLogs();
    const error = thrown();

    const rendered = createAgnesRenderer().render(error, { ...context, logger: logs.logger });

    expect(rendered.status).toBe(error.status);
    expect(rendered.body.detail).toBe(detail);
    expect(envelopeSchemaErrors(rendered.body)).toEqual([]);
    expect(logs.lines().map((line) => line.level)).toEqual([LEVEL.info]);
  });
});

/** A registry whose detail params are not strings, and whose template can fill to an empty detail. */
const countRegistry = defineRegistry({
  version: '1.0.0',
  domains: [
    {
      oops: defineError()({
        status: 500, title: 'Oops', summary: 'a fault', retry: { retryable: true, advice: 'retry' }, when: 'Always.',
        causes: ['A test.'], fix: ['Retry.'], detail: 'Something broke.', params: {}, example: {}, related: [], since: '1.0.0',
      }),
      too_many: defineError<{ limit: number; names: string[]; note: string }>()({
        status: 400, title: 'Too many', summary: 'too many items', retry: { retryable: false, advice: 'send fewer' }, when: 'Always.',
        causes: ['A test.'], fix: ['Send fewer.'], detail: '{note}At most {limit} items, not {names}.',
        params: { limit: 'detail', names: 'detail', note: 'detail' }, example: { limit: 10, names: ['a'], note: '' }, related: [], since: '1.0.0',
      }),
      bare: defineError<{ text: string }>()({
        status: 400, title: 'Bare', summary: 'a detail that is only a param', retry: { retryable: false, advice: 'fix it' }, when: 'Always.',
        causes: ['A test.'], fix: ['Fix it.'], detail: '{text}', params: { text: 'detail' }, example: { text: 'why' }, related: [], since: '1.0.0',
      }),
    },
  ],
  families: { 400: { typescript: 'BadRequest', python: 'BadRequest' }, 500: { typescript: 'Fault', python: 'Fault' } },
});
const CountError = createErrorClass(countRegistry);

describe('detail checks of any registry', () => {
  // Every failure kind can be sent as `oops`, because it has no params to fill.
  const codes = {
    internal: 'oops', badRequest: 'oops', malformedJson: 'oops', routeNotFound: 'oops', methodNotAllowed: 'oops',
    payloadTooLarge: 'oops', unsupportedMediaType: 'oops', validationFailed: 'oops',
  } as const;
  const renderer = createErrorRenderer({ registry: countRegistry, codes });

  it.each([
    { name: 'string for a number', params: { limit: '10', names: ['a'], note: '' }, logged: 'Invalid detail param "limit" of too_many: got "10"; expected a number' },
    {
      name: 'long string for a number',
      params: { limit: 'x'.repeat(5000), names: ['a'], note: '' },
      logged: `Invalid detail param "limit" of too_many: got "${'x'.repeat(40)}…" (5000 characters); expected a number`,
    },
    { name: 'NaN for a number', params: { limit: Number.NaN, names: ['a'], note: '' }, logged: 'got NaN; expected a finite number' },
    { name: 'string for an array', params: { limit: 10, names: 'a', note: '' }, logged: 'Invalid detail param "names" of too_many: got "a"; expected an array' },
    { name: 'cycle in an array', params: { limit: 10, names: cyclicArray(), note: '' }, logged: 'got an array; expected a JSON value nested at most 16 levels deep' },
    { name: 'empty filled detail', params: { text: '' }, code: 'bare', logged: 'Invalid detail of bare: got an empty string from the detail template "{text}"' },
  ])('masks $name', ({ params, code, logged }) => {
    const logs = captureLogs();

    const rendered = renderer.render(new CountError(untyped<'too_many'>(code ?? 'too_many'), untyped(params)), { ...context, logger: logs.logger });

    expect(rendered.status).toBe(500);
    expect(rendered.body.code).toBe('oops');
    expect(JSON.stringify(logs.lines()[0]?.err)).toContain(JSON.stringify(logged).slice(1, -1));
  });

  it('sends detail params of their example types', () => {
    const rendered = renderer.render(new CountError('too_many', { limit: 2.5, names: ['a', 'b'], note: '' }), context);

    expect(rendered.status).toBe(400);
    expect(rendered.body.detail).toBe('At most 2.5 items, not ["a","b"].');
  });
});

function cyclicArray(): unknown[] {
  const array: unknown[] = [];
  array.push(array);
  return array;
}

describe.each(APP_KINDS)('%s adapter with an invalid detail', (kind) => {
  let app: RunningApp;
  const logs = captureLogs();
  const thrownFor: Record<string, () => unknown> = {
    'detail-option': () => new AgnesError('forbidden', { scope: 'policy:delete' }, { detail: untyped({}) }),
    'missing-param': () => new AgnesError('forbidden', untyped({})),
    valid: () => new AgnesError('forbidden', { scope: 'policy:delete' }),
  };

  beforeAll(async () => {
    app = await startApp(kind, { renderer: createAgnesRenderer(), logger: logs.logger, valueFor: (name) => thrownFor[name]?.() });
  });
  afterAll(() => app.close());

  it.each(['detail-option', 'missing-param'])('masks %s as internal_error', async (name) => {
    const response = await send(app.url, 'GET', '/throw', { headers: { 'x-case': name } });

    expect(response.status).toBe(500);
    expect(response.body).toEqual(maskedEnvelopeOf(response.headers.get('x-request-id')));
    expect(envelopeSchemaErrors(response.body)).toEqual([]);
    const line = logs.lines().find((entry) => entry.request_id === response.body.request_id);
    expect(line?.level).toBe(LEVEL.error);
    expect(JSON.stringify(line?.err)).toContain('of forbidden: got');
  });

  it('sends a valid detail param', async () => {
    const response = await send(app.url, 'GET', '/throw', { headers: { 'x-case': 'valid' } });

    expect(response.status).toBe(403);
    expect(response.body.detail).toBe('Permission denied: missing scope policy:delete.');
    expect(envelopeSchemaErrors(response.body)).toEqual([]);
  });
});
