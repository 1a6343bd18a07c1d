/**
 * Handlers registered with `.all` that pass the request on, such as an authentication check in
 * front of a group of routes. Express documents `.all` handlers as middleware, so a request that
 * no route of its method takes keeps its 404 or 405, as on Hono. Only a route of the request's
 * method that passes the request on, or an `.all` route that is a path's only handler, is a fault
 * of the application and gets the masked 500.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import express, { type RequestHandler } from 'express';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgnesRenderer } from '../src/index.ts';
import { errorHandler, notFoundHandler, requestId } from '../src/express/index.ts';
import { errorsMiddleware, notFound, onError } from '../src/hono/index.ts';
import { send } from './support/http.ts';
import { captureLogs, LEVEL } from './support/logs.ts';
import { envelopeSchemaErrors } from './support/schema.ts';

const requireAuthentication: RequestHandler = function requireAuthentication(_request, _response, next) {
  next();
};

const passOn: RequestHandler = function passOn(_request, _response, next) {
  next();
};

const listPolicies: RequestHandler = (_request, response) => {
  response.json({ policies: [] });
};

const logs = captureLogs();
const servers: Server[] = [];
let expressUrl: string;
let honoUrl: string;

function buildExpressApp(): express.Express {
  const options = { renderer: createAgnesRenderer(), logger: logs.logger };
  const app = express();
  app.use(requestId(options));

  // The authentication pattern of Express's guide: one `.all` in front of the routes it guards.
  app.all('/api/{*splat}', requireAuthentication);
  app.get('/api/policies', listPolicies);
  app.get('/api/silent', passOn);

  const router = express.Router();
  router.all('/{*splat}', requireAuthentication);
  router.get('/policies', listPolicies);
  app.use('/router', router);

  app.route('/chained').all(requireAuthentication).get(listPolicies);
  app.all('/guarded', requireAuthentication);
  app.get('/guarded', listPolicies);

  // A route of GET that passes the request on, with a guard registered after it.
  app.get('/late-guard/policies', passOn);
  app.all('/late-guard/{*splat}', requireAuthentication);

  // The only handler of its path, for every method, and it sends nothing.
  app.all('/all-only', passOn);
  app.route('/route-all-only').all(passOn);
  // An `.all` route with a parameter is a guard, even with no other route behind it.
  app.all('/all-param/:id', passOn);

  app.use(notFoundHandler(options));
  app.use(errorHandler(options));
  return app;
}

function buildHonoApp(): Hono {
  const options = { renderer: createAgnesRenderer(), logger: logs.logger };
  const app = new Hono();
  app.use(errorsMiddleware(options));
  app.onError(onError(options));
  app.notFound(notFound({ ...options, app }));
  app.all('/api/*', (_c, next) => next());
  app.get('/api/policies', (c) => c.json({ policies: [] }));
  return app;
}

async function listenOn(server: Server): Promise<string> {
  servers.push(server);
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  expressUrl = await listenOn(buildExpressApp().listen(0, '127.0.0.1'));
  const honoServer = await new Promise<Server>((resolve) => {
    const running = serve({ fetch: buildHonoApp().fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(running as Server));
  });
  honoUrl = await listenOn(honoServer);
});
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

interface RoutingCase {
  name: string;
  method: string;
  path: string;
  status: number;
  code: string;
  /** The `Allow` header of a 405. */
  allow?: string;
}

const NOT_ROUTED: RoutingCase[] = [
  { name: 'app.all guard, unknown path', method: 'GET', path: '/api/unknown', status: 404, code: 'route_not_found' },
  { name: 'app.all guard, other method', method: 'DELETE', path: '/api/policies', status: 405, code: 'method_not_allowed', allow: 'GET, HEAD' },
  { name: 'router.all guard, unknown path', method: 'GET', path: '/router/unknown', status: 404, code: 'route_not_found' },
  { name: 'router.all guard, other method', method: 'DELETE', path: '/router/policies', status: 405, code: 'method_not_allowed', allow: 'GET, HEAD' },
  { name: 'route().all().get(), other method', method: 'DELETE', path: '/chained', status: 405, code: 'method_not_allowed', allow: 'GET, HEAD' },
  { name: 'app.all guard of one path, other method', method: 'PUT', path: '/guarded', status: 405, code: 'method_not_allowed', allow: 'GET, HEAD' },
  { name: 'app.all guard, OPTIONS', method: 'OPTIONS', path: '/api/policies', status: 405, code: 'method_not_allowed', allow: 'GET, HEAD' },
  { name: 'app.all with a parameter, passing on', method: 'GET', path: '/all-param/1', status: 404, code: 'route_not_found' },
];

const FAULTS: RoutingCase[] = [
  { name: 'GET route passing on behind a guard', method: 'GET', path: '/api/silent', status: 500, code: 'internal_error' },
  { name: 'GET route passing on before a guard', method: 'GET', path: '/late-guard/policies', status: 500, code: 'internal_error' },
  { name: 'app.all only route of its path', method: 'PATCH', path: '/all-only', status: 500, code: 'internal_error' },
  { name: 'route().all() only route of its path', method: 'GET', path: '/route-all-only', status: 500, code: 'internal_error' },
];

function linesOf(requestId: unknown) {
  return logs.lines().filter((line) => line.request_id === requestId);
}

describe('express .all pass-through', () => {
  it.each(NOT_ROUTED)('$name gets $status', async ({ method, path, status, code, allow }) => {
    const response = await send(expressUrl, method, path);

    expect(response.status).toBe(status);
    expect(response.body.code).toBe(code);
    expect(response.headers.get('allow')).toBe(allow ?? null);
    expect(response.headers.get('x-request-id')).toBe(response.body.request_id);
    expect(envelopeSchemaErrors(response.body)).toEqual([]);
  });

  it.each(NOT_ROUTED)('$name logs at info level', async ({ method, path, code }) => {
    const response = await send(expressUrl, method, path);
    const lines = linesOf(response.body.request_id);

    expect(lines).toHaveLength(1);
    expect(lines[0]?.level).toBe(LEVEL.info);
    expect(lines[0]?.code).toBe(code);
  });

  it.each(FAULTS)('$name sends a masked 500', async ({ method, path }) => {
    const response = await send(expressUrl, method, path);
    const lines = linesOf(response.body.request_id);

    expect(response.status).toBe(500);
    expect(response.body.code).toBe('internal_error');
    expect(response.headers.get('allow')).toBeNull();
    expect(lines).toHaveLength(1);
    expect(lines[0]?.level).toBe(LEVEL.error);
    expect((lines[0]?.err as { message?: string } | undefined)?.message).toContain(`Route ${method} `);
  });

  it.each([
    { path: '/api/policies' },
    { path: '/router/policies' },
    { path: '/chained' },
    { path: '/guarded' },
  ])('guarded GET $path still gets 200', async ({ path }) => {
    const response = await fetch(new URL(path, expressUrl));

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ policies: [] });
  });

  it.each([
    { method: 'GET', path: '/api/unknown' },
    { method: 'DELETE', path: '/api/policies' },
  ])('$method $path matches Hono', async ({ method, path }) => {
    const fromExpress = await send(expressUrl, method, path);
    const fromHono = await send(honoUrl, method, path);

    expect(fromExpress.status).toBe(fromHono.status);
    expect(fromExpress.body.code).toBe(fromHono.body.code);
    expect(fromExpress.headers.get('allow')).toBe(fromHono.headers.get('allow'));
  });
});
