/**
 * A client that closes the connection in the middle of a request body. The client is gone, so the
 * log line is the only output: it must be a 4xx at info level, not a 500 with a stack.
 */
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { createAgnesRenderer, createClientErrorListener } from '../src/index.ts';
import { errorsMiddleware, onError } from '../src/hono/index.ts';
import { APP_KINDS, startApp } from './apps/index.ts';
import { send, sendAndClose } from './support/http.ts';
import { captureLogs, LEVEL, type CapturedLogs, type LogLine } from './support/logs.ts';

const HEAD = 'POST /items HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n';
/** The first 12 bytes of a JSON body. */
const BODY_START = '{"name":"ab"';

const CASES: { name: string; request: string }[] = [
  { name: 'Content-Length', request: `${HEAD}Content-Length: 100\r\n\r\n${BODY_START}` },
  { name: 'chunked', request: `${HEAD}Transfer-Encoding: chunked\r\n\r\nc\r\n${BODY_START}\r\n` },
];

/** Polls the captured logs until a line for `path` appears, for at most 3 s. */
function waitForLineOf(logs: CapturedLogs, path: string): Promise<LogLine> {
  return vi.waitFor(
    () => {
      const line = logs.lines().find((candidate) => candidate.path === path);
      if (line === undefined) throw new Error(`No log line for ${path} yet; lines so far: ${logs.text()}`);
      return line;
    },
    { timeout: 3000, interval: 10 },
  );
}

describe.each(APP_KINDS)('%s', (kind) => {
  it.each(CASES)('aborted body with $name logs a 400 at info', async ({ request }) => {
    const logs = captureLogs();
    const app = await startApp(kind, { renderer: createAgnesRenderer(), logger: logs.logger, valueFor: () => undefined });
    try {
      await sendAndClose(app.port, request);
      const line = await waitForLineOf(logs, '/items');

      expect(line.level).toBe(LEVEL.info);
      expect(line.code).toBe('bad_request');
      expect(line.status).toBe(400);
      expect(line.params).toEqual({ reason: 'the request body was aborted' });
      expect(line).not.toHaveProperty('err');
      expect(logs.lines().filter((candidate) => candidate.level >= LEVEL.error)).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('ECONNRESET thrown by a handler stays a 500', async () => {
    const logs = captureLogs();
    const reset = Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
    const app = await startApp(kind, { renderer: createAgnesRenderer(), logger: logs.logger, valueFor: () => reset });
    try {
      const response = await send(app.url, 'GET', '/throw', { headers: { 'x-case': 'reset' } });

      expect(response.status).toBe(500);
      expect(response.body.code).toBe('internal_error');
    } finally {
      await app.close();
    }
  });
});

describe('hono body readers', () => {
  it('c.req.text() of an aborted body logs a 400', async () => {
    const logs = captureLogs();
    const renderer = createAgnesRenderer();
    const app = new Hono();
    app.use(errorsMiddleware({ renderer, logger: logs.logger }));
    app.onError(onError({ renderer, logger: logs.logger }));
    app.post('/notes', async (c) => c.text(await c.req.text()));
    const server = await new Promise<Server>((resolve) => {
      const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(started as Server));
    });
    server.on('clientError', createClientErrorListener({ renderer, logger: logs.logger }));
    try {
      const { port } = server.address() as AddressInfo;
      await sendAndClose(port, 'POST /notes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nfirst words');
      const line = await waitForLineOf(logs, '/notes');

      expect(line.level).toBe(LEVEL.info);
      expect(line.params).toEqual({ reason: 'the request body was aborted' });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
