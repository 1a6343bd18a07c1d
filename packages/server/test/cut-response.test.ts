/**
 * `cutResponse` where a socket's `destroySoon()` is missing or wrong. Fastify's `inject()` gives a
 * fake socket without it. On HTTP/2 it would end every stream of the connection. And a client that
 * stops reading would keep the connection open, and `close()` waiting, with no limit.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import http2 from 'node:http2';
import { connect, type AddressInfo, type Socket } from 'node:net';
import express from 'express';
import Fastify, { type FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { CUT_RESPONSE_FLUSH_TIMEOUT_MS, cutResponse } from '../src/index.ts';
import { errorHandler, notFoundHandler, requestId } from '../src/express/index.ts';
import { errorsPlugin, errorsServerOptions } from '../src/fastify/index.ts';
import { exchangeRaw } from './support/http.ts';
import { captureLogs, LEVEL } from './support/logs.ts';

/** Size of the body that a stalled client is sent, in bytes: more than loopback's socket buffers take. */
const STALLED_BODY_BYTES = 8 * 1024 * 1024;
/** Test timeout of the stalled-client tests, which wait for the flush timeout, in milliseconds. */
const STALLED_TEST_TIMEOUT_MS = CUT_RESPONSE_FLUSH_TIMEOUT_MS + 10_000;

/** Registers a cleanup of the running test. It is the test context's hook, which keeps concurrent tests apart. */
type OnFinished = (cleanup: () => void | Promise<void>) => void;

/** Fastify's factory without its overloads, whose HTTP/1 and HTTP/2 forms a test picks at run time. */
const createFastify = Fastify as unknown as (options: object) => FastifyInstance;

function quietFastify(onFinished: OnFinished, options: { http2?: true } = {}): FastifyInstance {
  const app = createFastify({ ...options, logger: false, ...errorsServerOptions() });
  onFinished(() => app.close());
  return app;
}

/** Opens a connection that sends `request` and then does not read, as a stalled client does. */
async function stalledClient(onFinished: OnFinished, port: number, request: string): Promise<Socket> {
  const socket = connect({ host: '127.0.0.1', port });
  onFinished(() => {
    socket.destroy();
  });
  socket.pause();
  socket.on('error', () => {});
  await once(socket, 'connect');
  socket.write(request);
  return socket;
}

/**
 * Reads the rest of what the server sent and resolves once the connection has closed. A paused
 * socket does not notice the server closing until it reads up to that point.
 */
async function drainUntilClosed(socket: Socket): Promise<void> {
  const closed = once(socket, 'close');
  socket.resume();
  await closed;
}

const LATE_REQUEST = 'GET /late HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';

describe('cutResponse on node:http', () => {
  it('second call changes nothing', async ({ onTestFinished }) => {
    const thrown: unknown[] = [];
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('first rows\n');
      try {
        cutResponse(response);
        cutResponse(response);
      } catch (error) {
        thrown.push(error);
      }
    });
    onTestFinished(() => {
      server.closeAllConnections();
      server.close();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');

    const received = await exchangeRaw((server.address() as AddressInfo).port, LATE_REQUEST);

    expect(thrown).toEqual([]);
    expect(received).toMatch(/^HTTP\/1\.1 200 /);
    expect(received.slice(received.indexOf('\r\n\r\n') + 4)).toBe('b\r\nfirst rows\n\r\n');
  });
});

/** Starts a node:http server on 127.0.0.1 with `handler` and returns its port. */
async function listenWith(onFinished: OnFinished, handler: Parameters<typeof createServer>[1]): Promise<number> {
  const server = createServer(handler);
  onFinished(() => {
    server.closeAllConnections();
    server.close();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

describe('cutResponse guards', () => {
  it('leaves an ended response alone', async ({ onTestFinished }) => {
    const port = await listenWith(onTestFinished, (request, response) => {
      response.end(`${request.url} done`);
      if (request.url === '/a') cutResponse(response);
    });
    const pipelined = 'GET /a HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGET /b HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n';

    const received = await exchangeRaw(port, pipelined);

    expect(received).toContain('/a done');
    expect(received).toContain('/b done');
  });

  it('calls write callbacks after a cut', async ({ onTestFinished }) => {
    const called: string[] = [];
    const port = await listenWith(onTestFinished, (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('first rows\n');
      cutResponse(response);
      response.write('later rows\n', () => called.push('write'));
      response.end('last row\n', () => called.push('end'));
    });

    const received = await exchangeRaw(port, LATE_REQUEST);
    await new Promise((resolve) => setImmediate(resolve));

    expect(received).not.toContain('later rows');
    expect(called).toEqual(['write', 'end']);
  });

  it.each([
    { name: 'undefined', value: undefined, got: 'got undefined' },
    { name: 'a plain object', value: {}, got: 'got an object of class Object' },
    { name: 'a reply-like object', value: { raw: {}, send() {}, code() {} }, got: 'got an object of class Object' },
  ])('rejects $name with the fix', ({ value, got }) => {
    const before = value === undefined ? undefined : { ...value };

    expect(() => cutResponse(value as never)).toThrow(TypeError);
    expect(() => cutResponse(value as never)).toThrow(got);
    expect(() => cutResponse(value as never)).toThrow('Pass the raw response: reply.raw on Fastify');
    expect(value).toEqual(before);
  });
});

describe('cutResponse under fastify inject()', () => {
  it('rejects with LIGHT_ECONNRESET', async ({ onTestFinished }) => {
    const logs = captureLogs();
    const app = Fastify({ loggerInstance: logs.logger, ...errorsServerOptions() }) as unknown as FastifyInstance;
    onTestFinished(() => app.close());
    await app.register(errorsPlugin);
    app.get('/late', (_request, reply) => {
      reply.raw.writeHead(200, { 'content-type': 'text/plain' });
      reply.raw.write('first rows\n');
      throw new Error('the export query failed');
    });

    const injected = app.inject({ method: 'GET', url: '/late' });

    await expect(injected).rejects.toMatchObject({ code: 'LIGHT_ECONNRESET' });
    const errorLines = logs.lines().filter((line) => line.level >= LEVEL.error);
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]?.err).toMatchObject({ message: 'the export query failed' });
  });
});

describe('cutResponse on fastify with http2', () => {
  it('resets only the failed stream', async ({ onTestFinished }) => {
    const app = quietFastify(onTestFinished, { http2: true });
    await app.register(errorsPlugin);
    let releaseSlow = () => {};
    const lateCut = new Promise<void>((resolve) => {
      releaseSlow = resolve;
    });
    app.get('/slow', async () => {
      await lateCut;
      return { slow: true };
    });
    app.get('/late', (_request, reply) => {
      reply.raw.writeHead(200, { 'content-type': 'text/plain' });
      reply.raw.write('first rows\n');
      // The error handler runs synchronously after this throw, so /slow is released after the cut.
      setImmediate(releaseSlow);
      throw new Error('the export query failed');
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const session = http2.connect(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
    onTestFinished(() => session.destroy());
    session.on('error', () => {});

    const slow = requestHttp2(session, '/slow');
    const late = requestHttp2(session, '/late');
    const [slowResult, lateResult] = await Promise.all([slow, late]);

    expect(slowResult).toEqual({ status: 200, body: '{"slow":true}', ended: true, rstCode: http2.constants.NGHTTP2_NO_ERROR });
    expect(lateResult.status).toBe(200);
    expect(lateResult.ended).toBe(false);
    expect(lateResult.rstCode).toBe(http2.constants.NGHTTP2_INTERNAL_ERROR);
    expect(session.destroyed).toBe(false);
  });
});

interface Http2Result {
  status: number;
  body: string;
  /** Whether the stream ended normally, with END_STREAM, rather than by a reset. */
  ended: boolean;
  rstCode: number | undefined;
}

/** Sends a GET on the session and resolves once its stream has closed. */
function requestHttp2(session: http2.ClientHttp2Session, path: string): Promise<Http2Result> {
  return new Promise((resolve) => {
    const stream = session.request({ ':path': path });
    const result: Http2Result = { status: 0, body: '', ended: false, rstCode: undefined };
    stream.setEncoding('utf8');
    stream.on('response', (headers) => {
      result.status = Number(headers[':status']);
    });
    stream.on('data', (chunk: string) => {
      result.body += chunk;
    });
    stream.on('end', () => {
      result.ended = true;
    });
    stream.on('error', () => {});
    stream.on('close', () => resolve({ ...result, rstCode: stream.rstCode }));
  });
}

describe.concurrent('cutResponse with a stalled client', () => {
  it('fastify close() finishes', { timeout: STALLED_TEST_TIMEOUT_MS }, async ({ onTestFinished }) => {
    const app = quietFastify(onTestFinished);
    await app.register(errorsPlugin);
    let thrown = false;
    app.get('/late', (_request, reply) => {
      reply.raw.writeHead(200, { 'content-type': 'application/octet-stream' });
      reply.raw.write(Buffer.alloc(STALLED_BODY_BYTES));
      thrown = true;
      throw new Error('the export query failed');
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const client = await stalledClient(onTestFinished, (app.server.address() as AddressInfo).port, LATE_REQUEST);
    await waitUntil(() => thrown);

    await app.close();
    await drainUntilClosed(client);

    expect(client.destroyed).toBe(true);
  });

  it('express server.close() finishes', { timeout: STALLED_TEST_TIMEOUT_MS }, async ({ onTestFinished }) => {
    const logs = captureLogs();
    const app = express();
    let thrown = false;
    app.use(requestId());
    app.get('/late', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      response.write(Buffer.alloc(STALLED_BODY_BYTES));
      thrown = true;
      throw new Error('the export query failed');
    });
    app.use(notFoundHandler());
    app.use(errorHandler({ logger: logs.logger }));
    const server: Server = app.listen(0, '127.0.0.1');
    onTestFinished(() => server.closeAllConnections());
    await once(server, 'listening');
    const client = await stalledClient(onTestFinished, (server.address() as AddressInfo).port, LATE_REQUEST);
    await waitUntil(() => thrown);

    await new Promise((resolve) => server.close(resolve));
    await drainUntilClosed(client);

    expect(client.destroyed).toBe(true);
    expect(logs.lines().filter((line) => line.level >= LEVEL.error)).toHaveLength(1);
  });
});

/** Maximum event-loop turns that `waitUntil` waits. */
const MAX_WAIT_TURNS = 10_000;

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < MAX_WAIT_TURNS && !condition(); turn += 1) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect(condition()).toBe(true);
}
