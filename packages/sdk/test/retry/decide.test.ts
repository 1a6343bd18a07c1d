import { describe, expect, it } from 'vitest';
import {
  type AgnesError,
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  BadGatewayError,
  errorFromResponse,
} from '../../src/index.ts';
import { decideRetry, type RetryContext } from '../../src/retry/decide.ts';

const CONTEXT: RetryContext = { method: 'GET', hasIdempotencyKey: false, retry: 1, maxRetries: 2, maxRetryAfterMs: 60_000, now: 0 };

async function gatewayError(headers: Record<string, string> = {}): Promise<AgnesError> {
  return errorFromResponse(new Response(null, { status: 502, headers }));
}

describe('decideRetry', () => {
  it.each([
    { name: 'connection failure', error: new APIConnectionError('reset'), retry: true },
    { name: 'attempt timeout', error: new APITimeoutError('slow', { retryable: true }), retry: true },
    { name: 'call timeout', error: new APITimeoutError('over', { retryable: false }), retry: false },
    { name: 'caller abort', error: new APIUserAbortError('stop'), retry: false },
  ])('transport: $name → $retry', ({ error, retry }) => {
    expect(decideRetry(error, CONTEXT).retry).toBe(retry);
  });

  it.each([
    { method: 'GET', key: false, retry: true },
    { method: 'HEAD', key: false, retry: true },
    { method: 'PUT', key: false, retry: true },
    { method: 'POST', key: false, retry: false },
    { method: 'PATCH', key: false, retry: false },
    { method: 'DELETE', key: false, retry: false },
    { method: 'POST', key: true, retry: true },
    { method: 'PATCH', key: true, retry: true },
    { method: 'DELETE', key: true, retry: true },
  ])('$method with key $key → $retry', async ({ method, key, retry }) => {
    const decision = decideRetry(await gatewayError(), { ...CONTEXT, method, hasIdempotencyKey: key });
    expect(decision.retry).toBe(retry);
  });

  it('stops a non-idempotent connection failure without a key', () => {
    const decision = decideRetry(new APIConnectionError('reset'), { ...CONTEXT, method: 'POST' });
    expect(decision).toEqual({ retry: false, reason: 'POST is retried only with an idempotency key' });
  });

  it.each([
    { retry: 1, maxRetries: 2, expected: true },
    { retry: 2, maxRetries: 2, expected: true },
    { retry: 3, maxRetries: 2, expected: false },
    { retry: 1, maxRetries: 0, expected: false },
  ])('retry $retry of $maxRetries → $expected', async ({ retry, maxRetries, expected }) => {
    expect(decideRetry(await gatewayError(), { ...CONTEXT, retry, maxRetries }).retry).toBe(expected);
  });

  it.each([
    { retry: 1, maxRetries: 0, reason: 'no retry left (maxRetries is 0)' },
    { retry: 2, maxRetries: 1, reason: 'no retry left (maxRetries is 1)' },
    { retry: 3, maxRetries: 2, reason: 'no retry left (maxRetries is 2)' },
  ])('stop reason after $maxRetries retries', async ({ retry, maxRetries, reason }) => {
    expect(decideRetry(await gatewayError(), { ...CONTEXT, retry, maxRetries })).toEqual({ retry: false, reason });
  });

  it.each([
    { retry: 1, min: 500, max: 1000 },
    { retry: 2, min: 1000, max: 2000 },
    { retry: 3, min: 2000, max: 4000 },
    { retry: 4, min: 4000, max: 8000 },
    { retry: 5, min: 4000, max: 8000 },
    { retry: 60, min: 4000, max: 8000 },
  ])('backoff of retry $retry is $min–$max ms', async ({ retry, min, max }) => {
    const decision = decideRetry(await gatewayError(), { ...CONTEXT, retry, maxRetries: 100 });
    expect(decision).toEqual({ retry: true, reason: 'backoff', minDelayMs: min, maxDelayMs: max });
  });

  it('uses the hint exactly', async () => {
    const decision = decideRetry(await gatewayError({ 'retry-after': '3' }), CONTEXT);
    expect(decision).toEqual({ retry: true, reason: 'server hint', minDelayMs: 3000, maxDelayMs: 3000 });
  });

  it('stops at a hint above the cap', async () => {
    const decision = decideRetry(await gatewayError({ 'retry-after': '3' }), { ...CONTEXT, maxRetryAfterMs: 2999 });
    expect(decision.retry).toBe(false);
    expect(decision.reason).toBe('the server hint of 3000 ms exceeds maxRetryAfter (2999 ms)');
  });

  it('reads Retry-After dates against the given clock', async () => {
    const error = await gatewayError({ 'retry-after': 'Wed, 21 Oct 2026 07:28:00 GMT' });
    const decision = decideRetry(error, { ...CONTEXT, now: Date.parse('2026-10-21T07:27:50Z') });
    expect(decision).toMatchObject({ retry: true, minDelayMs: 10_000, maxDelayMs: 10_000 });
  });

  it('never retries a non-transient family error', async () => {
    const error = await errorFromResponse(new Response(null, { status: 500 }));
    expect(error).not.toBeInstanceOf(BadGatewayError);
    expect(decideRetry(error, CONTEXT)).toEqual({ retry: false, reason: 'the error is not retryable' });
  });
});
