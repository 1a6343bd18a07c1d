import { afterEach, describe, expect, it } from 'vitest';
import { Agnes, AgnesError, type AgnesOptions, InvalidOptionError, PermissionError, type RequestOptions, RetryBudget, UnexpectedResponseError } from '../../src/index.ts';
import { jsonReply, startScriptedServer, type ScriptedReply, type ScriptedServer } from '../support/server.ts';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(...replies: ScriptedReply[]): Promise<ScriptedServer> {
  server = await startScriptedServer(replies);
  return server;
}

describe('Agnes.request', () => {
  it('resolves the parsed JSON of a 2xx', async () => {
    const { url } = await serve(jsonReply(200, { id: 'pol_1', name: 'Default' }));
    const agnes = new Agnes({ baseURL: url });
    await expect(agnes.request({ path: '/v1/policies/pol_1' })).resolves.toEqual({ id: 'pol_1', name: 'Default' });
  });

  it('resolves undefined for a 204', async () => {
    const { url } = await serve({ status: 204 });
    await expect(new Agnes({ baseURL: url }).request({ method: 'DELETE', path: '/v1/x' })).resolves.toBeUndefined();
  });

  it('sends the method, path, query, headers and JSON body', async () => {
    const { url, requests } = await serve(jsonReply(201, { ok: true }));
    const agnes = new Agnes({ baseURL: `${url}/`, apiKey: 'agnes_demo_read', defaultHeaders: { 'x-team': 'billing', 'x-trace': 'default' } });
    await agnes.request({ method: 'post', path: '/v1/policies?dry_run=true', body: { name: 'Default' }, headers: { 'x-trace': 'abc' } });

    const [request] = requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/v1/policies?dry_run=true');
    expect(request?.body).toBe('{"name":"Default"}');
    expect(request?.headers['authorization']).toBe('Bearer agnes_demo_read');
    expect(request?.headers['accept']).toBe('application/json');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['x-team']).toBe('billing');
    expect(request?.headers['x-trace']).toBe('abc');
    expect(request?.headers['idempotency-key']).toBeUndefined();
  });

  it('sends no authorization or content type when there is no key or body', async () => {
    const { url, requests } = await serve(jsonReply(200, {}));
    await new Agnes({ baseURL: url }).request({ path: '/v1/x' });
    expect(requests[0]?.headers['authorization']).toBeUndefined();
    expect(requests[0]?.headers['content-type']).toBeUndefined();
  });

  it('rejects an error response with its class', async () => {
    const { url } = await serve(jsonReply(403, { detail: 'no', code: 'forbidden', request_id: 'req_9', doc_url: 'https://docs.lasscyber.com/errors/forbidden' }));
    const error = await new Agnes({ baseURL: url }).request({ path: '/v1/x' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).requestId).toBe('req_9');
  });

  it.each([
    { name: 'HTML without a content type', reply: { status: 200, body: '<html></html>' }, detail: 'got HTTP 200 with no content type' },
    { name: 'text', reply: { status: 200, headers: { 'content-type': 'text/plain' }, body: 'ok' }, detail: 'content type text/plain' },
    { name: 'invalid JSON', reply: { status: 200, headers: { 'content-type': 'application/json' }, body: '{"id":' }, detail: 'not valid JSON' },
  ])('rejects a 2xx with $name as an unexpected response', async ({ reply, detail }) => {
    const { url } = await serve(reply);
    const error = await new Agnes({ baseURL: url }).request({ path: '/v1/x' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect((error as UnexpectedResponseError).detail).toContain(detail);
    expect((error as UnexpectedResponseError).status).toBe(200);
  });
});

describe('Agnes.request with a large 2xx page', () => {
  it('stops reading a page that is not JSON after 256 KiB', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(65_536));
    let pulled = 0;
    const page = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        if (pulled > 64) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const agnes = new Agnes({ baseURL: 'http://127.0.0.1:9', fetch: async () => new Response(page, { status: 200, headers: { 'content-type': 'text/html' } }) });

    const error = await agnes.request({ path: '/v1/x' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(((error as UnexpectedResponseError).body as string).length).toBe(262_144);
    expect(pulled).toBeLessThan(10);
  });
});

describe('Agnes options', () => {
  it.each<{ options: Partial<AgnesOptions>; message: string }>([
    { options: { baseURL: 'api.example.com' }, message: 'Invalid baseURL: expected an absolute http(s) URL such as https://api.example.com, got "api.example.com"' },
    { options: { baseURL: 'ftp://api.example.com' }, message: 'got "ftp://api.example.com"' },
    { options: { baseURL: undefined }, message: 'Invalid baseURL: expected an absolute http(s) URL such as https://api.example.com, got undefined' },
    { options: { baseURL: 'http://127.0.0.1:99999' }, message: 'got "http://127.0.0.1:99999"' },
    { options: { baseURL: 'https://user:s3cret@api.example.com/v1' }, message: 'Invalid baseURL: "https://api.example.com/v1" has credentials before the host' },
    { options: { apiKey: 'agnes_\nkey' }, message: 'Invalid apiKey: the character at index 6 is a line break, NUL or not Latin-1' },
    { options: { apiKey: 'agnes_kéy€' }, message: 'Invalid apiKey: the character at index 9' },
    { options: { maxRetries: -1 }, message: 'Invalid maxRetries: expected an integer from 0 to 2147483647, got -1' },
    { options: { maxRetries: 1.5 }, message: 'Invalid maxRetries: expected an integer from 0 to 2147483647, got 1.5' },
    { options: { timeout: Number.NaN }, message: 'Invalid timeout: expected a number of milliseconds from 0 to 2147483647, got NaN' },
    { options: { timeout: 3_000_000_000 }, message: 'Invalid timeout: expected a number of milliseconds from 0 to 2147483647, got 3000000000' },
    { options: { maxRetryAfter: -5 }, message: 'Invalid maxRetryAfter: expected a number of milliseconds from 0 to 2147483647, got -5' },
    { options: { fetch: 'nope' as unknown as typeof fetch }, message: 'Invalid fetch: expected a function, got "nope"' },
    { options: { baseURL: 'https://api.example.com/v1?tenant=t1' }, message: 'Invalid baseURL: "https://api.example.com/v1" has a query string or fragment' },
    { options: { baseURL: 'https://api.example.com/v1?' }, message: 'Invalid baseURL: "https://api.example.com/v1" has a query string or fragment' },
    { options: { baseURL: 'https://api.example.com/#top' }, message: 'Invalid baseURL: "https://api.example.com/" has a query string or fragment' },
  ])('rejects $message', ({ options, message }) => {
    const create = () => new Agnes({ baseURL: 'https://api.example.com', ...options } as AgnesOptions);
    expect(create).toThrow(InvalidOptionError);
    expect(create).toThrow(AgnesError);
    expect(create).toThrow(message);
  });

  it.each([
    'https://api.example.com/v1?api_key=sk_live_SECRET',
    'https://api.example.com/v1#api_key=sk_live_SECRET',
    'https://user:pw@api.example.com/?api_key=sk_live_SECRET',
    'ftp://api.example.com/?api_key=sk_live_SECRET',
  ])('hides the query of baseURL %s', (baseURL) => {
    const create = () => new Agnes({ baseURL });
    expect(create).toThrow(InvalidOptionError);
    expect(create).not.toThrow('SECRET');
    expect(create).not.toThrow('api_key');
  });

  it.each<{ options: unknown; got: string }>([
    { options: undefined, got: 'undefined' },
    { options: null, got: 'null' },
    { options: 'https://api.example.com', got: '"https://api.example.com"' },
  ])('rejects options that are $got', ({ options, got }) => {
    const create = () => new Agnes(options as AgnesOptions);
    expect(create).toThrow(InvalidOptionError);
    expect(create).toThrow(`Invalid options: expected an object such as { baseURL: 'https://api.example.com' }, got ${got}`);
  });

  it('accepts a RetryBudget and console as logger', () => {
    const retryBudget = new RetryBudget();
    const agnes = new Agnes({ baseURL: 'https://api.example.com', retryBudget, logger: console });
    expect(agnes.retryBudget).toBe(retryBudget);
  });

  it('treats a null logger, retry budget and signal as absent', async () => {
    const { url } = await serve(jsonReply(200, { ok: true }));
    const nothing = null as unknown as undefined;
    const agnes = new Agnes({ baseURL: url, logger: nothing, retryBudget: nothing });
    expect(agnes.retryBudget).toBeInstanceOf(RetryBudget);
    expect(await agnes.request({ path: '/v1/x', signal: nothing })).toEqual({ ok: true });
  });

  it.each(['https://user:s3cret@api.example.com', 'https://user:s3cret@api.example.com:99999', 'ftp://user:s3cret@api.example.com'])(
    'leaves the password out of the message for %s',
    (baseURL) => {
      const create = () => new Agnes({ baseURL });
      expect(create).toThrow(InvalidOptionError);
      expect(create).not.toThrow('s3cret');
    },
  );

  it('leaves a header value out of the message', async () => {
    const agnes = new Agnes({ baseURL: 'http://127.0.0.1:9', defaultHeaders: { 'x-api-token': 'tok_s3cret\nx' } });
    const error = await agnes.request({ path: '/v1/x' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as Error).message).toBe('Invalid request options for GET "/v1/x": the value of header "x-api-token" contains a line break or NUL; remove it');
  });

  it('leaves out a default header value that a request header overrides', async () => {
    const agnes = new Agnes({ baseURL: 'http://127.0.0.1:9', defaultHeaders: { 'x-api-token': 'tok_s3cret\nx' } });
    const error = await agnes.request({ path: '/v1/x', headers: { 'x-api-token': 'tok_other' } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as Error).message).toBe('Invalid request options for GET "/v1/x": the value of header "x-api-token" contains a line break or NUL; remove it');
  });

  it('sends a header value with a trailing line break trimmed, as fetch does', async () => {
    const { url, requests } = await serve(jsonReply(200, {}));
    await new Agnes({ baseURL: url }).request({ path: '/v1/x', headers: { 'x-tenant': 't1\n' } });
    expect(requests[0]?.headers['x-tenant']).toBe('t1');
  });

  it('rejects a runtime without fetch', () => {
    const globalFetch = globalThis.fetch;
    Reflect.deleteProperty(globalThis, 'fetch');
    try {
      const create = () => new Agnes({ baseURL: 'https://api.example.com' });
      expect(create).toThrow(InvalidOptionError);
      expect(create).toThrow('Missing fetch: this runtime has no global fetch; pass the fetch option');
    } finally {
      globalThis.fetch = globalFetch;
    }
  });

  it('calls fetch without a receiver, as browsers require', async () => {
    let receiver: unknown = 'not called';
    const agnes = new Agnes({
      baseURL: 'http://127.0.0.1:9',
      fetch: function (this: unknown) {
        receiver = this;
        return Promise.resolve(new Response(null, { status: 204 }));
      },
    });
    await agnes.request({ path: '/v1/x' });
    expect(receiver).toBeUndefined();
  });

  it.each<{ name: string; options: RequestOptions; message: string }>([
    { name: 'a path without a leading slash', options: { path: 'v1/x' }, message: 'Invalid request options for GET "v1/x": path must start with "/"' },
    { name: 'a body that is not JSON', options: { path: '/v1/x', method: 'POST', body: { size: 1n } }, message: 'Invalid request options for POST "/v1/x"' },
    { name: 'a header value with a line break', options: { path: '/v1/x', headers: { 'x-a': 'a\nb' } }, message: 'Invalid request options' },
    { name: 'an idempotency key with a line break', options: { path: '/v1/x', idempotencyKey: 'a\r\nb' }, message: 'Invalid request options' },
    { name: 'a body on a GET', options: { path: '/v1/x', body: { a: 1 } }, message: 'Invalid request options for GET "/v1/x": Request with GET/HEAD method cannot have body' },
    { name: 'a method that is not a token', options: { path: '/v1/x', method: 'GE T' }, message: "'GE T' is not a valid HTTP method" },
    { name: 'a forbidden method', options: { path: '/v1/x', method: 'CONNECT' }, message: "'CONNECT' HTTP method is unsupported" },
    { name: 'missing request options', options: undefined as unknown as RequestOptions, message: "Invalid request options: expected an object such as { path: '/v1/policies/pol_1' }, got undefined" },
    { name: 'null request options', options: null as unknown as RequestOptions, message: "Invalid request options: expected an object such as { path: '/v1/policies/pol_1' }, got null" },
  ])('rejects $name before sending', async ({ options, message }) => {
    const { url, requests } = await serve(jsonReply(200, {}));
    const call = new Agnes({ baseURL: url }).request(options);
    await expect(call).rejects.toThrow(InvalidOptionError);
    await expect(call).rejects.toThrow(message);
    expect(requests).toHaveLength(0);
  });
});
