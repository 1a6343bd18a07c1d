/**
 * Errors inside Hono's `stream()` helper on `@hono/node-server`, which the adapter never sees. The
 * error callback of docs/hono.md must log the error and cut the response, so that the client sees
 * an incomplete body, because the helper itself always ends the response with its last chunk.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type HttpBindings } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { stream } from 'hono/streaming';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAgnesRenderer, cutResponse } from '../src/index.ts';
import { errorsMiddleware, onError, requestIdOf } from '../src/hono/index.ts';
import { exchangeRaw } from './support/http.ts';
import { captureLogs, LEVEL } from './support/logs.ts';

type Env = { Bindings: HttpBindings };
/** The writer that `stream()` passes to its callback. `hono/streaming` does not export its class. */
type StreamOutput = Parameters<Parameters<typeof stream>[1]>[0];

/** Size of the body that the large-write route writes before it throws, in bytes. */
const LARGE_BODY_BYTES = 3 * 1024 * 1024;
const CUT_MESSAGE = 'Streaming failed after the response started, so the response was cut short';

const logs = captureLogs();
let server: Server;
let port: number;

/** Maximum event-loop turns that `headSent` waits for the node server to write the head. */
const MAX_HEAD_WAIT_TURNS = 10_000;

/**
 * Resolves once `@hono/node-server` has written the response head. Before writing it, the node
 * server reads the first chunks of the body to find its length, so an error raised during that
 * read happens before anything was sent.
 */
async function headSent(c: Context<Env>): Promise<void> {
  for (let turn = 0; turn < MAX_HEAD_WAIT_TURNS; turn += 1) {
    if (c.env.outgoing.headersSent) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`The node server did not write the response head within ${MAX_HEAD_WAIT_TURNS} event-loop turns`);
}

/** Writes a first chunk, waits for the head to go out, writes `rest` and throws right after it. */
function failAfterHead(c: Context<Env>, rest: string) {
  return async (output: StreamOutput) => {
    await output.write('first rows\n');
    await headSent(c);
    if (rest !== '') await output.write(rest);
    throw new Error('the export query failed');
  };
}

/** Writes a first chunk and throws before the node server has written the head. */
async function failBeforeHead(output: StreamOutput): Promise<void> {
  await output.write('first rows\n');
  throw new Error('the export query failed');
}

/** The error callback that docs/hono.md shows: it logs with the request id and cuts the response. */
function logAndCut(c: Context<Env>) {
  return async (error: Error) => {
    const fields = { request_id: requestIdOf(c), method: c.req.method, path: c.req.path, err: error };
    logs.logger.error(fields, CUT_MESSAGE);
    cutResponse(c.env.outgoing);
  };
}

let cutPipelined = () => {};
/** Resolves once the error callback has cut /cut-pipelined. /slow, the request before it on the connection, waits for it. */
const pipelinedCut = new Promise<void>((resolve) => {
  cutPipelined = resolve;
});

/** Returns a Web stream that sends one chunk, waits for the head to go out, and then fails. */
function failingAfterHead(c: Context<Env>): ReadableStream<Uint8Array> {
  let pulls = 0;
  return new ReadableStream({
    async pull(controller) {
      pulls += 1;
      if (pulls === 1) {
        controller.enqueue(new TextEncoder().encode('first rows\n'));
        return;
      }
      await headSent(c);
      controller.error(new Error('the export query failed'));
    },
  });
}

beforeAll(async () => {
  const renderer = createAgnesRenderer();
  const app = new Hono<Env>();
  app.use(errorsMiddleware({ renderer, logger: logs.logger }));
  app.onError(onError({ renderer, logger: logs.logger }));
  app.get('/cut', (c) => stream(c, failAfterHead(c, ''), logAndCut(c)));
  app.get('/cut-large', (c) => stream(c, failAfterHead(c, 'x'.repeat(LARGE_BODY_BYTES)), logAndCut(c)));
  app.get('/cut-before-head', (c) => stream(c, failBeforeHead, logAndCut(c)));
  app.get('/log-only', (c) => stream(c, failAfterHead(c, ''), async () => {}));
  app.get('/slow', async (c) => {
    await pipelinedCut;
    return c.text('slow done');
  });
  app.get('/cut-pipelined', (c) =>
    stream(c, failAfterHead(c, ''), async (error) => {
      await logAndCut(c)(error);
      cutPipelined();
    }),
  );
  app.get('/body-stream', (c) => c.body(failingAfterHead(c), 200, { 'content-type': 'text/plain' }));
  server = await new Promise<Server>((resolve) => {
    const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(started as Server));
  });
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function get(path: string, id: string, connection = 'keep-alive'): string {
  return `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-Id: ${id}\r\nConnection: ${connection}\r\n\r\n`;
}

function bodyOf(received: string): string {
  return received.slice(received.indexOf('\r\n\r\n') + 4);
}

describe('hono stream() error callback', () => {
  it('documented callback cuts the response', async () => {
    const received = await exchangeRaw(port, get('/cut', 'stream-cut'));

    expect(received).toMatch(/^HTTP\/1\.1 200 /);
    expect(bodyOf(received)).toBe('b\r\nfirst rows\n\r\n');
    expect(received).not.toContain('\r\n0\r\n\r\n');
  });

  it('documented callback logs with the request id', async () => {
    await exchangeRaw(port, get('/cut', 'stream-cut-log'));
    const lines = logs.lines().filter((line) => line.request_id === 'stream-cut-log');

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: LEVEL.error, method: 'GET', path: '/cut', msg: CUT_MESSAGE });
    expect(lines[0]?.err).toMatchObject({ message: 'the export query failed' });
  });

  it('documented callback keeps a large write', async () => {
    const received = await exchangeRaw(port, get('/cut-large', 'stream-cut-large'));

    expect(bodyOf(received)).toBe(`b\r\nfirst rows\n\r\n${LARGE_BODY_BYTES.toString(16)}\r\n${'x'.repeat(LARGE_BODY_BYTES)}\r\n`);
  });

  it('error before the head sends nothing', async () => {
    const received = await exchangeRaw(port, get('/cut-before-head', 'stream-cut-before-head'));

    expect(received).toBe('');
    expect(logs.lines().filter((line) => line.request_id === 'stream-cut-before-head')).toHaveLength(1);
  });

  it('documented callback waits for a pipelined turn', async () => {
    const received = await exchangeRaw(port, `${get('/slow', 'pipelined-slow')}${get('/cut-pipelined', 'pipelined-cut')}`);
    const [slow, cut] = received.split(/(?=HTTP\/1\.1 )/);

    expect(slow).toMatch(/^HTTP\/1\.1 200 /);
    expect(bodyOf(slow ?? '')).toBe('slow done');
    expect(cut).toMatch(/^HTTP\/1\.1 200 /);
    expect(bodyOf(cut ?? '')).toBe('b\r\nfirst rows\n\r\n');
  });

  it('logging alone leaves the response complete', async () => {
    const received = await exchangeRaw(port, get('/log-only', 'stream-log-only', 'close'));

    expect(bodyOf(received)).toBe('b\r\nfirst rows\n\r\n0\r\n\r\n');
  });
});

describe('hono c.body() with a failing stream', () => {
  it('node server cuts a started body', async () => {
    // @hono/node-server writes the stream's error with console.error.
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const received = await exchangeRaw(port, get('/body-stream', 'body-stream'));

      expect(received).toMatch(/^HTTP\/1\.1 200 /);
      expect(bodyOf(received)).toBe('b\r\nfirst rows\n\r\n');
    } finally {
      consoleError.mockRestore();
    }
  });
});
