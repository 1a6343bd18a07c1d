/**
 * Hono errors after a handler returned a response with immutable headers, such as one from
 * `fetch()`: the adapter still sends the envelope, without the headers of the response that it
 * replaces, and cancels that response's body. `@hono/node-server` replaces the global `Response`,
 * whose `Response.redirect()` then has mutable headers, so the redirect cases check the usual path
 * next to the fetched ones.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { serve } from '@hono/node-server';
import { Hono, type Context, type Next } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgnesError, createAgnesRenderer } from '../src/index.ts';
import { errorsMiddleware, notFound, onError } from '../src/hono/index.ts';
import { captureLogs, LEVEL } from './support/logs.ts';
import { envelopeSchemaErrors } from './support/schema.ts';

/** Headers of the upstream response that describe its body, so the envelope must not have them. */
const UPSTREAM_STALE = { ETag: '"upstream-v1"', 'Content-Language': 'de', 'Last-Modified': 'Tue, 01 Dec 2026 10:00:00 GMT' };

const THROWN: Record<string, () => Error> = {
  masked: () => new Error('failed after the upstream response'),
  forbidden: () => new AgnesError('forbidden', { scope: 'policy:delete' }),
};

/** Throws after the handler returned, as a middleware that checks the response would. */
async function throwAfterNext(c: Context, next: Next): Promise<void> {
  await next();
  throw THROWN[c.req.param('kind')!]!();
}

/** Reads the returned response's body before it throws, so Hono can no longer copy that response. */
async function readBodyThenThrow(c: Context, next: Next): Promise<void> {
  await next();
  await c.res.text();
  throw THROWN[c.req.param('kind')!]!();
}

const logs = captureLogs();
const options = { renderer: createAgnesRenderer(), logger: logs.logger };
let server: Server;
let port: number;

/**
 * An upstream that sends its headers and a first chunk, then keeps the response open. It never ends
 * the response, so its connection closes only when the client cancels the body.
 */
const heldUpstream = createServer((request, response) => {
  heldSockets.push(request.socket);
  response.writeHead(200, { 'content-type': 'application/octet-stream', ETag: '"held"' });
  response.write(Buffer.alloc(64 * 1024));
});
/** Sockets of the requests that the held upstream served. */
const heldSockets: Socket[] = [];
/** Maximum wait for the upstream socket to close after the envelope arrived, in milliseconds. */
const SOCKET_CLOSE_WAIT_MS = 2000;

beforeAll(async () => {
  const app = new Hono();
  app.use(errorsMiddleware(options));
  app.onError(onError(options));
  app.notFound(notFound({ ...options, app }));
  app.get('/upstream', (c) => c.json({ ok: true }, 200, { ...UPSTREAM_STALE, 'Cache-Control': 'max-age=60' }));
  const upstream = () => fetch(`http://127.0.0.1:${port}/upstream`);
  app.get('/fetched/:kind', throwAfterNext, upstream);
  app.get('/read/:kind', readBodyThenThrow, upstream);
  app.get('/redirected/:kind', throwAfterNext, () => Response.redirect(`http://127.0.0.1:${port}/upstream`, 302));
  app.get('/fetched-ok', upstream);
  heldUpstream.listen(0, '127.0.0.1');
  await new Promise((resolve) => heldUpstream.once('listening', resolve));
  const heldUrl = `http://127.0.0.1:${(heldUpstream.address() as AddressInfo).port}/`;
  app.get('/held/:kind', throwAfterNext, () => fetch(heldUrl));
  server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }) as Server;
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  heldUpstream.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await new Promise((resolve) => heldUpstream.close(resolve));
});

const CASES = [
  { path: '/fetched/masked', status: 500, code: 'internal_error' },
  { path: '/fetched/forbidden', status: 403, code: 'forbidden' },
  { path: '/read/masked', status: 500, code: 'internal_error' },
  { path: '/redirected/masked', status: 500, code: 'internal_error' },
  { path: '/redirected/forbidden', status: 403, code: 'forbidden' },
];

describe('hono adapter after a response with immutable headers', () => {
  it.each(CASES)('sends $code for $path', async ({ path, status, code }) => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    const text = await response.text();
    const body = JSON.parse(text) as { code: string; request_id: string };

    expect(response.status).toBe(status);
    expect(body.code).toBe(code);
    expect(envelopeSchemaErrors(body)).toEqual([]);
    expect(response.headers.get('x-request-id')).toBe(body.request_id);
    expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(text));
    for (const name of Object.keys(UPSTREAM_STALE)) expect(response.headers.get(name), name).toBeNull();
  });

  it('logs one error for masked 500', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/fetched/masked`);
    const { request_id } = (await response.json()) as { request_id: string };

    const errors = logs.lines().filter((line) => line.request_id === request_id && line.level >= LEVEL.error);
    expect(errors).toHaveLength(1);
    expect((errors[0]!.err as { message: string }).message).toBe('failed after the upstream response');
  });

  it('adds request id to fetched response', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/fetched-ok`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('etag')).toBe(UPSTREAM_STALE.ETag);
  });

  it('closes replaced response connection', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/held/masked`);
    const body = (await response.json()) as { code: string };
    const socket = heldSockets.at(-1)!;
    // The cancel closes the socket within milliseconds. Without it, the socket stayed open for
    // seconds in runs on Node 24, so the wait is bounded.
    if (!socket.closed) {
      const deadline = new AbortController();
      await Promise.race([once(socket, 'close'), delay(SOCKET_CLOSE_WAIT_MS, undefined, { signal: deadline.signal })]);
      deadline.abort();
    }

    expect(response.status).toBe(500);
    expect(body.code).toBe('internal_error');
    expect(heldSockets).toHaveLength(1);
    expect(socket.closed).toBe(true);
  });
});
