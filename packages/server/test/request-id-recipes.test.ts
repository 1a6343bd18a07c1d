/**
 * The recipes of docs/request-ids.md that share the contract's request id with other middleware:
 * pino-http on Express and `hono/request-id` on Hono. The id that the route reads, the id of the log
 * lines and the `X-Request-Id` response header are one value.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import express from 'express';
import { Hono } from 'hono';
import { requestId as honoRequestId, type RequestIdVariables } from 'hono/request-id';
import { pinoHttp } from 'pino-http';
import { afterEach, describe, expect, it } from 'vitest';
import { AgnesError, createAgnesRenderer } from '../src/index.ts';
import { errorHandler, requestId, requestIdOf } from '../src/express/index.ts';
import { errorsMiddleware, onError, requestIdOf as honoRequestIdOf } from '../src/hono/index.ts';
import { send } from './support/http.ts';
import { captureLogs, type CapturedLogs } from './support/logs.ts';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/**
 * Closes the server once its connections are idle, so that the lines that loggers write when a
 * response finishes, such as pino-http's `request completed`, are all written.
 */
async function stop(): Promise<void> {
  const running = server;
  server = undefined;
  await new Promise<void>((resolve) => (running ? running.close(() => resolve()) : resolve()));
}

async function listen(started: Server): Promise<string> {
  server = started;
  if (!started.listening) await new Promise((resolve) => started.once('listening', resolve));
  return `http://127.0.0.1:${(started.address() as AddressInfo).port}`;
}

/**
 * Inbound `X-Request-Id` values. `abc=def` is valid for `hono/request-id`, which allows `=`, but
 * not for the contract, so it checks that Hono's own header reading is off.
 */
const INBOUND: Array<{ name: string; headers: Record<string, string>; kept?: string }> = [
  { name: 'valid', headers: { 'x-request-id': 'client-abc' }, kept: 'client-abc' },
  { name: 'missing', headers: {} },
  { name: 'invalid', headers: { 'x-request-id': 'has space' } },
  { name: 'Hono-only', headers: { 'x-request-id': 'abc=def' } },
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function forbidden() {
  return new AgnesError('forbidden', { scope: 'policy:delete' });
}

/** Returns the distinct ids of the log lines, read from the fields where each logger puts them. */
function loggedIdsOf(logs: CapturedLogs): Set<unknown> {
  const ids = logs.lines().flatMap((line) => [line.request_id, line.reqId, (line.req as { id?: unknown } | undefined)?.id]);
  return new Set(ids.filter((id) => id !== undefined));
}

describe('express with pino-http', () => {
  async function expressApp(logs: CapturedLogs) {
    const options = { renderer: createAgnesRenderer(), logger: logs.logger };
    const app = express();
    app.use(requestId(options));
    // requestId() runs first, so requestIdOf() has the contract's id here.
    app.use(pinoHttp({ logger: logs.logger, genReqId: (request) => requestIdOf(request)! }));
    app.get('/id', (request, response) => {
      request.log.info('route reached');
      response.json({ routeId: request.id, contractId: requestIdOf(request) });
    });
    app.get('/thrown', () => {
      throw forbidden();
    });
    app.use(errorHandler(options));
    return listen(app.listen(0, '127.0.0.1'));
  }

  it.each(INBOUND)('uses one id for a $name inbound id', async ({ headers, kept }) => {
    const logs = captureLogs();
    const url = await expressApp(logs);

    const response = await send(url, 'GET', '/id', { headers });
    await stop();
    const id = response.headers.get('x-request-id');

    expect(response.body.routeId).toBe(id);
    expect(response.body.contractId).toBe(id);
    expect(id).toMatch(kept ?? UUID);
    expect(logs.lines().map((line) => line.msg)).toEqual(['route reached', 'request completed']);
    expect(loggedIdsOf(logs)).toEqual(new Set([id]));
  });

  it('logs a thrown error under the same id', async () => {
    const logs = captureLogs();
    const url = await expressApp(logs);

    const response = await send(url, 'GET', '/thrown');
    await stop();
    const id = response.headers.get('x-request-id');

    expect(response.status).toBe(403);
    expect(response.body.request_id).toBe(id);
    expect(id).toMatch(UUID);
    expect(logs.lines().map((line) => line.msg)).toContain('request completed');
    expect(loggedIdsOf(logs)).toEqual(new Set([id]));
  });
});

describe('hono with hono/request-id', () => {
  async function honoApp(logs: CapturedLogs, requestIdOptions: Parameters<typeof honoRequestId>[0]) {
    const options = { renderer: createAgnesRenderer(), logger: logs.logger };
    const app = new Hono<{ Variables: RequestIdVariables }>();
    app.use(errorsMiddleware(options));
    app.use(honoRequestId(requestIdOptions));
    app.onError(onError(options));
    app.get('/id', (c) => {
      logs.logger.info({ reqId: c.get('requestId') }, 'route reached');
      return c.json({ routeId: c.get('requestId') });
    });
    app.get('/thrown', () => {
      throw forbidden();
    });
    const started = await new Promise<Server>((resolve) => {
      const running = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(running as Server));
    });
    return listen(started);
  }

  /** The recipe: Hono's middleware reads no header and takes the contract's id as its generated one. */
  const RECIPE = { headerName: '', generator: (c: Parameters<typeof honoRequestIdOf>[0]) => honoRequestIdOf(c)! };

  it.each(INBOUND)('uses one id for a $name inbound id', async ({ headers, kept }) => {
    const logs = captureLogs();
    const url = await honoApp(logs, RECIPE);

    const response = await send(url, 'GET', '/id', { headers });
    const id = response.headers.get('x-request-id');

    expect(response.body.routeId).toBe(id);
    expect(id).toMatch(kept ?? UUID);
    expect(logs.lines().map((line) => line.msg)).toEqual(['route reached']);
    expect(loggedIdsOf(logs)).toEqual(new Set([id]));
  });

  it('logs a thrown error under the same id', async () => {
    const logs = captureLogs();
    const url = await honoApp(logs, RECIPE);

    const response = await send(url, 'GET', '/thrown', { headers: { 'x-request-id': 'client-abc' } });

    expect(response.status).toBe(403);
    expect(response.body.request_id).toBe('client-abc');
    expect(response.headers.get('x-request-id')).toBe('client-abc');
    expect(loggedIdsOf(logs)).toEqual(new Set(['client-abc']));
  });

  // Guards the recipe's headerName: '' against a Hono version in which the default no longer differs.
  it('keeps a Hono-only id without headerName', async () => {
    const logs = captureLogs();
    const url = await honoApp(logs, { generator: RECIPE.generator });

    const response = await send(url, 'GET', '/id', { headers: { 'x-request-id': 'abc=def' } });

    expect(response.body.routeId).toBe('abc=def');
    expect(response.headers.get('x-request-id')).toMatch(UUID);
  });
});
