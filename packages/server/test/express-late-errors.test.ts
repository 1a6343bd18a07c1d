/**
 * Errors that reach the Express adapter after the response started. A complete response is left
 * alone and its keep-alive connection goes on serving the requests behind it. A response that has
 * started but not ended is cut short by closing the connection. Both get one error line in the log
 * and no error response.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler, type NextFunction, type Request, type Response } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgnesError, createAgnesRenderer } from '../src/index.ts';
import { errorHandler, notFoundHandler, requestId } from '../src/express/index.ts';
import { exchangeRaw } from './support/http.ts';
import { captureLogs, LEVEL } from './support/logs.ts';

const logs = captureLogs();
let server: Server;
let port: number;

interface Signal {
  promise: Promise<void>;
  resolve(): void;
}

/** One signal per request id, resolved once the error handler has returned for that request. */
const errorHandled = new Map<string, Signal>();

function errorHandledFor(id: string): Signal {
  let handled = errorHandled.get(id);
  if (handled === undefined) {
    let resolve = () => {};
    const promise = new Promise<void>((settle) => {
      resolve = settle;
    });
    handled = { promise, resolve };
    errorHandled.set(id, handled);
  }
  return handled;
}

type Fail = (error: unknown, next: NextFunction) => void;

const rejects: Fail = (error) => {
  throw error;
};
const callsNext: Fail = (error, next) => next(error);

/** A handler that sends a complete 200 and fails once the response has finished. */
function completeThenFail(fail: Fail, error: () => unknown) {
  return async (_request: Request, response: Response, next: NextFunction) => {
    response.json({ ok: true });
    await once(response, 'finish');
    fail(error(), next);
  };
}

/** A handler that sends the head and part of a chunked body, then fails. */
function startThenFail(fail: Fail) {
  return async (_request: Request, response: Response, next: NextFunction) => {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.write('partial');
    await new Promise((resolve) => setImmediate(resolve));
    fail(new Error('failed while streaming'), next);
  };
}

/** Size of the body that the large-write route writes before it throws, in bytes. */
const LARGE_BODY_BYTES = 4 * 1024 * 1024;

/** A handler that writes the head and `body`, then fails in the same tick, before Node sends them. */
function writeThenFailAtOnce(fail: Fail, body: string) {
  return (_request: Request, response: Response, next: NextFunction) => {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.write(body);
    fail(new Error('failed right after writing'), next);
  };
}

function buildApp(): express.Express {
  const options = { renderer: createAgnesRenderer(), logger: logs.logger };
  const app = express();
  app.use(requestId(options));

  app.get('/complete/rejects', completeThenFail(rejects, () => new Error('late failure')));
  app.get('/complete/next', completeThenFail(callsNext, () => new Error('late failure')));
  app.get('/complete/contract', completeThenFail(callsNext, () => new AgnesError('forbidden', { scope: 'policy:delete' })));
  app.get('/complete/string', completeThenFail(rejects, () => 'late string'));
  app.get('/started/rejects', startThenFail(rejects));
  app.get('/started/next', startThenFail(callsNext));
  app.get('/same-tick/throws', writeThenFailAtOnce(rejects, 'partial'));
  app.get('/same-tick/next', writeThenFailAtOnce(callsNext, 'partial'));
  app.get('/same-tick/large', writeThenFailAtOnce(rejects, 'x'.repeat(LARGE_BODY_BYTES)));

  app.get('/sent-then-next', (_request, response, next) => {
    response.json({ ok: true });
    next();
  });
  app.get('/started-then-next', (_request, response, next) => {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.write('partial');
    next();
  });
  // Responds once the error handler has finished with the request named in `after`, so that an
  // adapter that closes the connection would do so before this response is written.
  app.get('/next-request', async (request, response) => {
    await errorHandledFor(String(request.query.after)).promise;
    response.json({ second: true });
  });
  // Responds only after a request that follows it on the same connection has failed.
  app.get('/slow', async (request, response) => {
    await errorHandledFor(String(request.query.after)).promise;
    response.json({ slow: true });
  });

  app.use(notFoundHandler(options));
  const handleError = errorHandler(options);
  const observedErrorHandler: ErrorRequestHandler = (error, request, response, next) => {
    handleError(error, request, response, next);
    errorHandledFor(String(request.headers['x-request-id'])).resolve();
  };
  app.use(observedErrorHandler);
  return app;
}

beforeAll(async () => {
  server = buildApp().listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

interface ParsedResponse {
  status: number;
  head: string;
  body: string;
}

interface PipelinedExchange {
  responses: ParsedResponse[];
  /** Whether the server closed the connection before the expected responses had arrived. */
  closedEarly: boolean;
}

/**
 * Writes several requests on one keep-alive connection in a single write, and reads responses with
 * `Content-Length` until `expected` have arrived or the server closes the connection.
 */
function exchangePipelined(requests: string[], expected: number): Promise<PipelinedExchange> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let received = Buffer.alloc(0);
    const responses: ParsedResponse[] = [];
    const finish = (closedEarly: boolean) => {
      socket.destroy();
      resolve({ responses, closedEarly });
    };
    socket.setTimeout(5000, () => socket.destroy(new Error('Pipelined requests timed out after 5 s')));
    socket.on('error', reject);
    socket.on('close', () => finish(true));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      for (;;) {
        const split = received.indexOf('\r\n\r\n');
        if (split === -1) return;
        const head = received.subarray(0, split).toString('latin1');
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1]);
        if (!Number.isInteger(length) || received.length < split + 4 + length) return;
        const body = received.subarray(split + 4, split + 4 + length).toString('utf8');
        responses.push({ status: Number(head.split(' ')[1]), head, body });
        received = received.subarray(split + 4 + length);
        if (responses.length === expected) {
          finish(false);
          return;
        }
      }
    });
    socket.write(requests.join(''));
  });
}

function get(path: string, id: string): string {
  return `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-Id: ${id}\r\n\r\n`;
}

function linesOf(id: string) {
  return logs.lines().filter((line) => line.request_id === id);
}

interface CompleteCase {
  name: string;
  path: string;
  /** The members of the log line that describe the thrown value. */
  logged: Record<string, unknown>;
}

const COMPLETE_CASES: CompleteCase[] = [
  { name: 'rejection', path: '/complete/rejects', logged: { err: expect.objectContaining({ message: 'late failure' }) } },
  { name: 'next(err)', path: '/complete/next', logged: { err: expect.objectContaining({ message: 'late failure' }) } },
  { name: 'contract error', path: '/complete/contract', logged: { code: 'forbidden' } },
  { name: 'thrown string', path: '/complete/string', logged: { thrown: 'late string' } },
];

describe('express errors after a complete response', () => {
  it.each(COMPLETE_CASES)('$name keeps the connection for the next request', async ({ path, name }) => {
    const id = `complete-${name.replace(/\W+/g, '-')}`;
    const exchange = await exchangePipelined([get(path, id), get(`/next-request?after=${id}`, `${id}-2`)], 2);

    expect(exchange.closedEarly).toBe(false);
    expect(exchange.responses.map((response) => response.status)).toEqual([200, 200]);
    expect(JSON.parse(exchange.responses[0]?.body ?? '')).toEqual({ ok: true });
    expect(JSON.parse(exchange.responses[1]?.body ?? '')).toEqual({ second: true });
  });

  it.each(COMPLETE_CASES)('$name is logged once at error level', async ({ path, name, logged }) => {
    const id = `complete-log-${name.replace(/\W+/g, '-')}`;
    await exchangePipelined([get(path, id), get(`/next-request?after=${id}`, `${id}-2`)], 2);
    const lines = linesOf(id);

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: LEVEL.error, method: 'GET', path, status: 200, ...logged });
    expect(lines[0]?.msg).toBe('Request failed after its response was sent in full, so no error response was sent');
    expect(linesOf(`${id}-2`)).toEqual([]);
  });

  it('response sent before next() stays complete', async () => {
    const exchange = await exchangePipelined([get('/sent-then-next', 'sent-next'), get('/sent-then-next', 'sent-next-2')], 2);

    expect(exchange.closedEarly).toBe(false);
    expect(exchange.responses.map((response) => response.status)).toEqual([200, 200]);
    expect(JSON.parse(exchange.responses[0]?.body ?? '')).toEqual({ ok: true });
    expect(linesOf('sent-next')).toEqual([]);
  });
});

describe('express errors after a started response', () => {
  it.each([
    { name: 'rejection', path: '/started/rejects' },
    { name: 'next(err)', path: '/started/next' },
  ])('$name closes the connection', async ({ path, name }) => {
    const id = `started-${name.replace(/\W+/g, '-')}`;
    const received = await exchangeRaw(port, get(path, id));

    expect(received).toMatch(/^HTTP\/1\.1 200 /);
    expect(received).toContain('partial');
    // The chunked body never gets its last chunk, so the client sees it is incomplete.
    expect(received).not.toContain('\r\n0\r\n\r\n');
    expect(received).not.toContain('internal_error');
  });

  it.each([
    { name: 'rejection', path: '/started/rejects' },
    { name: 'next(err)', path: '/started/next' },
  ])('$name is logged once at error level', async ({ path, name }) => {
    const id = `started-log-${name.replace(/\W+/g, '-')}`;
    await exchangeRaw(port, get(path, id));
    const lines = linesOf(id);

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: LEVEL.error,
      status: 200,
      err: expect.objectContaining({ message: 'failed while streaming' }),
    });
    expect(lines[0]?.msg).toBe(
      'Request failed after its response started, so no error response was sent and the connection was closed to cut the response short',
    );
  });

  it.each([
    { name: 'sync throw', path: '/same-tick/throws' },
    { name: 'next(err)', path: '/same-tick/next' },
  ])('$name in the write tick delivers the bytes', async ({ path, name }) => {
    const id = `same-tick-${name.replace(/\W+/g, '-')}`;
    const received = await exchangeRaw(port, get(path, id));

    expect(received).toMatch(/^HTTP\/1\.1 200 /);
    expect(received).toMatch(/\r\n\r\n7\r\npartial\r\n$/);
    expect(received).not.toContain('\r\n0\r\n\r\n');
    expect(linesOf(id)).toHaveLength(1);
  });

  it('large write before a throw arrives whole', async () => {
    const received = await exchangeRaw(port, get('/same-tick/large', 'same-tick-large'));
    const body = received.slice(received.indexOf('\r\n\r\n') + 4);

    expect(received).toMatch(/^HTTP\/1\.1 200 /);
    expect(body).toBe(`${LARGE_BODY_BYTES.toString(16)}\r\n${'x'.repeat(LARGE_BODY_BYTES)}\r\n`);
  });

  it('pipelined failure keeps the earlier response', async () => {
    const id = 'pipelined-started';
    const received = await exchangeRaw(port, `${get(`/slow?after=${id}`, 'pipelined-slow')}${get('/started/rejects', id)}`);
    const [first = '', second = ''] = received.split(/(?=HTTP\/1\.1 )/);

    expect(first).toMatch(/^HTTP\/1\.1 200 /);
    expect(first).toContain('{"slow":true}');
    expect(second).toMatch(/^HTTP\/1\.1 200 /);
    expect(second).not.toContain('\r\n0\r\n\r\n');
    expect(linesOf(id)).toHaveLength(1);
  });

  it('unended response before next() closes the connection', async () => {
    const received = await exchangeRaw(port, get('/started-then-next', 'started-next'));
    const lines = linesOf('started-next');

    expect(received).toContain('partial');
    expect(received).not.toContain('\r\n0\r\n\r\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: LEVEL.error, status: 200 });
    expect(lines[0]?.msg).toContain('passed the request on without ending it');
  });
});
