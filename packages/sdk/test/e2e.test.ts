/** The client against the example service of apps/api, run as a child process on 127.0.0.1. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agnes, isAgnesError, NotFoundError, PermissionError, RateLimitError } from '../src/index.ts';
import { startExampleApi, type ExampleApi } from './support/example-api.ts';
import { recordingLogger } from './support/logger.ts';

let api: ExampleApi;

beforeAll(async () => {
  api = await startExampleApi({ RATE_LIMIT_MAX: '5' });
}, 30_000);

afterAll(async () => {
  await api?.stop();
});

/** A client whose fetch counts the attempts it sends. */
function countingClient(apiKey: string, maxRetries = 2) {
  const attempts: string[] = [];
  const logger = recordingLogger();
  const agnes = new Agnes({
    apiKey,
    baseURL: api.url,
    maxRetries,
    logger,
    fetch: (input, init) => {
      attempts.push(`${init?.method} ${String(input)}`);
      return fetch(input, init);
    },
  });
  return { agnes, attempts, logger };
}

describe('example API', () => {
  it('reads a policy with the read key', async () => {
    const { agnes, attempts } = countingClient('agnes_demo_read');
    const policy = await agnes.request<{ id: string }>({ path: '/v1/policies/pol_1' });
    expect(policy.id).toBe('pol_1');
    expect(attempts).toHaveLength(1);
  });

  it('raises PermissionError for a delete with the read key, after one attempt', async () => {
    const { agnes, attempts, logger } = countingClient('agnes_demo_read');
    const error = await agnes.request({ method: 'DELETE', path: '/v1/policies/pol_1', idempotencyKey: true }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PermissionError);
    const permission = error as PermissionError;
    expect(permission.status).toBe(403);
    expect(permission.code).toBe('forbidden');
    expect(permission.isKnownCode).toBe(true);
    expect(permission.detail).toBe('Permission denied: missing scope policy:delete.');
    expect(permission.docUrl).toBe('https://docs.lasscyber.com/errors/forbidden');
    expect(permission.requestId).toEqual(expect.any(String));
    expect(permission.headers.get('x-request-id')).toBe(permission.requestId);
    expect(permission.retryable).toBe(false);
    expect(isAgnesError(error, 'forbidden')).toBe(true);
    expect(attempts).toEqual([`DELETE ${api.url}/v1/policies/pol_1`]);
    expect(logger.entries).toEqual([]);
    // The service writes its log line after the response, so it can arrive a moment later.
    await expect.poll(() => api.logs().some((line) => JSON.stringify(line).includes(permission.requestId!)), { timeout: 10_000 }).toBe(true);
  });

  it('raises NotFoundError for an unknown route', async () => {
    const { agnes } = countingClient('agnes_demo_read');
    const error = await agnes.request({ path: '/v1/nothing-here' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).code).toBe('route_not_found');
  });

  it('raises RateLimitError with typed params past the limit', async () => {
    const { agnes } = countingClient('agnes_demo_read', 0);
    let limited: unknown;
    for (let attempt = 0; attempt < 10 && limited === undefined; attempt++) {
      limited = await agnes.request({ path: '/v1/policies' }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
    }
    expect(limited).toBeInstanceOf(RateLimitError);
    if (!isAgnesError(limited, 'rate_limited')) throw new Error(`expected rate_limited, got ${String(limited)}`);
    expect(limited.params.retry_after).toBeGreaterThan(0);
    expect(limited.headers.get('retry-after')).toBe(String(limited.params.retry_after));
  });
});
