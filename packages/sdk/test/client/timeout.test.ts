import { describe, expect, it, vi } from 'vitest';
import { Agnes, AgnesError, APITimeoutError, APIUserAbortError } from '../../src/index.ts';
import { until, useFakeClock } from '../support/drive.ts';
import { recordingLogger } from '../support/logger.ts';
import { jsonReply, type ScriptedReply, useScriptedServers } from '../support/server.ts';

const serve = useScriptedServers();

/** Settles a promise into a value or an error, without an unhandled rejection. */
function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

describe('timeout and abort', () => {
  it('times out a hanging request at the call timeout, without retrying', async () => {
    const server = await serve({ hang: true });
    useFakeClock();
    const call = settle(new Agnes({ baseURL: server.url, timeout: 5000 }).request({ path: '/v1/x' }));
    await until(() => server.requests.length === 1, 'the request arrives');

    await vi.advanceTimersByTimeAsync(4999);
    await vi.advanceTimersByTimeAsync(1);
    const { error } = await call;
    expect(error).toBeInstanceOf(APITimeoutError);
    expect((error as APITimeoutError).retryable).toBe(false);
    expect((error as Error).message).toBe('The call reached its timeout of 5000 ms');
    expect(server.requests).toHaveLength(1);
  });

  it('counts retry delays against the timeout', async () => {
    const server = await serve({ status: 503, headers: { 'retry-after': '20' } }, { hang: true });
    useFakeClock();
    const logger = recordingLogger();
    const call = settle(new Agnes({ baseURL: server.url, timeout: 30_000, logger }).request({ path: '/v1/x' }));
    await until(() => logger.entries.length === 1, 'the retry is scheduled');
    await vi.advanceTimersByTimeAsync(20_000);
    await until(() => server.requests.length === 2, 'the retry arrives');
    await vi.advanceTimersByTimeAsync(10_000);

    const { error } = await call;
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(server.requests).toHaveLength(2);
  });

  it('aborts a request in flight with APIUserAbortError', async () => {
    const server = await serve({ hang: true });
    const controller = new AbortController();
    const call = settle(new Agnes({ baseURL: server.url }).request({ path: '/v1/x', signal: controller.signal }));
    await until(() => server.requests.length === 1, 'the request arrives');
    controller.abort(new Error('user left the page'));

    const { error } = await call;
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect((error as Error).cause).toEqual(new Error('user left the page'));
  });

  it('aborts during a retry delay without another attempt', async () => {
    const server = await serve({ status: 503, headers: { 'retry-after': '30' } }, jsonReply(200, {}));
    useFakeClock();
    const logger = recordingLogger();
    const controller = new AbortController();
    const call = settle(new Agnes({ baseURL: server.url, logger }).request({ path: '/v1/x', signal: controller.signal }));
    await until(() => logger.entries.length === 1, 'the retry is scheduled');
    controller.abort();

    const { error } = await call;
    expect(error).toBeInstanceOf(APIUserAbortError);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.requests).toHaveLength(1);
  });

  it('sends nothing for a signal that is already aborted', async () => {
    const server = await serve(jsonReply(200, {}));
    const { error } = await settle(new Agnes({ baseURL: server.url }).request({ path: '/v1/x', signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(server.requests).toHaveLength(0);
  });

  it('leaves no timer behind after a call', async () => {
    const server = await serve(jsonReply(200, { ok: true }));
    useFakeClock();
    const controller = new AbortController();
    await new Agnes({ baseURL: server.url }).request({ path: '/v1/x', signal: controller.signal });
    expect(vi.getTimerCount()).toBe(0);
  });

  it.each<{ name: string; reply: ScriptedReply; end: (controller: AbortController) => Promise<unknown>; type: new (...args: never[]) => AgnesError }>([
    { name: 'timeout', reply: { hang: true }, end: () => vi.advanceTimersByTimeAsync(5000), type: APITimeoutError },
    { name: 'abort', reply: { hang: true }, end: async (controller) => controller.abort(), type: APIUserAbortError },
    { name: 'abort in a retry delay', reply: { status: 503, headers: { 'retry-after': '3' } }, end: async (controller) => controller.abort(), type: APIUserAbortError },
  ])('keeps the caller in the $name stack', async ({ reply, end, type }) => {
    const server = await serve(reply);
    useFakeClock();
    const logger = recordingLogger();
    const controller = new AbortController();
    const agnes = new Agnes({ baseURL: server.url, timeout: 5000, logger });
    async function callerOfRequest() {
      return await agnes.request({ path: '/v1/x', signal: controller.signal });
    }
    const call = settle(callerOfRequest());
    await until(() => server.requests.length === 1, 'the request arrives');
    if ('status' in reply) await until(() => logger.entries.length === 1, 'the retry is scheduled');
    await end(controller);

    const { error } = await call;
    expect(error).toBeInstanceOf(type);
    expect((error as Error).stack).toContain('callerOfRequest');
  });

  it('leaves no timer behind for a signal without addEventListener', async () => {
    const server = await serve(jsonReply(200, { ok: true }));
    useFakeClock();
    const signal = {} as AbortSignal;
    const { error } = await settle(new Agnes({ baseURL: server.url, timeout: 5000 }).request({ path: '/v1/x', signal }));
    expect(error).toBeInstanceOf(TypeError);
    expect(vi.getTimerCount()).toBe(0);
    expect(server.requests).toHaveLength(0);
  });
});
