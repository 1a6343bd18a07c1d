/** The openapi-fetch middleware against a real server and the real openapi-fetch 0.17 client. */
import createClient from 'openapi-fetch';
import { afterEach, describe, expect, it } from 'vitest';
import { APIConnectionError, APIUserAbortError, NotFoundError, PermissionError, RateLimitError } from '../src/index.ts';
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

  it.each<{ name: string; reply: ScriptedReply; type: typeof NotFoundError }>([
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
});
