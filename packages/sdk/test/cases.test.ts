/**
 * Faults that broke comparable SDKs, run through the client against real servers:
 * proxy HTML pages, 2xx bot checks, Retry-After dates and junk, problem+json, bodies
 * without a code, and empty 429s.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  Agnes,
  type AgnesOptions,
  type APIError,
  BadGatewayError,
  PermissionError,
  RateLimitError,
  RetryBudget,
  UnexpectedResponseError,
  UnprocessableEntityError,
} from '../src/index.ts';
import { driveRetries, useFakeClock } from './support/drive.ts';
import { recordingLogger } from './support/logger.ts';
import { jsonReply, startScriptedServer, type ScriptedReply, type ScriptedServer } from './support/server.ts';

const NGINX_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
const BOT_PAGE = '<!DOCTYPE html><html><body>Checking your browser…</body></html>';
const RATE_LIMITED = { detail: 'Rate limit exceeded: retry after 30 seconds.', code: 'rate_limited', request_id: 'req_429', doc_url: 'https://docs.lasscyber.com/errors/rate_limited', retry_after: 30 };

const servers: ScriptedServer[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function run(replies: ScriptedReply[], options: Partial<AgnesOptions> = {}) {
  useFakeClock('2026-10-21T07:27:30Z');
  const server = await startScriptedServer(replies);
  servers.push(server);
  const logger = recordingLogger();
  const agnes = new Agnes({ baseURL: server.url, logger, ...options });
  const result = await driveRetries(agnes.request({ path: '/v1/policies' }), logger);
  const gaps = server.requests.slice(1).map((request, index) => request.receivedAt - server.requests[index]!.receivedAt);
  return { ...result, server, logger, gaps };
}

describe('nginx 502 HTML page', () => {
  it('raises BadGatewayError with a short detail after the retries', async () => {
    const { error, server } = await run([{ status: 502, headers: { 'content-type': 'text/html' }, body: NGINX_502 }]);
    expect(error).toBeInstanceOf(BadGatewayError);
    const apiError = error as APIError;
    expect(apiError.status).toBe(502);
    expect(apiError.code).toBe('unknown');
    expect(apiError.requestId).toBeUndefined();
    expect(apiError.detail).toBe('HTTP 502: 502 Bad Gateway (HTML page)');
    expect(apiError.message).not.toContain('<');
    expect(apiError.body).toBe(NGINX_502);
    expect(error).not.toBeInstanceOf(SyntaxError);
    expect(server.requests).toHaveLength(3);
  });

  it('is retried only within the budget', async () => {
    const { error, server } = await run([{ status: 502, headers: { 'content-type': 'text/html' }, body: NGINX_502 }], {
      retryBudget: new RetryBudget({ capacity: 4 }),
    });
    expect(error).toBeInstanceOf(BadGatewayError);
    expect(server.requests).toHaveLength(1);
  });

  it('succeeds when the proxy recovers', async () => {
    const { value, server } = await run([{ status: 502, headers: { 'content-type': 'text/html' }, body: NGINX_502 }, jsonReply(200, { id: 'pol_1' })]);
    expect(value).toEqual({ id: 'pol_1' });
    expect(server.requests).toHaveLength(2);
  });
});

describe('200 bot-check page', () => {
  it.each<{ name: string; headers: Record<string, string>; named: string }>([
    { name: 'no content type', headers: {}, named: 'no content type' },
    { name: 'text/html', headers: { 'content-type': 'text/html' }, named: 'content type text/html' },
  ])('raises UnexpectedResponseError for $name, not retried', async ({ headers, named }) => {
    const { error, server } = await run([{ status: 200, headers, body: BOT_PAGE }]);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    const unexpected = error as UnexpectedResponseError;
    expect(unexpected.status).toBe(200);
    expect(unexpected.detail).toBe(`Expected a JSON response from the API, got HTTP 200 with ${named}`);
    expect(unexpected.body).toBe(BOT_PAGE);
    expect(server.requests).toHaveLength(1);
  });
});

describe('Retry-After as an HTTP-date', () => {
  it.each([
    { name: 'a date 30 s ahead', date: 'Wed, 21 Oct 2026 07:28:00 GMT', wait: 30_000 },
    { name: 'a date in the past', date: 'Wed, 21 Oct 2026 07:27:00 GMT', wait: 0 },
    { name: 'the clock itself', date: 'Wed, 21 Oct 2026 07:27:30 GMT', wait: 0 },
  ])('waits $wait ms for $name', async ({ date, wait }) => {
    const { value, delays, gaps } = await run([jsonReply(429, RATE_LIMITED, { 'retry-after': date }), jsonReply(200, { ok: true })]);
    expect(value).toEqual({ ok: true });
    expect(delays).toEqual([wait]);
    expect(gaps).toEqual([wait]);
  });

  it('surfaces the error for a date beyond the cap', async () => {
    const { error, server } = await run([jsonReply(429, RATE_LIMITED, { 'retry-after': 'Wed, 21 Oct 2026 09:00:00 GMT' }), jsonReply(200, {})]);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(server.requests).toHaveLength(1);
  });
});

describe('three 429s with Retry-After: soon', () => {
  it('ignores the hint, backs off with jitter, and retries exactly twice', async () => {
    // Without retry_after in the body, the junk header leaves the client no usable hint.
    const { retry_after: _hint, ...withoutHintParam } = RATE_LIMITED;
    const reply = jsonReply(429, withoutHintParam, { 'retry-after': 'soon' });
    const { error, delays, server } = await run([reply, reply, reply, jsonReply(200, {})], { maxRetries: 2 });

    expect(error).toBeInstanceOf(RateLimitError);
    expect(server.requests).toHaveLength(3);
    expect(delays).toHaveLength(2);
    for (const delay of delays) {
      expect(Number.isFinite(delay)).toBe(true);
      expect(delay).toBeGreaterThanOrEqual(0);
    }
    expect(delays[0]).toBeGreaterThanOrEqual(500);
    expect(delays[0]).toBeLessThanOrEqual(1000);
    expect(delays[1]).toBeGreaterThanOrEqual(1000);
    expect(delays[1]).toBeLessThanOrEqual(2000);
  });
});

describe('403 application/problem+json with charset', () => {
  it('raises PermissionError with request id and doc URL, sent once', async () => {
    const envelope = {
      detail: 'Permission denied: missing scope policy:delete.',
      code: 'forbidden',
      request_id: '5b3f6c7e-7d24-4d40-9b12-3a59c01c6e91',
      doc_url: 'https://docs.lasscyber.com/errors/forbidden',
      type: 'https://docs.lasscyber.com/errors/forbidden',
      title: 'Forbidden',
      status: 403,
    };
    const { error, server } = await run([{ status: 403, headers: { 'content-type': 'application/problem+json; charset=utf-8' }, body: JSON.stringify(envelope) }]);
    expect(error).toBeInstanceOf(PermissionError);
    const permission = error as PermissionError;
    expect(permission.code).toBe('forbidden');
    expect(permission.requestId).toBe(envelope.request_id);
    expect(permission.docUrl).toBe(envelope.doc_url);
    expect(permission.detail).toBe(envelope.detail);
    expect(server.requests).toHaveLength(1);
  });
});

describe('422 JSON without code or request id', () => {
  it('raises the 422 family class with the body detail and keeps the body', async () => {
    const body = { detail: "model 'x' does not exist" };
    const { error, server } = await run([jsonReply(422, body)]);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    const unprocessable = error as UnprocessableEntityError;
    expect(unprocessable.code).toBe('unknown');
    expect(unprocessable.isKnownCode).toBe(false);
    expect(unprocessable.detail).toBe("model 'x' does not exist");
    expect(unprocessable.body).toEqual(body);
    expect(unprocessable.message).not.toMatch(/no body|empty/i);
    expect(server.requests).toHaveLength(1);
  });
});

describe('empty 429 with Retry-After: 5', () => {
  it('raises RateLimitError after waiting 5 s before each retry', async () => {
    const empty: ScriptedReply = { status: 429, headers: { 'content-length': '0', 'retry-after': '5' } };
    const { error, delays, gaps } = await run([empty]);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).status).toBe(429);
    expect((error as RateLimitError).detail).toBe('HTTP 429 with an empty body');
    expect(delays).toEqual([5000, 5000]);
    expect(gaps).toEqual([5000, 5000]);
  });
});
