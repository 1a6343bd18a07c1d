/** The openapi-fetch middleware against a real server and the real openapi-fetch 0.17 client. */
import createClient from 'openapi-fetch';
import { afterEach, describe, expect, it } from 'vitest';
import { Agnes, APIConnectionError, type APIError, APITimeoutError, APIUserAbortError, NotFoundError, PermissionError, RateLimitError, UnexpectedResponseError } from '../src/index.ts';
import { agnesErrors } from '../src/openapi-fetch.ts';
import { until } from './support/drive.ts';
import { jsonReply, startScriptedServer, type ScriptedReply, type ScriptedServer } from './support/server.ts';

/** A path of the example API, in the shape that openapi-typescript 7 generates. */
interface paths {
  '/v1/policies/{id}': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: {
      parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
      requestBody?: never;
      responses: {
        200: { headers: { [name: string]: unknown }; content: { 'application/json': { id: string; name: string } } };
        403: { headers: { [name: string]: unknown }; content: { 'application/json': { code: string; detail: string } } };
      };
    };
  };
}

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(...replies: ScriptedReply[]) {
  server = await startScriptedServer(replies);
  const client = createClient<paths>({ baseUrl: server.url });
  client.use(agnesErrors());
  return client;
}

const get = (client: Awaited<ReturnType<typeof clientFor>>, signal?: AbortSignal) =>
  client.GET('/v1/policies/{id}', { params: { path: { id: 'pol_1' } }, signal });

/** A bot check's page, as a proxy in front of the API sends it with status 200. */
const BOT_CHECK_PAGE = '<!DOCTYPE html><html><body>Checking your browser…</body></html>';

describe('agnesErrors middleware', () => {
  it('passes a success through', async () => {
    const client = await clientFor(jsonReply(200, { id: 'pol_1', name: 'Default' }));
    const { data, error } = await get(client);
    expect(data).toEqual({ id: 'pol_1', name: 'Default' });
    expect(error).toBeUndefined();
  });

  it('throws PermissionError for a 403 forbidden', async () => {
    const client = await clientFor(
      jsonReply(403, { detail: 'Permission denied: missing scope policy:delete.', code: 'forbidden', request_id: 'req_7', doc_url: 'https://docs.lasscyber.com/errors/forbidden' }),
    );
    const error = await get(client).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).requestId).toBe('req_7');
    expect((error as PermissionError).docUrl).toBe('https://docs.lasscyber.com/errors/forbidden');
  });

  it.each<{ name: string; reply: ScriptedReply; type: typeof APIError }>([
    { name: 'an HTML 404', reply: { status: 404, headers: { 'content-type': 'text/html' }, body: '<title>Not Found</title>' }, type: NotFoundError },
    { name: 'an empty 429', reply: { status: 429, headers: { 'retry-after': '5' } }, type: RateLimitError },
  ])('throws the family class for $name', async ({ reply, type }) => {
    const client = await clientFor(reply);
    await expect(get(client)).rejects.toBeInstanceOf(type);
  });

  it('turns a refused connection into APIConnectionError', async () => {
    const client = await clientFor(jsonReply(200, {}));
    await server!.close();
    server = undefined;
    const error = await get(client).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toContain('ECONNREFUSED');
  });

  it('turns an abort into APIUserAbortError', async () => {
    const client = await clientFor({ hang: true });
    const controller = new AbortController();
    const call = get(client, controller.signal).catch((caught: unknown) => caught);
    await until(() => server!.requests.length === 1, 'the request arrives');
    controller.abort();
    expect(await call).toBeInstanceOf(APIUserAbortError);
  });

  it('turns AbortSignal.timeout() into APITimeoutError', async () => {
    const client = await clientFor({ hang: true });
    const error = await get(client, AbortSignal.timeout(50)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APITimeoutError);
    expect((error as Error).message).toBe('The request timed out: The operation was aborted due to timeout');
    expect((error as Error).cause).toBeInstanceOf(DOMException);
  });

  it.each<{ name: string; reply: ScriptedReply & { status: number }; detail: string }>([
    { name: 'an HTML page', reply: { status: 200, headers: { 'content-type': 'text/html' }, body: BOT_CHECK_PAGE }, detail: 'got HTTP 200 with content type text/html' },
    { name: 'a page without a content type', reply: { status: 200, body: BOT_CHECK_PAGE }, detail: 'got HTTP 200 with no content type' },
    { name: 'a length-delimited page', reply: { status: 200, headers: { 'content-type': 'text/html', 'content-length': String(Buffer.byteLength(BOT_CHECK_PAGE)) }, body: BOT_CHECK_PAGE }, detail: 'content type text/html' },
    { name: 'invalid JSON', reply: { status: 200, headers: { 'content-type': 'application/json' }, body: BOT_CHECK_PAGE }, detail: 'a body that is not valid JSON' },
    { name: 'plain text', reply: { status: 201, headers: { 'content-type': 'text/plain' }, body: 'created' }, detail: 'got HTTP 201 with content type text/plain' },
  ])('throws UnexpectedResponseError for a 2xx with $name', async ({ reply, detail }) => {
    const client = await clientFor(reply);
    const error = await get(client).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect((error as UnexpectedResponseError).status).toBe(reply.status);
    expect((error as UnexpectedResponseError).detail).toContain(detail);
    expect((error as UnexpectedResponseError).retryable).toBe(false);
  });

  it('throws the same error as the Agnes client for a bot check page', async () => {
    const reply: ScriptedReply = { status: 200, headers: { 'content-type': 'text/html', 'x-request-id': 'req_c2' }, body: BOT_CHECK_PAGE };
    const client = await clientFor(reply);
    const fromMiddleware = (await get(client).catch((caught: unknown) => caught)) as UnexpectedResponseError;
    const fromClient = (await new Agnes({ baseURL: server!.url }).request({ path: '/v1/policies/pol_1' }).catch((caught: unknown) => caught)) as UnexpectedResponseError;
    expect(fromClient).toBeInstanceOf(UnexpectedResponseError);
    expect(fromMiddleware.constructor).toBe(fromClient.constructor);
    expect(fromMiddleware.message).toBe(fromClient.message);
    expect(fromMiddleware.requestId).toBe('req_c2');
    expect(fromMiddleware.body).toBe(BOT_CHECK_PAGE);
  });

  it.each<{ name: string; reply: ScriptedReply }>([
    { name: 'an empty 200 without a content type', reply: { status: 200 } },
    { name: 'a 204', reply: { status: 204 } },
  ])('resolves no data for $name', async ({ reply }) => {
    const client = await clientFor(reply);
    const { data, error } = await get(client);
    expect(data).toBeUndefined();
    expect(error).toBeUndefined();
  });

  it('passes an HTML page through when the caller parses text', async () => {
    const client = await clientFor({ status: 200, headers: { 'content-type': 'text/html' }, body: BOT_CHECK_PAGE });
    const { data, response } = await client.GET('/v1/policies/{id}', { params: { path: { id: 'pol_1' } }, parseAs: 'text' });
    expect(data).toBe(BOT_CHECK_PAGE);
    expect(response.url).toBe(`${server!.url}/v1/policies/pol_1`);
  });

  it('keeps the original response of a JSON success', async () => {
    const client = await clientFor(jsonReply(200, { id: 'pol_1', name: 'Default' }));
    const { response } = await get(client);
    expect(response.url).toBe(`${server!.url}/v1/policies/pol_1`);
  });

  it.each([
    { name: 'bad port', baseUrl: 'http://127.0.0.1:1', fix: 'fetch blocks this port' },
    { name: 'unknown scheme', baseUrl: 'ftp://127.0.0.1', fix: 'fetch sends only http(s) URLs' },
  ])('throws a final APIConnectionError for $name', async ({ baseUrl, fix }) => {
    const client = createClient<paths>({ baseUrl });
    client.use(agnesErrors());
    const error = await get(client).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as APIConnectionError).retryable).toBe(false);
    expect((error as APIConnectionError).message).toContain(`The request to ${baseUrl}/v1/policies/pol_1 failed`);
    expect((error as APIConnectionError).message).toContain(fix);
  });
});
