/** Failures of fetch that every retry would repeat end the call at the first attempt; transient ones are retried. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Agnes, APIConnectionError } from '../../src/index.ts';
import { transportError } from '../../src/client/transport-error.ts';
import { driveRetries, useFakeClock } from '../support/drive.ts';
import { recordingLogger } from '../support/logger.ts';
import { startScriptedServer, type ScriptedReply, type ScriptedServer } from '../support/server.ts';

const servers: ScriptedServer[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** Makes one call through Node's own fetch, counting the attempts. */
async function callOnce(baseURL: string, path = '/v1/x') {
  useFakeClock();
  const logger = recordingLogger();
  let attempts = 0;
  const agnes = new Agnes({
    baseURL,
    logger,
    fetch: (input, init) => {
      attempts += 1;
      return fetch(input, init);
    },
  });
  const result = await driveRetries(agnes.request({ path }), logger);
  return { error: result.error as APIConnectionError, attempts, logger };
}

describe('permanent fetch failures', () => {
  it.each([
    { port: 1, name: 'tcpmux' },
    { port: 6000, name: 'X11' },
  ])('stops at once on bad port $port ($name)', async ({ port }) => {
    const { error, attempts, logger } = await callOnce(`http://127.0.0.1:${port}`, '/v1/policies?token=abc');
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.retryable).toBe(false);
    expect(attempts).toBe(1);
    expect(logger.entries).toEqual([]);
    expect(error.message).toContain(`The request to http://127.0.0.1:${port}/v1/policies failed`);
    expect(error.message).toContain('(fetch failed: bad port)');
    expect(error.message).toContain('fetch blocks this port; use a port such as 443');
    expect(error.message).not.toContain('token=abc');
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it.each<{ name: string; reply: ScriptedReply; requests: number; fix: string }>([
    { name: 'a redirect to ftp', reply: { status: 302, headers: { location: 'ftp://127.0.0.1/x' } }, requests: 1, fix: 'URL scheme must be a HTTP(S) scheme): fetch stopped following the API\'s redirects' },
    { name: 'a redirect loop', reply: { status: 302, headers: { location: '/v1/x' } }, requests: 21, fix: 'redirect count exceeded): fetch stopped following the API\'s redirects' },
  ])('stops at once on $name', async ({ reply, requests, fix }) => {
    const server = await startScriptedServer([reply]);
    servers.push(server);
    const { error, attempts } = await callOnce(server.url);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(fix);
    expect(attempts).toBe(1);
    expect(server.requests).toHaveLength(requests);
  });

  it('still retries a refused connection', async () => {
    const closed = await startScriptedServer([]);
    await closed.close();
    const { error, attempts } = await callOnce(closed.url);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.retryable).toBe(true);
    expect(attempts).toBe(3);
  });
});

describe('transportError', () => {
  const url = 'http://127.0.0.1:1/v1/x';
  const failed = (inner: Error) => new TypeError('fetch failed', { cause: inner });

  it.each<{ name: string; cause: unknown; retryable: boolean }>([
    { name: 'bad port', cause: failed(new Error('bad port')), retryable: false },
    { name: 'unknown scheme', cause: failed(new Error('unknown scheme')), retryable: false },
    { name: 'redirect to another scheme', cause: failed(new Error('URL scheme must be a HTTP(S) scheme')), retryable: false },
    { name: 'redirect count exceeded', cause: failed(new Error('redirect count exceeded')), retryable: false },
    { name: 'refused connection', cause: failed(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })), retryable: true },
    { name: 'closed socket', cause: failed(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' })), retryable: true },
    { name: "a browser's network error", cause: new TypeError('Failed to fetch'), retryable: true },
    { name: 'a reason that is not a TypeError cause', cause: new Error('bad port'), retryable: true },
    { name: 'a thrown string', cause: 'bad port', retryable: true },
  ])('$name → retryable $retryable', ({ cause, retryable }) => {
    const error = transportError(cause, url);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.retryable).toBe(retryable);
    expect(error.cause).toBe(cause);
  });
});
