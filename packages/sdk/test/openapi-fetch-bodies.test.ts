/** The openapi-fetch middleware when a 2xx body stalls, resets or cannot be decoded, for each `parseAs`. */
import createClient from 'openapi-fetch';
import { afterEach, describe, expect, it } from 'vitest';
import { APIConnectionError, APITimeoutError, APIUserAbortError, UnexpectedResponseError } from '../src/index.ts';
import { agnesErrors } from '../src/openapi-fetch.ts';
import { until } from './support/drive.ts';
import { startScriptedServer, type ScriptedReply, type ScriptedServer } from './support/server.ts';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

type ParseAs = 'json' | 'text' | 'blob' | 'arrayBuffer';

/** Sends GET /v1/x through the middleware and settles into the error, with a flag for the arrival of the headers. */
async function getWatched(reply: ScriptedReply, parseAs: ParseAs, signal?: AbortSignal) {
  server = await startScriptedServer([reply]);
  const state = { headersArrived: false };
  const client = createClient<Record<string, never>>({
    baseUrl: server.url,
    fetch: async (request: Request) => {
      const response = await fetch(request);
      state.headersArrived = true;
      return response;
    },
  });
  client.use(agnesErrors());
  // The paths type is empty, so the path and options are cast: this test checks errors, not typing.
  const get = client.GET as unknown as (path: string, init: { parseAs: ParseAs; signal?: AbortSignal }) => Promise<{ data?: unknown }>;
  const error = get('/v1/x', { parseAs, signal }).then(
    (result) => ({ resolvedWith: result.data }),
    (caught: unknown) => caught,
  );
  return { state, error };
}

const PARSE_AS: ParseAs[] = ['json', 'text', 'blob', 'arrayBuffer'];

const STALLED_REPLIES: { name: string; reply: ScriptedReply }[] = [
  { name: 'empty text/plain', reply: { status: 200, headers: { 'content-type': 'text/plain' }, cut: 'hang' } },
  { name: 'partial HTML page', reply: { status: 200, headers: { 'content-type': 'text/html' }, body: '<html><title>Sign in</title>', cut: 'hang' } },
  { name: 'partial JSON body', reply: { status: 200, headers: { 'content-type': 'application/json' }, body: '{"id":', cut: 'hang' } },
];

const RESET_REPLIES: { name: string; reply: ScriptedReply }[] = [
  { name: 'empty text/plain', reply: { status: 200, headers: { 'content-type': 'text/plain', 'content-length': '1000' }, cut: 'reset' } },
  { name: 'partial HTML page', reply: { status: 200, headers: { 'content-type': 'text/html', 'content-length': '1000' }, body: '<title>x</title>', cut: 'reset' } },
];

/** Pairs each reply with each `parseAs` value. */
function crossed(replies: { name: string; reply: ScriptedReply }[]) {
  return replies.flatMap(({ name, reply }) => PARSE_AS.map((parseAs) => ({ name, reply, parseAs })));
}

describe('agnesErrors middleware with a failing 2xx body', () => {
  it.each(crossed(STALLED_REPLIES))('aborts a stalled $name with parseAs $parseAs', async ({ reply, parseAs }) => {
    const controller = new AbortController();
    const { state, error } = await getWatched(reply, parseAs, controller.signal);
    await until(() => state.headersArrived, 'the response headers arrive');
    controller.abort();
    expect(await error).toBeInstanceOf(APIUserAbortError);
  });

  it.each(crossed(STALLED_REPLIES))('times out a stalled $name with parseAs $parseAs', async ({ reply, parseAs }) => {
    const controller = new AbortController();
    const { state, error } = await getWatched(reply, parseAs, controller.signal);
    await until(() => state.headersArrived, 'the response headers arrive');
    // The reason that a signal from AbortSignal.timeout() aborts with.
    controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    expect(await error).toBeInstanceOf(APITimeoutError);
  });

  it.each(crossed(RESET_REPLIES))('maps a reset during $name, parseAs $parseAs', async ({ reply, parseAs }) => {
    const caught = await (await getWatched(reply, parseAs)).error;
    expect(caught).toBeInstanceOf(APIConnectionError);
    expect((caught as Error).message).toContain('terminated');
  });

  it.each(PARSE_AS)('rejects corrupt gzip with parseAs %s', async (parseAs) => {
    const reply: ScriptedReply = { status: 200, headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: 'not gzip data' };
    const caught = await (await getWatched(reply, parseAs)).error;
    expect(caught).toBeInstanceOf(UnexpectedResponseError);
    expect((caught as UnexpectedResponseError).detail).toContain('a body that could not be read (incorrect header check)');
  });

  it.each<{ parseAs: ParseAs; data: unknown }>([
    { parseAs: 'text', data: 'plain text' },
    { parseAs: 'arrayBuffer', data: new TextEncoder().encode('plain text').buffer },
  ])('passes text through with parseAs $parseAs', async ({ parseAs, data }) => {
    const caught = await (await getWatched({ status: 200, headers: { 'content-type': 'text/plain' }, body: 'plain text' }, parseAs)).error;
    expect(caught).toEqual({ resolvedWith: data });
  });
});
