/**
 * Requests that arrive while a Fastify server closes. Fastify 5.12 responds to them with its own 503
 * body and no request id unless `return503OnClosing` is off, so `errorsServerOptions()` turns it off
 * and the plugin sends the registry's service-unavailable envelope from its `preClose` hook on.
 * Each test keeps `close()` waiting, with a request in flight or a waiting `preClose` hook, on a real
 * server on 127.0.0.1.
 */
import { connect, type Socket } from 'node:net';
import { defineError, defineRegistry } from '@agnes/errors';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createErrorRenderer, type ErrorRenderer } from '../src/index.ts';
import { errorsPlugin, errorsServerOptions } from '../src/fastify/index.ts';
import { captureLogs, LEVEL, type CapturedLogs } from './support/logs.ts';
import { envelopeSchemaErrors } from './support/schema.ts';
import { shopFailureCodes, shopRegistry } from './support/synthetic-registry.ts';

/** Fastify's own line for its 503, which must not appear once the plugin sends the envelope. */
const FASTIFY_503_MESSAGE = 'refusing to accept new requests as server is closing';

/** A 503 code whose detail template names an optional param that the closing server cannot fill. */
const closedForNowEntry = defineError<{ node?: string }>()({
  status: 503,
  title: 'Closed',
  summary: 'the shop is closed for now',
  retry: { retryable: true, advice: 'retry later' },
  when: 'The shop does not take requests for a while.',
  causes: ['A test made it happen.'],
  fix: ['Retry later.'],
  detail: 'Node {node} is closed.',
  params: { node: 'detail' },
  example: { node: 'a' },
  related: [],
  since: '1.0.0',
});

interface ClosingApp {
  app: FastifyInstance;
  port: number;
  logs: CapturedLogs;
  /** Resolves once a `GET /slow` request is in its handler. */
  slowStarted: Promise<void>;
  /** Lets the `GET /slow` handlers return. */
  releaseSlow: () => void;
  /**
   * Starts `close()` and resolves once the preClose hooks, the plugin's among them, have run and,
   * unless `holdPreClose` keeps them waiting, the server has stopped listening. `closed` settles when the
   * server has closed.
   */
  startClose: () => Promise<{ closed: Promise<undefined> }>;
  /**
   * Resolves once the response to the request with this id has reached the `onSend` hooks, and
   * rejects when it has not within 2 s, such as a response that Fastify wrote without its hooks.
   */
  responseSent: (requestId: string) => Promise<void>;
}

interface ParsedResponse {
  status: number;
  headers: Map<string, string>;
  body: string;
}

/** A client connection that writes raw requests and reads the responses in order. */
interface RawConnection {
  write(request: string): void;
  /** Resolves with the next response on the connection. */
  nextResponse(): Promise<ParsedResponse>;
  /** Resolves once the server has closed the connection. */
  closed: Promise<void>;
}

const sockets: Socket[] = [];
let running: ClosingApp | undefined;
afterEach(async () => {
  running?.releaseSlow();
  for (const socket of sockets.splice(0)) socket.destroy();
  await running?.app.close();
  running = undefined;
});

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** Starts a Fastify app with the plugin and a `GET /slow` route that waits for `releaseSlow`. */
async function startClosingApp(options: { renderer?: ErrorRenderer<any>; holdPreClose?: Promise<void> } = {}): Promise<ClosingApp> {
  const logs = captureLogs();
  const pluginOptions = { renderer: options.renderer };
  const app = Fastify({ loggerInstance: logs.logger, ...errorsServerOptions(pluginOptions) }) as unknown as FastifyInstance;
  await app.register(errorsPlugin, pluginOptions);

  const slow = deferred();
  const started = deferred();
  app.get('/slow', async () => {
    started.resolve();
    await slow.promise;
    return { slow: true };
  });
  app.get('/fast', async () => ({ fast: true }));
  app.post('/echo', async (request) => request.body);

  // Registered after the plugin's hooks, so each runs after the plugin's hook of its kind.
  const preCloseRan = deferred();
  app.addHook('preClose', async () => {
    preCloseRan.resolve();
    await options.holdPreClose;
  });
  const sent = new Map<string, ReturnType<typeof deferred>>();
  const sentOf = (requestId: string) => {
    if (!sent.has(requestId)) sent.set(requestId, deferred());
    return sent.get(requestId)!;
  };
  app.addHook('onSend', async (request) => sentOf(request.id).resolve());

  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const startClose = async () => {
    const closed = app.close();
    await preCloseRan.promise;
    // Node closes the connections that are idle when `server.close()` runs, so a test that lets a
    // connection go idle waits until then.
    if (options.holdPreClose === undefined) await untilNotListening(app);
    return { closed };
  };
  const closingApp: ClosingApp = {
    app,
    port: Number(new URL(url).port),
    logs,
    slowStarted: started.promise,
    releaseSlow: slow.resolve,
    startClose,
    responseSent: (requestId) => withinTwoSeconds(sentOf(requestId).promise, `No response to ${requestId} passed the onSend hooks`),
  };
  running = closingApp;
  return closingApp;
}

/** Rejects with `message` unless `promise` settles within 2 s. */
function withinTwoSeconds<T>(promise: Promise<T>, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within 2 s`)), 2000);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Waits, up to about a second, until Fastify has called `server.close()`. */
async function untilNotListening(app: FastifyInstance): Promise<void> {
  for (let attempt = 0; attempt < 500 && app.server.listening; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  expect(app.server.listening).toBe(false);
}

/** Opens a connection to 127.0.0.1:port that parses responses with a `Content-Length`. */
function openConnection(port: number): RawConnection {
  const socket = connect({ host: '127.0.0.1', port });
  sockets.push(socket);
  socket.setTimeout(5000, () => socket.destroy(new Error('No response within 5 s')));
  let buffered = Buffer.alloc(0);
  const waiting: ((response: ParsedResponse) => void)[] = [];
  const parsed: ParsedResponse[] = [];

  const parse = () => {
    for (;;) {
      const split = buffered.indexOf('\r\n\r\n');
      if (split === -1) return;
      const [statusLine = '', ...lines] = buffered.subarray(0, split).toString('latin1').split('\r\n');
      const headers = new Map(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      const length = Number(headers.get('content-length') ?? 0);
      if (buffered.length < split + 4 + length) return;
      const body = buffered.subarray(split + 4, split + 4 + length).toString('utf8');
      buffered = buffered.subarray(split + 4 + length);
      const response = { status: Number(statusLine.split(' ')[1]), headers, body };
      const waiter = waiting.shift();
      if (waiter) waiter(response);
      else parsed.push(response);
    }
  };
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    parse();
  });
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.on('error', () => {});

  return {
    write: (request) => socket.write(request),
    nextResponse: () => {
      const response = parsed.shift();
      if (response) return Promise.resolve(response);
      return Promise.race([
        new Promise<ParsedResponse>((resolve) => waiting.push(resolve)),
        closed.then(() => Promise.reject(new Error('The server closed the connection before the response'))),
      ]);
    },
    closed,
  };
}

function get(path: string, requestId: string): string {
  return `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-Id: ${requestId}\r\n\r\n`;
}

/** Requests that arrive during close, each written on a connection whose `GET /slow` is in flight. */
const LATE_REQUESTS = [
  { name: 'a route', path: '/fast', requestId: 'late-route', raw: get('/fast', 'late-route') },
  { name: 'an unknown path', path: '/nope', requestId: 'late-unknown', raw: get('/nope', 'late-unknown') },
  {
    name: 'a POST with a body',
    path: '/echo',
    requestId: 'late-post',
    raw: 'POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-Id: late-post\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{"a":1}',
  },
] as const;

/** Checks that a response is the service-unavailable envelope of `requestId`, sent with `Connection: close`. */
function expectServiceUnavailable(response: ParsedResponse, requestId: string): void {
  const body = JSON.parse(response.body) as Record<string, unknown>;

  expect(response.status).toBe(503);
  expect(body).toEqual({
    detail: 'The service is temporarily unavailable. Retry later.',
    code: 'service_unavailable',
    request_id: requestId,
    doc_url: 'https://docs.lasscyber.com/errors/service_unavailable',
  });
  expect(envelopeSchemaErrors(body)).toEqual([]);
  expect(response.headers.get('x-request-id')).toBe(requestId);
  expect(response.headers.get('connection')).toBe('close');
  expect(response.headers.has('retry-after')).toBe(false);
}

/**
 * Writes `GET /slow` on a new connection, starts `close()` while it is in flight, and writes `raw`
 * behind it as a pipelined request. Returns both responses and the connection once `GET /slow` is
 * released, and `closed`, which settles when the server has closed.
 */
async function pipelineDuringClose(closingApp: ClosingApp, raw: string, requestId: string) {
  const connection = openConnection(closingApp.port);
  connection.write(get('/slow', 'in-flight'));
  await closingApp.slowStarted;
  const { closed } = await closingApp.startClose();

  connection.write(raw);
  await closingApp.responseSent(requestId);
  closingApp.releaseSlow();
  const inFlight = await connection.nextResponse();
  const late = await connection.nextResponse();
  return { inFlight, late, connection, closed };
}

describe('fastify server while it closes', () => {
  it.each(LATE_REQUESTS)('sends 503 to pipelined $name', async ({ path, requestId, raw }) => {
    const closingApp = await startClosingApp();

    const { inFlight, late, connection, closed } = await pipelineDuringClose(closingApp, raw, requestId);

    expect(inFlight.status).toBe(200);
    expect(inFlight.body).toBe('{"slow":true}');
    expectServiceUnavailable(late, requestId);
    await connection.closed;
    await closed;
    const lines = closingApp.logs.lines().filter((line) => line.request_id === requestId);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: LEVEL.info, code: 'service_unavailable', status: 503, path, params: {} });
    expect(lines[0]!.msg).toBe('Request failed with service_unavailable (503) because the server is closing');
    expect(lines[0]).not.toHaveProperty('err');
  });

  it('sends 503 on a kept-alive connection after its response', async () => {
    const { port, slowStarted, releaseSlow, startClose } = await startClosingApp();
    const connection = openConnection(port);
    connection.write(get('/slow', 'kept-alive-slow'));
    await slowStarted;
    const { closed } = await startClose();

    releaseSlow();
    const inFlight = await connection.nextResponse();
    connection.write(get('/fast', 'kept-alive-late'));
    const late = await connection.nextResponse();

    expect(inFlight.status).toBe(200);
    expect(inFlight.headers.get('connection')).toBe('keep-alive');
    expectServiceUnavailable(late, 'kept-alive-late');
    await connection.closed;
    await closed;
  });

  it('sends 503 on an idle connection while preClose runs', async () => {
    const hold = deferred();
    const { port, startClose } = await startClosingApp({ holdPreClose: hold.promise });
    const connection = openConnection(port);
    connection.write(get('/fast', 'before-close'));
    expect((await connection.nextResponse()).status).toBe(200);
    const { closed } = await startClose();

    connection.write(get('/fast', 'during-pre-close'));
    const late = await connection.nextResponse();
    hold.resolve();

    expectServiceUnavailable(late, 'during-pre-close');
    await closed;
  });

  it('replaces Fastify’s own 503 body and log line', async () => {
    const closingApp = await startClosingApp();

    const { late, closed } = await pipelineDuringClose(closingApp, get('/fast', 'late-fastify'), 'late-fastify');
    await closed;

    expect(late.body).not.toContain('"statusCode"');
    expect(closingApp.logs.text()).not.toContain(FASTIFY_503_MESSAGE);
  });

  it('serves late requests when the registry has no 503 code', async () => {
    const renderer = createErrorRenderer({ registry: shopRegistry, codes: shopFailureCodes });
    const closingApp = await startClosingApp({ renderer });

    const { late, closed } = await pipelineDuringClose(closingApp, get('/fast', 'served-late'), 'served-late');
    await closed;

    expect(late.status).toBe(200);
    expect(late.body).toBe('{"fast":true}');
    expect(late.headers.get('x-request-id')).toBe('served-late');
    expect(late.headers.get('connection')).toBe('close');
    expect(closingApp.logs.lines().filter((line) => line.level >= LEVEL.warn)).toEqual([]);
  });

  it('masks a 503 code whose detail cannot be filled', async () => {
    const registry = defineRegistry({
      version: '1.0.0',
      domains: [shopRegistry.entries, { closed: closedForNowEntry }],
      families: { ...shopRegistry.families, 503: { typescript: 'Closed', python: 'Closed' } },
    });
    const renderer = createErrorRenderer({ registry, codes: { ...shopFailureCodes, serviceUnavailable: 'closed' } });
    const closingApp = await startClosingApp({ renderer });

    const { late, closed } = await pipelineDuringClose(closingApp, get('/fast', 'masked-late'), 'masked-late');
    await closed;

    expect(late.status).toBe(500);
    expect(JSON.parse(late.body)).toMatchObject({ code: 'oops', request_id: 'masked-late' });
    const lines = closingApp.logs.lines().filter((line) => line.request_id === 'masked-late');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: LEVEL.error, code: 'oops', status: 500 });
  });
});
