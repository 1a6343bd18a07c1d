/** Behaviour specific to the Fastify plugin: response schemas, serializers, its default logger, other registries. */
import { maxHeaderSize } from 'node:http';
import { Writable } from 'node:stream';
import Fastify, { LogController, type FastifyLoggerOptions } from 'fastify';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { AgnesError, createAgnesRenderer, createErrorClass, createErrorRenderer } from '../src/index.ts';
import { errorsPlugin, errorsServerOptions, serializeRequest } from '../src/fastify/index.ts';
import { send, sendRaw } from './support/http.ts';
import { captureLogs, LEVEL } from './support/logs.ts';
import { envelopeSchemaErrors } from './support/schema.ts';
import { SHOP_DOCS_BASE_URL, shopFailureCodes, shopRegistry } from './support/synthetic-registry.ts';

/** Docs base URL of the tests that configure one. */
const CUSTOM_DOCS = 'https://docs.example.test';

/** A response schema that would keep only `code` if the serializer ran on the envelope. */
const CODE_ONLY = { type: 'object', properties: { code: { type: 'string' } } } as const;

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('fastify plugin', () => {
  it('sends the envelope whole despite response schemas and serializers', async () => {
    const app = Fastify();
    await app.register(errorsPlugin);
    const schema = { response: { 403: CODE_ONLY, '4xx': CODE_ONLY, default: CODE_ONLY } };
    app.get('/schema', { schema }, async () => {
      throw new AgnesError('forbidden', { scope: 'policy:delete' });
    });
    app.get('/serializer', async (_request, reply) => {
      reply.serializer(() => '{"rewritten":true}');
      throw new AgnesError('forbidden', { scope: 'policy:delete' });
    });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    close = () => app.close();

    for (const path of ['/schema', '/serializer']) {
      const response = await send(url, 'GET', path);

      expect(Object.keys(response.body)).toEqual(['detail', 'code', 'request_id', 'doc_url']);
      expect(response.body.detail).toBe('Permission denied: missing scope policy:delete.');
    }
  });

  it('sends a passed error like a thrown one', async () => {
    const logs = captureLogs();
    const app = Fastify({ loggerInstance: logs.logger, ...errorsServerOptions() });
    await app.register(errorsPlugin);
    const forbidden = () => new AgnesError('forbidden', { scope: 'policy:delete' });
    app.get('/thrown', async () => {
      throw forbidden();
    });
    app.get('/sent', (_request, reply) => {
      reply.send(forbidden());
    });
    app.register(async (scope) => {
      scope.addHook('onRequest', async (_request, reply) => reply.send(forbidden()));
      scope.get('/hook', async () => ({ reached: true }));
    });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    close = () => app.close();

    const responseOf = async (path: string) => {
      const response = await send(url, 'GET', path, { headers: { 'x-request-id': `req${path.replaceAll('/', '-')}` } });
      const line = logs.lines().find((entry) => entry.request_id === `req${path.replaceAll('/', '-')}` && entry.code === 'forbidden');
      return { status: response.status, body: { ...response.body, request_id: 'any' }, line: { ...line, request_id: 'any', reqId: 'any', path: 'any', time: 0 } };
    };
    const thrown = await responseOf('/thrown');

    expect(thrown.line).toMatchObject({ level: LEVEL.info, code: 'forbidden', status: 403 });
    for (const path of ['/sent', '/hook']) {
      const passed = await responseOf(path);

      expect(passed.status).toBe(403);
      expect(passed.body).toEqual(thrown.body);
      expect(passed.line).toEqual(thrown.line);
    }
  });

  it('logs client errors through its logger', async () => {
    const logs = captureLogs();
    const app = Fastify({ loggerInstance: logs.logger, ...errorsServerOptions() });
    await app.register(errorsPlugin);
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    close = () => app.close();

    const response = await sendRaw(Number(new URL(url).port), `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ${'a'.repeat(maxHeaderSize + 1)}\r\n\r\n`);
    const body = JSON.parse(response.body) as Record<string, unknown>;
    const line = logs.lines().find((entry) => entry.code === 'headers_too_large');

    expect(response.status).toBe(431);
    expect(line).toMatchObject({ level: LEVEL.info, request_id: body.request_id, reqId: body.request_id, status: 431 });
  });

  it.each([
    ['the log controller', { logController: new LogController({ requestIdLogLabel: 'trace' }) }],
    ['the older top-level option', { requestIdLogLabel: 'trace' }],
  ])('labels client error lines with the requestIdLogLabel of %s', async (_name, labelOptions) => {
    const logs = captureLogs();
    const app = Fastify({ loggerInstance: logs.logger, ...labelOptions, ...errorsServerOptions() });
    await app.register(errorsPlugin);
    app.get('/', async () => 'ok');
    // Fastify's own request lines carry the id under the same label.
    await app.inject({ method: 'GET', url: '/' });
    expect(logs.lines().find((entry) => entry.msg === 'incoming request')).toHaveProperty('trace');
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    close = () => app.close();

    const response = await sendRaw(Number(new URL(url).port), 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header: x\r\n\r\n');
    const body = JSON.parse(response.body) as Record<string, unknown>;
    const line = logs.lines().find((entry) => entry.code === 'bad_request');

    expect(response.status).toBe(400);
    expect(line).toMatchObject({ trace: body.request_id, request_id: body.request_id });
    expect(line).not.toHaveProperty('reqId');
  });

  it('sends 400 for overlong path parameter', async () => {
    const app = Fastify({ ...errorsServerOptions() });
    await app.register(errorsPlugin);
    app.get('/items/:id', async (request) => request.params);
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    close = () => app.close();

    const response = await send(url, 'GET', `/items/${'a'.repeat(101)}`);

    expect(response.status).toBe(400);
    expect(envelopeSchemaErrors(response.body)).toEqual([]);
    expect(response.body.detail).toBe('The request could not be parsed: a path parameter is too long.');
    expect(response.headers.get('x-request-id')).toBe(response.body.request_id);
  });

  it('keeps a query key out of Fastify’s request lines with serializeRequest', async () => {
    const logs = captureLogs();
    const logger = logs.logger.child({}, { serializers: { req: serializeRequest } });
    const app = Fastify({ loggerInstance: logger, ...errorsServerOptions() });
    await app.register(errorsPlugin);
    app.get('/policies', async () => {
      throw new AgnesError('forbidden', { scope: 'policy:delete' });
    });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    close = () => app.close();

    for (const path of ['/policies?api_key=QUERY_SECRET', '/missing?api_key=QUERY_SECRET']) {
      const response = await send(url, 'GET', path);
      expect(response.status).toBeGreaterThanOrEqual(400);
    }
    const incoming = logs.lines().filter((line) => line.msg === 'incoming request');

    expect(incoming.map((line) => (line.req as { url: string }).url)).toEqual(['/policies', '/missing']);
    expect(JSON.stringify(logs.lines())).not.toContain('QUERY_SECRET');
  });

  it('takes serializeRequest in the factory logger options', async () => {
    expectTypeOf(serializeRequest).toExtend<NonNullable<NonNullable<FastifyLoggerOptions['serializers']>['req']>>();
    const chunks: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk.toString('utf8'));
        callback();
      },
    });
    const renderer = createAgnesRenderer({ docsBaseUrl: CUSTOM_DOCS });
    // The README's first Fastify example, with a stream that the test reads.
    const app = Fastify({
      logger: { serializers: { req: serializeRequest }, stream },
      ...errorsServerOptions({ renderer }),
    });
    await app.register(errorsPlugin, { renderer });

    await app.inject({ method: 'GET', url: '/missing?api_key=QUERY_SECRET', headers: { 'accept-version': '2' } });
    const incoming = chunks.map((chunk) => JSON.parse(chunk) as { msg: string; req?: unknown }).find((line) => line.msg === 'incoming request');

    expect(incoming?.req).toMatchObject({ method: 'GET', url: '/missing', version: '2' });
    expect(chunks.join('')).not.toContain('QUERY_SECRET');
  });

  it('logs through Fastify’s logger with its request id', async () => {
    const logs = captureLogs();
    const app = Fastify({ loggerInstance: logs.logger, ...errorsServerOptions() });
    await app.register(errorsPlugin);
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    close = () => app.close();

    const response = await send(url, 'GET', '/missing', { headers: { 'x-request-id': 'req-from-client' } });
    const line = logs.lines().find((entry) => entry.code === 'route_not_found');

    expect(response.body.request_id).toBe('req-from-client');
    expect(line).toMatchObject({ level: LEVEL.info, reqId: 'req-from-client', request_id: 'req-from-client' });
  });

  it('reads no stack of a 4xx with Fastify’s own request logs', async () => {
    const logs = captureLogs();
    const app = Fastify({ loggerInstance: logs.logger, ...errorsServerOptions() });
    await app.register(errorsPlugin);
    let stackReads = 0;
    app.get('/forbidden', async () => {
      const error = new AgnesError('forbidden', { scope: 'policy:delete' });
      Object.defineProperty(error, 'stack', {
        get: () => {
          stackReads += 1;
          return 'AgnesError: Permission denied';
        },
      });
      throw error;
    });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    close = () => app.close();

    const response = await send(url, 'GET', '/forbidden');
    await close();
    close = undefined;
    const messages = logs.lines().filter((line) => line.reqId === response.body.request_id).map((line) => line.msg);

    expect(response.status).toBe(403);
    expect(messages).toEqual(['incoming request', 'Request failed with forbidden (403)', 'request completed']);
    expect(stackReads).toBe(0);
  });

  it('replaces Fastify’s request id without genReqId', async () => {
    const app = Fastify();
    await app.register(errorsPlugin);
    let seen: string | undefined;
    app.get('/id', async (request) => {
      seen = request.id;
      return { ok: true };
    });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    close = () => app.close();

    const response = await send(url, 'GET', '/id', { headers: { 'x-request-id': 'req-42' } });

    expect(seen).toBe('req-42');
    expect(response.headers.get('x-request-id')).toBe('req-42');
  });

  it.each([
    { name: 'one renderer', setup: () => {
      const renderer = createAgnesRenderer({ docsBaseUrl: CUSTOM_DOCS });
      return { server: { renderer }, plugin: { renderer } };
    } },
    { name: 'the same docsBaseUrl', setup: () => ({ server: { docsBaseUrl: CUSTOM_DOCS }, plugin: { docsBaseUrl: CUSTOM_DOCS } }) },
  ])('uses the docs URL of $name for every 400', async ({ setup }) => {
    const { server, plugin } = setup();
    const app = Fastify(errorsServerOptions(server));
    await app.register(errorsPlugin, plugin);
    app.get('/things/:id', async () => ({ ok: true }));
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    close = () => app.close();

    const routed = await send(url, 'GET', '/things/%85');
    const unrouted = await send(url, 'GET', '/%85');

    expect(routed.body).toMatchObject({ code: 'bad_request', doc_url: `${CUSTOM_DOCS}/errors/bad_request` });
    expect(unrouted.body).toMatchObject({ code: 'bad_request', doc_url: `${CUSTOM_DOCS}/errors/bad_request` });
  });

  it('works with another registry', async () => {
    const ShopError = createErrorClass(shopRegistry);
    const renderer = createErrorRenderer({ registry: shopRegistry, codes: shopFailureCodes, docsBaseUrl: SHOP_DOCS_BASE_URL });
    const app = Fastify(errorsServerOptions({ renderer }));
    await app.register(errorsPlugin, { renderer });
    app.get('/stock', async () => {
      throw new ShopError('slow_down', { wait_seconds: 9 });
    });
    app.post('/stock', async () => ({ ok: true }));
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    close = () => app.close();

    const thrown = await send(url, 'GET', '/stock');
    const missing = await send(url, 'GET', '/nowhere');
    const wrongMethod = await send(url, 'DELETE', '/stock');
    const badPath = await send(url, 'GET', '/%zz');

    expect(thrown.status).toBe(429);
    expect(thrown.headers.get('retry-after')).toBe('9');
    expect(thrown.body).toMatchObject({ code: 'slow_down', wait_seconds: 9, doc_url: `${SHOP_DOCS_BASE_URL}/errors/slow_down` });
    expect(missing.body).toMatchObject({ code: 'no_route', detail: 'Nothing at GET /nowhere.' });
    expect(wrongMethod.body).toMatchObject({ code: 'wrong_verb', allowed_methods: ['GET', 'HEAD', 'POST'] });
    expect(badPath.body.code).toBe('unparsable');
  });
});
