/**
 * The `Vary: Accept` of error responses next to a `Vary` value that a middleware set earlier, such
 * as `Origin` from a CORS middleware: both reach the client.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import express from 'express';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { AgnesError } from '../src/index.ts';
import { errorHandler, notFoundHandler, requestId } from '../src/express/index.ts';
import { errorsMiddleware, notFound, onError } from '../src/hono/index.ts';
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
