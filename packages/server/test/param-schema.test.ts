/**
 * Public params checked against the published schema, `@agnes/errors/schema.json`: params that
 * compile but break a member schema of their envelope are masked as a logged 500, and params at the
 * edges of each rule are sent as they are.
 */
import { agnesRegistry, type AgnesParams, type ErrorCode } from '@agnes/errors';
import agnesSchema from '@agnes/errors/schema.json' with { type: 'json' };
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AgnesError,
  MAX_FIELD_ERRORS,
  agnesFailureCodes,
  createAgnesRenderer,
  createErrorRenderer,
  fieldErrorsFromAjv,
  limitFieldErrors,
} from '../src/index.ts';
import { captureLogs, LEVEL, type LogLine } from './support/logs.ts';
import { envelopeSchemaErrors } from './support/schema.ts';

const context = { requestId: 'req-schema', method: 'POST', path: '/v1/policies' };

/** Creates an Agnes error without the compile-time check of its params, as a cast in a service would. */
function looseError(code: ErrorCode, params: object): AgnesError {
  return new (AgnesError as unknown as new (code: string, params: object) => AgnesError)(code, params);
}

interface BrokenParamCase {
  name: string;
  thrown: () => AgnesError;
  param: string;
  /** The value as the log line describes it, after `got `. */
  described: string;
  /** The schema keyword that the log line names. */
  rule: string;
}

/** Params that compile, or pass the registry's own checks, yet break the published schema. */
const BROKEN_PARAM_CASES: BrokenParamCase[] = [
  { name: 'empty resource id', thrown: () => new AgnesError('resource_not_found', { resource: 'policy', id: '' }), param: 'id', described: '""', rule: 'minLength' },
  { name: 'resource not in snake_case', thrown: () => new AgnesError('resource_not_found', { resource: 'Policy', id: 'pol_1' }), param: 'resource', described: '"Policy"', rule: 'pattern' },
  { name: 'zero quota', thrown: () => new AgnesError('quota_exceeded', { quota: 0, resets_at: '2026-12-01T00:00:00Z' }), param: 'quota', described: '0', rule: 'minimum' },
  { name: 'resets_at not a date-time', thrown: () => new AgnesError('quota_exceeded', { quota: 1000, resets_at: 'tomorrow' }), param: 'resets_at', described: '"tomorrow"', rule: 'format' },
  {
    name: 'idempotency key of 300 characters',
    thrown: () => new AgnesError('idempotency_key_reused', { idempotency_key: 'k'.repeat(300) }),
    param: 'idempotency_key',
    described: `"${'k'.repeat(40)}…" (300 characters)`,
    rule: 'maxLength',
  },
  {
    name: 'empty allowed_methods',
    thrown: () => new AgnesError('method_not_allowed', { allowed_methods: [], method: 'PUT', path: '/v1/policies' }),
    param: 'allowed_methods',
    described: '[]',
    rule: 'minItems',
  },
  {
    name: 'repeated allowed_methods',
    thrown: () => new AgnesError('method_not_allowed', { allowed_methods: ['GET', 'GET'], method: 'PUT', path: '/v1/policies' }),
    param: 'allowed_methods',
    described: '["GET","GET"]',
    rule: 'uniqueItems',
  },
  {
    name: 'field error pointer without a slash',
    thrown: () => new AgnesError('validation_failed', { errors: [{ pointer: 'a', code: 'Bad Code', detail: '' }] }),
    param: 'errors',
    described: '"a" at /errors/0/pointer',
    rule: 'pattern',
  },
  {
    name: 'field error code not in snake_case',
    thrown: () => new AgnesError('validation_failed', { errors: [{ pointer: '/a', code: 'Bad Code', detail: '' }] }),
    param: 'errors',
    described: '"Bad Code" at /errors/0/code',
    rule: 'pattern',
  },
  { name: 'empty errors list', thrown: () => new AgnesError('validation_failed', { errors: [] }), param: 'errors', described: '[]', rule: 'minItems' },
  {
    name: 'field error without detail',
    thrown: () => looseError('validation_failed', { errors: [{ pointer: '/a', code: 'required' }] }),
    param: 'errors',
    described: '{"pointer":"/a","code":"required"} at /errors/0',
    rule: 'required',
  },
  {
    name: 'field error with an extra member',
    thrown: () => looseError('validation_failed', { errors: [{ pointer: '/a', code: 'required', detail: 'a is required.', value: 'secret' }] }),
    param: 'errors',
    described: `${'{"pointer":"/a","code":"required","detail":"a is required.","value":"secret"}'.slice(0, 60)}… at /errors/0`,
    rule: 'additionalProperties',
  },
  { name: 'fractional max_bytes', thrown: () => new AgnesError('payload_too_large', { max_bytes: 10.5 }), param: 'max_bytes', described: '10.5', rule: 'type' },
  {
    name: 'missing allowed_methods',
    thrown: () => looseError('method_not_allowed', { method: 'PUT', path: '/v1/policies' }),
    param: 'allowed_methods',
    described: 'undefined',
    rule: 'required by the published schema',
  },
  {
    name: 'number in supported_media_types',
    thrown: () => looseError('unsupported_media_type', { supported_media_types: [7], content_type: 'text/csv' }),
    param: 'supported_media_types',
    described: '7 at /supported_media_types/0',
    rule: 'type',
  },
];

describe('params against the published schema', () => {
  it.each(BROKEN_PARAM_CASES)('masks $name as a logged 500', ({ thrown, param, described, rule }) => {
    const logs = captureLogs();
    const error = thrown();

    const rendered = createAgnesRenderer().render(error, { ...context, logger: logs.logger });

    expect(rendered.status).toBe(500);
    expect(rendered.body.code).toBe('internal_error');
    expect(rendered.headers).not.toHaveProperty('allow');
    expect(envelopeSchemaErrors(rendered.body)).toEqual([]);
    const [line, ...rest] = logs.lines();
    expect(rest).toEqual([]);
    expect(line?.level).toBe(LEVEL.error);
    expect(line?.request_id).toBe('req-schema');
    const logged = errorMessageOf(line);
    expect(logged).toContain(`Invalid public param "${param}" of ${error.code}`);
    expect(logged).toContain(`got ${described};`);
    expect(logged).toContain(rule);
  });

  it.each<{ name: string; thrown: () => AgnesError }>([
    { name: 'one-character resource id', thrown: () => new AgnesError('resource_not_found', { resource: 'api_key', id: 'x' }) },
    { name: 'quota of one', thrown: () => new AgnesError('quota_exceeded', { quota: 1, resets_at: '2026-12-01T00:00:00+01:00' }) },
    { name: 'idempotency key of 255 characters', thrown: () => new AgnesError('idempotency_key_reused', { idempotency_key: 'k'.repeat(255) }) },
    { name: 'one allowed method', thrown: () => new AgnesError('method_not_allowed', { allowed_methods: ['GET'], method: 'PUT', path: '/v1/policies' }) },
    {
      name: 'field errors with escaped and empty pointers',
      thrown: () =>
        new AgnesError('validation_failed', {
          errors: [
            { pointer: '', code: 'invalid_value', detail: '' },
            { pointer: '/a~1b/~0c/0', code: 'too_long', detail: 'c is too long.' },
          ],
        }),
    },
    { name: 'zero retry_after', thrown: () => new AgnesError('rate_limited', { retry_after: 0 }) },
    { name: 'absent optional retry_after', thrown: () => new AgnesError('service_unavailable', {}) },
  ])('sends $name as it is', ({ thrown }) => {
    const logs = captureLogs();
    const error = thrown();

    const rendered = createAgnesRenderer().render(error, { ...context, logger: logs.logger });

    expect(rendered.status).toBe(error.status);
    expect(rendered.body.code).toBe(error.code);
    expect(envelopeSchemaErrors(rendered.body)).toEqual([]);
    expect(logs.text()).not.toContain('could not be built');
  });

  it('sends the Allow header of a valid 405', () => {
    const rendered = createAgnesRenderer().render(
      new AgnesError('method_not_allowed', { allowed_methods: ['GET', 'HEAD'], method: 'PUT', path: '/v1/policies' }),
      context,
    );

    expect(rendered.status).toBe(405);
    expect(rendered.headers.allow).toBe('GET, HEAD');
  });

  it('checks only with the schema option', () => {
    const thrown = new AgnesError('quota_exceeded', { quota: 0, resets_at: 'tomorrow' });
    const withSchema = createErrorRenderer({ registry: agnesRegistry, codes: agnesFailureCodes, schema: agnesSchema });
    const withoutSchema = createErrorRenderer({ registry: agnesRegistry, codes: agnesFailureCodes });

    expect(withSchema.render(thrown, context).status).toBe(500);
    expect(withoutSchema.render(thrown, context).status).toBe(429);
  });

  it('takes no schema option for the Agnes renderer', () => {
    // @ts-expect-error the Agnes renderer always checks against the Agnes catalog's schema
    createAgnesRenderer({ schema: agnesSchema });
  });
});

describe('validation failures at the errors cap', () => {
  const renderer = createAgnesRenderer();

  it('sends the capped list of many unknown members', () => {
    const errors = fieldErrorsFromAjv(
      Array.from({ length: 3_000 }, (_, index) => ({
        instancePath: '',
        keyword: 'additionalProperties',
        params: { additionalProperty: `${index % 2 ? '~/' : '\ud800'}${'k'.repeat(index % 7 === 0 ? 20_000 : index)}` },
        message: 'must NOT have additional properties',
      })),
    );

    const rendered = renderer.render(new AgnesError('validation_failed', { errors }), context);

    expect(errors).toHaveLength(MAX_FIELD_ERRORS);
    expect(rendered.status).toBe(422);
    expect(envelopeSchemaErrors(rendered.body)).toEqual([]);
  });

  it('sends the capped list of deep pointers and long details', () => {
    const deep = `/${Array.from({ length: 200 }, (_, index) => `level~1${index}`).join('/')}`;
    const errors = limitFieldErrors(
      Array.from({ length: 80 }, (_, index) => ({ pointer: `${deep}/${index}`, code: 'too_long', detail: 'x'.repeat(10_000) })),
    );

    const rendered = renderer.render(new AgnesError('validation_failed', { errors }), context);

    expect(rendered.status).toBe(422);
    expect((rendered.body as AgnesParams<'validation_failed'>).errors).toHaveLength(MAX_FIELD_ERRORS);
    expect(envelopeSchemaErrors(rendered.body)).toEqual([]);
  });
});

describe('schema compilation', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('compiles each code once, on its first error', () => {
    const compile = vi.spyOn(Ajv2020.prototype, 'compile');
    const schema = structuredClone(agnesSchema);
    const renderer = createErrorRenderer({ registry: agnesRegistry, codes: agnesFailureCodes, schema });
    const notFound = new AgnesError('resource_not_found', { resource: 'policy', id: 'pol_1' });
    expect(compile).not.toHaveBeenCalled();

    renderer.render(new AgnesError('forbidden', { scope: 'policy:delete' }), context);
    expect(compile).not.toHaveBeenCalled();

    renderer.render(notFound, context);
    renderer.render(notFound, context);
    createErrorRenderer({ registry: agnesRegistry, codes: agnesFailureCodes, schema }).render(notFound, context);
    expect(compile).toHaveBeenCalledTimes(1);
  });

  it('rejects a schema without an envelope of a code', () => {
    const schema = structuredClone(agnesSchema) as { $defs: Record<string, unknown> };
    delete schema.$defs.QuotaExceededEnvelope;

    expect(() => createErrorRenderer({ registry: agnesRegistry, codes: agnesFailureCodes, schema })).toThrow(
      'Invalid schema: the published schema has no envelope for the codes quota_exceeded; pass the schema generated from this registry',
    );
  });

  it.each([
    {
      name: 'an envelope without a public param',
      change: (envelope: EditableEnvelope) => delete envelope.properties.quota,
      reason: 'has no member "quota", a public param of quota_exceeded',
    },
    {
      name: 'a format that Ajv does not know',
      change: (envelope: EditableEnvelope) => Object.assign(envelope.properties.resets_at!, { format: 'lunar-date' }),
      reason: 'unknown format "lunar-date"',
    },
  ])('masks a code whose params schema has $name', ({ change, reason }) => {
    const schema = structuredClone(agnesSchema) as unknown as { $defs: Record<string, EditableEnvelope> };
    change(schema.$defs.QuotaExceededEnvelope!);
    const renderer = createErrorRenderer({ registry: agnesRegistry, codes: agnesFailureCodes, schema });
    const logs = captureLogs();

    const quota = renderer.render(new AgnesError('quota_exceeded', { quota: 1000, resets_at: '2026-12-01T00:00:00Z' }), {
      ...context,
      logger: logs.logger,
    });
    const notFound = renderer.render(new AgnesError('resource_not_found', { resource: 'policy', id: 'pol_1' }), context);

    expect(quota.status).toBe(500);
    const logged = errorMessageOf(logs.lines()[0]);
    expect(logged).toContain('Cannot check the public params of quota_exceeded against the published schema');
    expect(logged).toContain(reason);
    expect(notFound.status).toBe(404);
  });
});

/** Returns the logged error's message, which pino's serializer joins with the messages of its causes. */
function errorMessageOf(line: LogLine | undefined): string {
  const err = line?.err as { message?: unknown } | undefined;
  return typeof err?.message === 'string' ? err.message : '';
}

interface EditableEnvelope {
  properties: Record<string, object>;
}
