/**
 * Fastify failures that the plugin never sees, because they happen after the response started:
 * a route that throws after `reply.hijack()`, a stream payload that fails midway and an `onResponse`
 * hook that throws. The tests pin the lines that Fastify writes itself, which docs/fastify.md
 * lists, and the hijack pattern of that page, which must cut the response and close the connection.
 */
import { connect } from 'node:net';
import { Readable } from 'node:stream';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { cutResponse } from '../src/index.ts';
import { errorsPlugin, errorsServerOptions } from '../src/fastify/index.ts';
import { exchangeRaw } from './support/http.ts';
import { captureLogs, LEVEL, type CapturedLogs, type LogLine } from './support/logs.ts';

const HIJACK_MESSAGE = 'Streaming failed after reply.hijack(), so the response was cut short';
/** Maximum event-loop turns that a test waits for a log line. */
const MAX_WAIT_TURNS = 10_000;

let app: FastifyInstance | undefined;
/** Calls of the throwing `onResponse` hook, so that a test can wait until it has run. */
let onResponseCalls = 0;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** Returns a stream that sends one chunk and then fails. */
function failingAfterOneChunk(): Readable {
  let reads = 0;
  return new Readable({
    read() {
      reads += 1;
      if (reads === 1) this.push('first rows\n');
      else setImmediate(() => this.destroy(new Error('the export query failed')));
    },
  });
}

/** Writes the rest of an export, and fails, as a query that breaks off would. */
async function writeRest(_output: NodeJS.WritableStream): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  throw new Error('the export query failed');
}

/** Serves the export route of docs/fastify.md, which owns its errors after `reply.hijack()`. */
async function exportRoute(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  reply.hijack();
  try {
    if (request.headers['x-fail-before-head'] === undefined) {
      reply.raw.writeHead(200, { 'content-type': 'text/plain' });
      reply.raw.write('first rows\n');
    }
    await writeRest(reply.raw);
    reply.raw.end();
  } catch (error) {
    request.log.error({ err: error, request_id: request.id, method: request.method, route: request.routeOptions.url }, HIJACK_MESSAGE);
    cutResponse(reply.raw);
  }
}

async function start(logs: CapturedLogs, factoryOptions: { disableRequestLogging?: boolean } = {}): Promise<number> {
  const instance = Fastify({ loggerInstance: logs.logger, ...factoryOptions, ...errorsServerOptions() }) as unknown as FastifyInstance;
  app = instance;
  await instance.register(errorsPlugin);
  instance.get('/v1/exports/:id', exportRoute);
  instance.get('/hijack-throws', async (_request, reply) => {
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/plain' });
    reply.raw.write('first rows\n');
    throw new Error('the export query failed');
  });
  instance.get('/hijack-throws-sync', (_request, reply) => {
    reply.hijack();
    throw new Error('the export query failed');
  });
  instance.get('/stream', async (_request, reply) => reply.type('text/plain').send(failingAfterOneChunk()));
  instance.get('/on-response-throws', {
    onResponse: async () => {
      onResponseCalls += 1;
      throw new Error('the audit write failed');
    },
  }, async () => ({ ok: true }));
  await instance.listen({ host: '127.0.0.1', port: 0 });
  return (instance.server.address() as { port: number }).port;
}

function get(path: string, id: string, extra = ''): string {
  return `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-Id: ${id}\r\n${extra}\r\n`;
}

function bodyOf(received: string): string {
  return received.slice(received.indexOf('\r\n\r\n') + 4);
}

/** Lines at warn level or above, without the request lines that Fastify writes for every request. */
function faultLines(logs: CapturedLogs): LogLine[] {
  return logs.lines().filter((line) => line.level >= LEVEL.warn);
}

/** Waits until the throwing `onResponse` hook has run `calls` times in all, and one turn more for its line. */
async function onResponseRan(calls: number): Promise<void> {
  for (let turn = 0; turn < MAX_WAIT_TURNS && onResponseCalls < calls; turn += 1) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect(onResponseCalls).toBe(calls);
  await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Waits until a line with message `message` is logged, or with `undefined` any line at warn level or
 * above, for at most `MAX_WAIT_TURNS` event-loop turns.
 */
async function lineWith(logs: CapturedLogs, message: string | undefined): Promise<LogLine> {
  for (let turn = 0; turn < MAX_WAIT_TURNS; turn += 1) {
    const line = message === undefined ? faultLines(logs)[0] : logs.lines().find((candidate) => candidate.msg === message);
    if (line !== undefined) return line;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`No log line "${message ?? 'at warn level or above'}" within ${MAX_WAIT_TURNS} event-loop turns`);
}

describe('fastify route after reply.hijack()', () => {
  it('documented pattern cuts the response', async () => {
    const logs = captureLogs();
    const port = await start(logs);

    const received = await exchangeRaw(port, get('/v1/exports/7', 'hijack-cut'));

    expect(received).toMatch(/^HTTP\/1\.1 200 /);
    expect(bodyOf(received)).toBe('b\r\nfirst rows\n\r\n');
  });

  it('documented pattern logs the request id', async () => {
    const logs = captureLogs();
    const port = await start(logs);

    await exchangeRaw(port, get('/v1/exports/7', 'hijack-log'));
    const lines = faultLines(logs);

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: LEVEL.error, msg: HIJACK_MESSAGE, request_id: 'hijack-log', reqId: 'hijack-log' });
    expect(lines[0]).toMatchObject({ method: 'GET', route: '/v1/exports/:id' });
    expect(lines[0]?.err).toMatchObject({ message: 'the export query failed' });
  });

  it('documented pattern before the head', async () => {
    const logs = captureLogs();
    const port = await start(logs);

    const received = await exchangeRaw(port, get('/v1/exports/7', 'hijack-no-head', 'X-Fail-Before-Head: 1\r\n'));

    expect(received).toBe('');
    expect(faultLines(logs)).toHaveLength(1);
  });

  it('throw without the pattern keeps the connection', async () => {
    const logs = captureLogs();
    const port = await start(logs);
    const socket = connect({ host: '127.0.0.1', port });
    let closed = false;
    socket.on('close', () => {
      closed = true;
    });
    socket.on('error', () => {});
    socket.resume();
    socket.write(get('/hijack-throws', 'hijack-open'));

    const line = await lineWith(logs, 'Promise errored, but reply.sent = true was set');
    await new Promise((resolve) => setImmediate(resolve));

    expect(line).toMatchObject({ level: LEVEL.error, reqId: 'hijack-open' });
    expect(line.request_id).toBeUndefined();
    expect(closed).toBe(false);
    socket.destroy();
  });
});

describe('fastify sync route after reply.hijack()', () => {
  it('throw is not logged, only a warning', async () => {
    const logs = captureLogs();
    const port = await start(logs);
    const socket = connect({ host: '127.0.0.1', port });
    socket.on('error', () => {});
    socket.resume();
    socket.write(get('/hijack-throws-sync', 'hijack-sync'));

    const line = await lineWith(logs, undefined);
    socket.destroy();

    expect(line).toMatchObject({ level: LEVEL.warn, reqId: 'hijack-sync' });
    expect(line.err).toMatchObject({ code: 'FST_ERR_REP_ALREADY_SENT' });
    expect(logs.text()).not.toContain('the export query failed');
  });
});

describe('fastify failures after the response started', () => {
  it('stream payload gets a warn line from Fastify', async () => {
    const logs = captureLogs();
    const port = await start(logs);

    const received = await exchangeRaw(port, get('/stream', 'stream-fails'));
    const lines = faultLines(logs);

    expect(bodyOf(received)).toBe('b\r\nfirst rows\n\r\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: LEVEL.warn, reqId: 'stream-fails', msg: 'response terminated with an error with headers already sent' });
    expect(lines[0]?.err).toMatchObject({ message: 'the export query failed' });
    expect(lines[0]?.request_id).toBeUndefined();
  });

  it('onResponse throw gets an error line from Fastify', async () => {
    const logs = captureLogs();
    const port = await start(logs);

    const received = await exchangeRaw(port, get('/on-response-throws', 'on-response', 'Connection: close\r\n'));
    await lineWith(logs, 'request errored');
    const lines = faultLines(logs);

    expect(received).toMatch(/^HTTP\/1\.1 200 /);
    expect(bodyOf(received)).toBe('{"ok":true}');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: LEVEL.error, reqId: 'on-response', res: { statusCode: 200 } });
    expect(lines[0]?.err).toMatchObject({ message: 'the audit write failed' });
  });

  it('disableRequestLogging drops both lines', async () => {
    const logs = captureLogs();
    const port = await start(logs, { disableRequestLogging: true });

    const callsBefore = onResponseCalls;

    const received = await exchangeRaw(port, get('/stream', 'stream-silent'));
    await exchangeRaw(port, get('/on-response-throws', 'on-response-silent', 'Connection: close\r\n'));
    await onResponseRan(callsBefore + 1);

    expect(bodyOf(received)).toBe('b\r\nfirst rows\n\r\n');
    expect(faultLines(logs)).toEqual([]);
  });
});
