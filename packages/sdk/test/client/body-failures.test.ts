/** The client when a response body stalls, resets or cannot be decoded after the headers arrived. */
import { describe, expect, it, vi } from 'vitest';
import { Agnes, type APIError, APIConnectionError, APITimeoutError, APIUserAbortError, UnexpectedResponseError } from '../../src/index.ts';
import { until, useFakeClock } from '../support/drive.ts';
import { jsonReply, type ScriptedReply, useScriptedServers } from '../support/server.ts';

const serve = useScriptedServers();

/** Calls `/v1/x` and settles into the error, with a flag that turns true once the response headers arrived. */
function callWatched(options: { baseURL: string; timeout?: number; maxRetries?: number; signal?: AbortSignal }) {
  const state = { headersArrived: false };
  const agnes = new Agnes({
    baseURL: options.baseURL,
    timeout: options.timeout,
    maxRetries: options.maxRetries,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      state.headersArrived = true;
      return response;
    },
  });
  const error = agnes.request({ path: '/v1/x', signal: options.signal }).then(
    (value: unknown) => ({ resolvedWith: value }),
    (caught: unknown) => caught,
  );
  return { state, error };
}

/** 2xx replies whose body stops after the headers, or after a part of it. */
const STALLED_BODIES: { name: string; reply: ScriptedReply }[] = [
  { name: 'empty text/plain', reply: { status: 200, headers: { 'content-type': 'text/plain' }, cut: 'hang' } },
  { name: 'empty body without a content type', reply: { status: 200, cut: 'hang' } },
  { name: 'partial HTML page', reply: { status: 200, headers: { 'content-type': 'text/html' }, body: '<html><title>Sign in</title>', cut: 'hang' } },
  { name: 'partial JSON body', reply: { status: 200, headers: { 'content-type': 'application/json' }, body: '{"id":', cut: 'hang' } },
];

/** 4xx and 5xx replies whose error body stops after a part of it. */
const STALLED_ERROR_BODIES: { name: string; reply: ScriptedReply }[] = [
  { name: '400 JSON error body', reply: { status: 400, headers: { 'content-type': 'application/json' }, body: '{"code":"bad_', cut: 'hang' } },
  { name: '503 JSON error body', reply: { status: 503, headers: { 'content-type': 'application/json' }, body: '{"code":', cut: 'hang' } },
];

/** A body sent with `Content-Encoding: gzip` that is not gzip data, so that decompression fails. */
const NOT_GZIP = 'this text is not gzip data';

describe('Agnes.request with a failing response body', () => {
  it.each([...STALLED_BODIES, ...STALLED_ERROR_BODIES])('times out during a stalled $name', async ({ reply }) => {
    const server = await serve(reply);
    useFakeClock();
    const { state, error } = callWatched({ baseURL: server.url, timeout: 5000 });
    await until(() => state.headersArrived, 'the response headers arrive');
    await vi.advanceTimersByTimeAsync(5000);

    const caught = await error;
    expect(caught).toBeInstanceOf(APITimeoutError);
    expect((caught as APITimeoutError).retryable).toBe(false);
    expect(server.requests).toHaveLength(1);
  });

  it.each([...STALLED_BODIES, ...STALLED_ERROR_BODIES])('aborts during a stalled $name', async ({ reply }) => {
    const server = await serve(reply);
    const controller = new AbortController();
    const { state, error } = callWatched({ baseURL: server.url, signal: controller.signal });
    await until(() => state.headersArrived, 'the response headers arrive');
    controller.abort();

    expect(await error).toBeInstanceOf(APIUserAbortError);
    expect(server.requests).toHaveLength(1);
  });

  it.each<{ name: string; headers: Record<string, string>; body: string }>([
    { name: 'empty text/plain', headers: { 'content-type': 'text/plain', 'content-length': '1000' }, body: '' },
    { name: 'partial HTML page', headers: { 'content-type': 'text/html', 'content-length': '1000' }, body: '<title>Sign in</title>' },
    { name: 'partial JSON body', headers: { 'content-type': 'application/json', 'content-length': '1000' }, body: '{"id":' },
  ])('rejects a reset during $name', async ({ headers, body }) => {
    const server = await serve({ status: 200, headers, body, cut: 'reset' });
    const caught = await callWatched({ baseURL: server.url, maxRetries: 0 }).error;
    expect(caught).toBeInstanceOf(APIConnectionError);
    expect(caught).not.toBeInstanceOf(APITimeoutError);
    expect((caught as APIConnectionError).retryable).toBe(true);
    expect((caught as Error).message).toContain('terminated');
  });

  it('retries a 2xx body cut by a reset', async () => {
    const server = await serve({ status: 200, headers: { 'content-type': 'text/plain', 'content-length': '1000' }, cut: 'reset' }, jsonReply(200, { id: 'pol_1' }));
    const result = await callWatched({ baseURL: server.url, maxRetries: 1 }).error;
    expect(result).toEqual({ resolvedWith: { id: 'pol_1' } });
    expect(server.requests).toHaveLength(2);
  });

  it.each<{ name: string; headers: Record<string, string>; failure: string }>([
    { name: 'gzip JSON', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, failure: '(incorrect header check)' },
    { name: 'gzip text/plain', headers: { 'content-type': 'text/plain', 'content-encoding': 'gzip' }, failure: '(incorrect header check)' },
    { name: 'gzip body without a content type', headers: { 'content-encoding': 'gzip' }, failure: '(incorrect header check)' },
    { name: 'brotli JSON', headers: { 'content-type': 'application/json', 'content-encoding': 'br' }, failure: '(Decompression failed)' },
  ])('rejects corrupt $name without retrying', async ({ headers, failure }) => {
    const server = await serve({ status: 200, headers, body: NOT_GZIP });
    const caught = await callWatched({ baseURL: server.url, maxRetries: 2 }).error;
    expect(caught).toBeInstanceOf(UnexpectedResponseError);
    expect((caught as UnexpectedResponseError).retryable).toBe(false);
    expect((caught as UnexpectedResponseError).status).toBe(200);
    expect((caught as UnexpectedResponseError).detail).toBe(`Expected a JSON response from the API, got HTTP 200 with a body that could not be read ${failure}`);
    expect(server.requests).toHaveLength(1);
  });

  it('names the decode failure of a corrupt 5xx body', async () => {
    const server = await serve({ status: 500, headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: NOT_GZIP });
    const caught = await callWatched({ baseURL: server.url, maxRetries: 0 }).error;
    expect((caught as APIError).status).toBe(500);
    expect((caught as APIError).detail).toBe('HTTP 500 with a body that could not be read (incorrect header check)');
  });
});
