/**
 * The `Vary: Accept` of error responses next to a `Vary` value that a middleware set earlier, such
 * as `Origin` from a CORS middleware: both reach the client.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import express from 'express';
import { Hono, type Context, type Next } from 'hono';
import { cors } from 'hono/cors';
import { afterEach, describe, expect, it } from 'vitest';
import { AgnesError } from '../src/index.ts';
import { errorHandler, notFoundHandler, requestId } from '../src/express/index.ts';
import { errorsMiddleware, notFound, onError } from '../src/hono/index.ts';
import { joinVary } from '../src/vary.ts';
import { send } from './support/http.ts';
import { captureLogs } from './support/logs.ts';

let close: (() => Promise<void>) | undefined;

afterEach(async () => {
  await close?.();
  close = undefined;
});

async function startHono(): Promise<string> {
  const logger = captureLogs().logger;
  const app = new Hono();
  app.use(errorsMiddleware({ logger }));
  app.use(async (c, next) => {
    c.header('Vary', 'Origin');
    await next();
  });
  app.onError(onError({ logger }));
  app.notFound(notFound({ logger, app }));
  app.get('/forbidden', () => {
    throw new AgnesError('forbidden', { scope: 'policy:delete' });
  });
  const server = await new Promise<Server>((resolve) => {
    const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(started as Server));
  });
  close = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function startExpress(): Promise<string> {
  const logger = captureLogs().logger;
  const app = express();
  app.use(requestId({ logger }));
  app.use((_request, response, next) => {
    response.setHeader('Vary', 'Origin');
    next();
  });
  app.get('/forbidden', () => {
    throw new AgnesError('forbidden', { scope: 'policy:delete' });
  });
  app.use(notFoundHandler({ logger }));
  app.use(errorHandler({ logger }));
  const server = await new Promise<Server>((resolve) => {
    const started = app.listen(0, '127.0.0.1', () => resolve(started));
  });
  close = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('joinVary', () => {
  it.each<{ values: (string | null | undefined)[]; want: string | undefined }>([
    { values: ['Origin', 'Accept'], want: 'Origin, Accept' },
    { values: ['Origin, Accept', 'origin'], want: 'Origin, Accept' },
    { values: ['Accept, Origin, ORIGIN'], want: 'Accept, Origin' },
    { values: [' Origin ,, Accept-Encoding', undefined, null, 'Accept'], want: 'Origin, Accept-Encoding, Accept' },
    { values: ['Origin', '*'], want: '*' },
    { values: [null, '', ' , '], want: undefined },
  ])('$values gives $want', ({ values, want }) => {
    expect(joinVary(...values)).toBe(want);
  });
});

describe.each([
  ['hono', startHono],
  ['express', startExpress],
])('%s adapter with a Vary set by a middleware', (_kind, start) => {
  it.each([
    ['a thrown contract error', '/forbidden', 403],
    ['an unknown route', '/missing', 404],
  ])('joins Accept to it for %s', async (_name, path, status) => {
    const url = await start();

    const response = await send(url, 'GET', path);

    expect(response.status).toBe(status);
    expect(response.headers.get('vary')).toBe('Origin, Accept');
  });
});

/** Values that a route throws: an `Error`, which Hono passes to `onError`, and a string, which it does not. */
const THROWN: Record<string, () => unknown> = {
  error: () => new Error('failed after the handler'),
  string: () => 'failed after the handler',
};

async function throwAfterNext(c: Context, next: Next): Promise<void> {
  await next();
  throw THROWN[c.req.param('kind')!]!();
}

/** Starts a Hono app behind `hono/cors`, whose routes throw after a JSON or a fetched response, or at once. */
async function startHonoWithCors(): Promise<string> {
  const logger = captureLogs().logger;
  const app = new Hono();
  app.use(errorsMiddleware({ logger }));
  app.use(cors({ origin: 'https://a.example' }));
  app.onError(onError({ logger }));
  app.notFound(notFound({ logger, app }));
  // The upstream goes through `hono/cors` too, so the fetched response has `Vary: Origin` of its own.
  app.get('/upstream', (c) => c.json({ ok: true }));
  app.get('/json/:kind', throwAfterNext, (c) => c.json({ ok: true }));
  app.get('/fetched/:kind', throwAfterNext, () => fetch(`${url}/upstream`));
  app.get('/early/:kind', (c) => {
    throw THROWN[c.req.param('kind')!]!();
  });
  const server = await new Promise<Server>((resolve) => {
    const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(started as Server));
  });
  close = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return url;
}

describe('hono adapter behind hono/cors', () => {
  it.each(['/json/error', '/json/string', '/fetched/error', '/fetched/string', '/early/error', '/early/string'])(
    'varies on Origin and Accept once for %s',
    async (path) => {
      const url = await startHonoWithCors();

      const response = await send(url, 'GET', path, { headers: { Origin: 'https://a.example' } });
      const names = (response.headers.get('vary') ?? '').split(',').map((name) => name.trim().toLowerCase());

      expect(response.status).toBe(500);
      expect(response.headers.get('access-control-allow-origin')).toBe('https://a.example');
      expect([...names].sort()).toEqual(['accept', 'origin']);
    },
  );
});
