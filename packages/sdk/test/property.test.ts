/**
 * Whatever a server sends (any status, headers and body), the parser and the client
 * produce only the SDK's documented classes, and every retry delay is finite and >= 0.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Agnes, AgnesError, APIError, errorFromResponse } from '../src/index.ts';
import { decideRetry } from '../src/retry/decide.ts';

const CONTENT_TYPES = ['application/json', 'application/problem+json; charset=utf-8', 'text/html', 'text/plain', 'application/octet-stream', ''];
const CODES = ['forbidden', 'rate_limited', 'validation_failed', 'constructor', '__proto__', 'unknown_thing', ''];

const headerValue = fc.oneof(
  fc.stringMatching(/^[\x20-\x7e]{0,40}$/),
  fc.integer({ min: -10, max: 100_000 }).map(String),
  fc.date({ noInvalidDate: true }).map((date) => date.toUTCString()),
);

const jsonBody = fc.record(
  {
    detail: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
    code: fc.oneof(fc.constantFrom(...CODES), fc.string(), fc.integer()),
    request_id: fc.oneof(fc.string(), fc.integer()),
    doc_url: fc.string(),
    retry_after: fc.oneof(fc.integer({ min: -5, max: 1000 }), fc.double(), fc.string()),
    errors: fc.anything(),
  },
  { requiredKeys: [] },
);

const body = fc.oneof(
  jsonBody.map((value) => JSON.stringify(value)),
  fc.json(),
  fc.string({ maxLength: 300 }),
  fc.constantFrom('', '<html><title>x</title>', '{"code":', 'null', '[]'),
);

const response = fc.record({
  status: fc.integer({ min: 200, max: 599 }),
  contentType: fc.constantFrom(...CONTENT_TYPES),
  retryAfter: fc.option(headerValue, { nil: undefined }),
  retryAfterMs: fc.option(headerValue, { nil: undefined }),
  requestId: fc.option(fc.stringMatching(/^[A-Za-z0-9-]{1,20}$/), { nil: undefined }),
  body,
});

type ResponseSpec = typeof response extends fc.Arbitrary<infer T> ? T : never;

function build(spec: ResponseSpec): Response {
  const headers = new Headers();
  if (spec.contentType) headers.set('content-type', spec.contentType);
  if (spec.retryAfter !== undefined) headers.set('retry-after', spec.retryAfter);
  if (spec.retryAfterMs !== undefined) headers.set('retry-after-ms', spec.retryAfterMs);
  if (spec.requestId !== undefined) headers.set('x-request-id', spec.requestId);
  const noBody = spec.status === 204 || spec.status === 205 || spec.status === 304;
  return new Response(noBody ? null : new TextEncoder().encode(spec.body), { status: spec.status, headers });
}

describe('hostile responses', () => {
  it('errorFromResponse returns an APIError with finite retry delays', async () => {
    await fc.assert(
      fc.asyncProperty(response, fc.integer({ min: 1, max: 6 }), fc.constantFrom('GET', 'POST', 'DELETE'), async (spec, retry, method) => {
        const error = await errorFromResponse(build(spec));
        expect(error).toBeInstanceOf(APIError);
        expect(error.detail.length).toBeLessThanOrEqual(300);
        expect(typeof error.code).toBe('string');
        const decision = decideRetry(error, { method, hasIdempotencyKey: method === 'GET', retry, maxRetries: 5, maxRetryAfterMs: 60_000, now: Date.parse('2026-10-21T07:27:30Z') });
        if (decision.retry) {
          expect(Number.isFinite(decision.minDelayMs)).toBe(true);
          expect(Number.isFinite(decision.maxDelayMs)).toBe(true);
          expect(decision.minDelayMs).toBeGreaterThanOrEqual(0);
          expect(decision.maxDelayMs).toBeGreaterThanOrEqual(decision.minDelayMs);
          expect(decision.maxDelayMs).toBeLessThanOrEqual(60_000);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('Agnes.request rejects only with AgnesError subclasses', async () => {
    await fc.assert(
      fc.asyncProperty(response, async (spec) => {
        // A hint above 0 would make the client wait; maxRetries 0 keeps each run to one attempt.
        const agnes = new Agnes({ baseURL: 'http://127.0.0.1:9', maxRetries: 0, fetch: async () => build(spec) });
        try {
          await agnes.request({ path: '/v1/x' });
          expect(spec.status).toBeLessThan(300);
        } catch (error) {
          expect(error).toBeInstanceOf(AgnesError);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('Agnes.request wraps whatever fetch throws', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything({ withNullPrototype: true, withBoxedValues: true, withMap: true, withSet: true }), async (thrown) => {
        const agnes = new Agnes({ baseURL: 'http://127.0.0.1:9', maxRetries: 0, fetch: async () => Promise.reject(thrown) });
        await expect(agnes.request({ path: '/v1/x' })).rejects.toBeInstanceOf(AgnesError);
      }),
      { numRuns: 200 },
    );
  });
});
