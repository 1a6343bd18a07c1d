/** The retry section of the README states the client's real defaults and rules. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Agnes, APIConnectionError, APITimeoutError, errorFromResponse, RetryBudget } from '../src/index.ts';
import { decideRetry, type RetryContext } from '../src/retry/decide.ts';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
const CONTEXT: RetryContext = { method: 'GET', hasIdempotencyKey: false, retry: 1, maxRetries: 2, maxRetryAfterMs: 60_000, now: 0 };

describe('README retries section', () => {
  it('states the default retry count and cap', () => {
    const agnes = new Agnes({ baseURL: 'https://api.example.com' });
    expect(README).toContain(`at most \`maxRetries\` retries (default ${agnes.maxRetries})`);
    expect(README).toContain(`A hint above \`maxRetryAfter\` (default ${agnes.maxRetryAfter} ms, that is ${agnes.maxRetryAfter / 1000} s) ends the retries`);
  });

  it('states the retry budget defaults', () => {
    const budget = new RetryBudget();
    const retryCost = budget.acquire(new APIConnectionError('reset'));
    const timeoutCost = budget.acquire(new APITimeoutError('slow', { retryable: true }));
    const before = budget.available;
    budget.recordSuccess(undefined);

    expect(README).toContain(`${budget.capacity} tokens when full, ${retryCost} per retry and ${timeoutCost} per retry after a timeout`);
    expect(README).toContain(`succeeds at its first attempt adds ${budget.available - before} token`);
  });

  it.each([
    { method: 'POST', retried: false },
    { method: 'PATCH', retried: false },
    { method: 'DELETE', retried: false },
    { method: 'GET', retried: true },
    { method: 'HEAD', retried: true },
    { method: 'PUT', retried: true },
    { method: 'OPTIONS', retried: true },
  ])('states how $method is retried without a key', async ({ method, retried }) => {
    const unavailable = await errorFromResponse(new Response(null, { status: 503 }));
    expect(decideRetry(unavailable, { ...CONTEXT, method }).retry).toBe(retried);
    const sentence = retried ? '`GET`, `HEAD`, `PUT`, `OPTIONS` and any other method are retried without one' : '`POST`, `PATCH` and `DELETE` are retried only with an idempotency key';
    expect(README).toContain(sentence);
  });
});
