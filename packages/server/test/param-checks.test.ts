import { describe, expect, it } from 'vitest';
import { AgnesError, createAgnesRenderer, createErrorClass, createErrorRenderer } from '../src/index.ts';
import { captureLogs, LEVEL } from './support/logs.ts';
import { envelopeSchemaErrors } from './support/schema.ts';
import { shopFailureCodes, shopRegistry } from './support/synthetic-registry.ts';

const context = { requestId: 'req-params', method: 'GET', path: '/limits' };

interface BadParamCase {
  name: string;
  thrown: () => Error;
  param: string;
  shown: string;
}

/** Contract errors whose public params would break the published envelope schema. */
const AGNES_CASES: BadParamCase[] = [
  { name: 'negative retry_after', thrown: () => new AgnesError('rate_limited', { retry_after: -1 }), param: 'retry_after', shown: '-1' },
  { name: 'fractional retry_after', thrown: () => new AgnesError('rate_limited', { retry_after: 1.5 }), param: 'retry_after', shown: '1.5' },
  { name: 'NaN retry_after', thrown: () => new AgnesError('rate_limited', { retry_after: Number.NaN }), param: 'retry_after', shown: 'NaN' },
  {
    name: 'missing retry_after',
    thrown: () => new AgnesError('rate_limited', {} as { retry_after: number }),
    param: 'retry_after',
    shown: 'undefined',
  },
  {
    name: 'negative optional retry_after',
    thrown: () => new AgnesError('service_unavailable', { retry_after: -5 }),
    param: 'retry_after',
    shown: '-5',
  },
  { name: 'Infinity max_bytes', thrown: () => new AgnesError('payload_too_large', { max_bytes: Infinity }), param: 'max_bytes', shown: 'Infinity' },
  {
    name: 'BigInt quota',
    thrown: () => new AgnesError('quota_exceeded', { quota: 10n as unknown as number, resets_at: '2026-11-01T00:00:00Z' }),
    param: 'quota',
    shown: '10n',
  },
  {
    name: 'function in an array',
    thrown: () => new AgnesError('method_not_allowed', { allowed_methods: [(() => 'GET') as unknown as string], method: 'PUT', path: '/x' }),
    param: 'allowed_methods',
    shown: 'an array',
  },
  {
    name: 'missing resource',
    thrown: () => new AgnesError('resource_not_found', { id: 'pol_1' } as { resource: string; id: string }),
    param: 'resource',
    shown: 'undefined',
  },
];

describe('public param checks', () => {
  it.each(AGNES_CASES)('masks $name as a logged 500', ({ thrown, param, shown }) => {
    const logs = captureLogs();
    const renderer = createAgnesRenderer();
    const error = thrown();

    const rendered = renderer.render(error, { ...context, logger: logs.logger });

    expect(rendered.status).toBe(500);
    expect(rendered.body.code).toBe('internal_error');
    expect(rendered.headers).not.toHaveProperty('retry-after');
    expect(envelopeSchemaErrors(rendered.body)).toEqual([]);
    const [line] = logs.lines();
    expect(line?.level).toBe(LEVEL.error);
    expect(line?.request_id).toBe('req-params');
    const logged = JSON.stringify(line);
    expect(logged).toContain((error as AgnesError).code);
    expect(logged).toContain(`\\"${param}\\"`);
    expect(logged).toContain(`got ${shown}`);
  });

  it.each([
    { name: 'zero retry_after', thrown: new AgnesError('rate_limited', { retry_after: 0 }), header: '0' },
    { name: 'whole retry_after', thrown: new AgnesError('rate_limited', { retry_after: 30 }), header: '30' },
    { name: 'absent optional retry_after', thrown: new AgnesError('service_unavailable'), header: undefined },
  ])('sends $name as it is', ({ thrown, header }) => {
    const rendered = createAgnesRenderer().render(thrown, context);

    expect(rendered.status).toBe(thrown.status);
    expect(rendered.body.code).toBe(thrown.code);
    expect(rendered.headers['retry-after']).toBe(header);
    expect(envelopeSchemaErrors(rendered.body)).toEqual([]);
  });

  it('checks the Retry-After param of any registry', () => {
    const ShopError = createErrorClass(shopRegistry);
    const renderer = createErrorRenderer({ registry: shopRegistry, codes: shopFailureCodes });

    const rendered = renderer.render(new ShopError('slow_down', { wait_seconds: 2.5 }), context);

    expect(rendered.status).toBe(500);
    expect(rendered.body.code).toBe('oops');
  });
});
