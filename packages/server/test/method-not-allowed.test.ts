/**
 * A 405 goes only to a request whose method no route of its path has. A request that reaches the
 * not-found handler although a route of its own method matches, such as through
 * `reply.callNotFound()`, `c.notFound()` or a path that the router matches only loosely, gets a 404
 * on Fastify and Hono. On Express, whose routes pass requests on with `next()`, it gets the masked
 * 500 of a route that sent nothing. HEAD counts as allowed where GET is routed.
 */
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import express from 'express';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { Hono } from 'hono';
import { LinearRouter } from 'hono/router/linear-router';
import { PatternRouter } from 'hono/router/pattern-router';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import { TrieRouter } from 'hono/router/trie-router';
import { afterAll, describe, expect, it } from 'vitest';
import { createAgnesRenderer } from '../src/index.ts';
import { errorHandler, notFoundHandler, requestId } from '../src/express/index.ts';
import { errorsPlugin, errorsServerOptions } from '../src/fastify/index.ts';
import { errorsMiddleware, notFound, onError } from '../src/hono/index.ts';
import { send } from './support/http.ts';
import { listenedUrl, type Closer } from './support/servers.ts';
import { captureLogs } from './support/logs.ts';
import { envelopeSchemaErrors } from './support/schema.ts';

const logs = captureLogs();
const options = { renderer: createAgnesRenderer(), logger: logs.logger };
const closers: Closer[] = [];
afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
});

type HonoOptions = ConstructorParameters<typeof Hono>[0];

/**
 * Starts a Hono app with `/ok`, `/sub/x` mounted with `app.route`, and GET routes that end up in
 * `notFound`.
 */
async function startHono(honoOptions: HonoOptions = {}): Promise<string> {
  const app = new Hono(honoOptions);
  app.use(errorsMiddleware(options));
  app.onError(onError(options));
  app.notFound(notFound({ ...options, app }));
  app.get('/ok', (c) => c.json({ ok: true }));
  app.post('/both', (c) => c.json({ ok: true }));
  app.get('/both', (c) => c.json({ ok: true }));
  const sub = new Hono();
  sub.get('/x', (c) => c.json({ ok: true }));
  app.route('/sub', sub);
  app.get('/not-found', (c) => c.notFound());
  app.get('/pass', (_c, next) => next());
  // Hono takes any string as a method. No request can have this one, so Allow leaves it out.
  app.on('NOT A TOKEN', '/ok', (c) => c.json({ ok: true }));
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }) as Server;
  return listenedUrl(server, closers);
}

/** Starts a Fastify app with `/ok` and a GET route that calls `reply.callNotFound()`. */
async function startFastify(fastifyOptions: FastifyServerOptions = {}): Promise<string> {
  const app = Fastify({ ...fastifyOptions, ...errorsServerOptions(options) });
  await app.register(errorsPlugin, options);
  app.get('/ok', async () => ({ ok: true }));
  app.post('/both', async () => ({ ok: true }));
  app.get('/both', async () => ({ ok: true }));
  app.get('/not-found', (_request, reply) => {
    reply.callNotFound();
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  closers.push(() => app.close());
  return url;
}

/** Starts an Express app with `/ok` and a GET route that calls `next()`. */
async function startExpress(strictRouting = false): Promise<string> {
  const app = express();
  app.set('strict routing', strictRouting);
  app.use(requestId(options));
  app.get('/ok', (_request, response) => {
    response.json({ ok: true });
  });
  app.get('/pass', (_request, _response, next) => next());
  app.post('/both', (_request, response) => {
    response.json({ ok: true });
  });
  app.get('/both', (_request, response) => {
    response.json({ ok: true });
  });
  app.use(notFoundHandler(options));
  app.use(errorHandler(options));
  return listenedUrl(app.listen(0, '127.0.0.1'), closers);
}

interface RoutingCase {
  name: string;
  method: string;
  path: string;
  status: number;
  /** The envelope's code; none for a 200. */
  code?: string;
  /** The `Allow` header; only a 405 has one. */
  allow?: string;
}

const NOT_FOUND = { status: 404, code: 'route_not_found' };
const NOT_ALLOWED = { status: 405, code: 'method_not_allowed', allow: 'GET, HEAD' };
const MASKED = { status: 500, code: 'internal_error' };
/** A path with a POST route and then a GET route: every adapter lists the methods in one order. */
const BOTH_NOT_ALLOWED: RoutingCase = {
  name: 'DELETE to a path with POST and GET routes',
  method: 'DELETE',
  path: '/both',
  status: 405,
  code: 'method_not_allowed',
  allow: 'GET, HEAD, POST',
};

const HONO_STRICT: RoutingCase[] = [
  { name: 'GET with a trailing slash', method: 'GET', path: '/ok/', ...NOT_FOUND },
  { name: 'HEAD with a trailing slash', method: 'HEAD', path: '/ok/', ...NOT_FOUND },
  { name: 'POST with a trailing slash', method: 'POST', path: '/ok/', ...NOT_FOUND },
  { name: 'app.route GET with a trailing slash', method: 'GET', path: '/sub/x/', ...NOT_FOUND },
  { name: 'c.notFound() in a GET route', method: 'GET', path: '/not-found', ...NOT_FOUND },
  { name: 'c.notFound() in a GET route, HEAD', method: 'HEAD', path: '/not-found', ...NOT_FOUND },
  { name: 'next() in a GET route', method: 'GET', path: '/pass', ...NOT_FOUND },
  { name: 'POST to a GET route', method: 'POST', path: '/ok', ...NOT_ALLOWED },
  { name: 'POST to a route that calls c.notFound()', method: 'POST', path: '/not-found', ...NOT_ALLOWED },
  { name: 'PUT to a path with a route of a non-token method', method: 'PUT', path: '/ok', ...NOT_ALLOWED },
  BOTH_NOT_ALLOWED,
];

const HONO_NOT_STRICT: RoutingCase[] = [
  { name: 'GET with a trailing slash', method: 'GET', path: '/ok/', status: 200 },
  { name: 'app.route GET with a trailing slash', method: 'GET', path: '/sub/x/', status: 200 },
  { name: 'POST with a trailing slash', method: 'POST', path: '/ok/', ...NOT_ALLOWED },
  { name: 'c.notFound() with a trailing slash', method: 'GET', path: '/not-found/', ...NOT_FOUND },
];

const FASTIFY_DEFAULT: RoutingCase[] = [
  { name: 'reply.callNotFound() in a GET route', method: 'GET', path: '/not-found', ...NOT_FOUND },
  { name: 'reply.callNotFound() in a GET route, HEAD', method: 'HEAD', path: '/not-found', ...NOT_FOUND },
  { name: 'GET with a trailing slash', method: 'GET', path: '/ok/', ...NOT_FOUND },
  { name: 'POST to a route that calls reply.callNotFound()', method: 'POST', path: '/not-found', ...NOT_ALLOWED },
  { name: 'POST to a GET route', method: 'POST', path: '/ok', ...NOT_ALLOWED },
  BOTH_NOT_ALLOWED,
];

const FASTIFY_IGNORING_TRAILING_SLASH: RoutingCase[] = [
  { name: 'GET with a trailing slash', method: 'GET', path: '/ok/', status: 200 },
  { name: 'reply.callNotFound() with a trailing slash', method: 'GET', path: '/not-found/', ...NOT_FOUND },
  { name: 'POST with a trailing slash', method: 'POST', path: '/ok/', ...NOT_ALLOWED },
];

const EXPRESS_DEFAULT: RoutingCase[] = [
  { name: 'GET with a trailing slash', method: 'GET', path: '/ok/', status: 200 },
  { name: 'next() in a GET route', method: 'GET', path: '/pass', ...MASKED },
  { name: 'next() in a GET route, HEAD', method: 'HEAD', path: '/pass', ...MASKED },
  { name: 'POST to a route that calls next()', method: 'POST', path: '/pass', ...NOT_ALLOWED },
  BOTH_NOT_ALLOWED,
];

const EXPRESS_STRICT: RoutingCase[] = [
  { name: 'GET with a trailing slash', method: 'GET', path: '/ok/', ...NOT_FOUND },
  { name: 'POST with a trailing slash', method: 'POST', path: '/ok/', ...NOT_FOUND },
  { name: 'POST without a trailing slash', method: 'POST', path: '/ok', ...NOT_ALLOWED },
];

/** Sends one case and checks the status, the code and the `Allow` header. */
async function expectCase(url: string, { method, path, status, code, allow }: RoutingCase): Promise<void> {
  const response = await send(url, method, path);

  expect(response.status).toBe(status);
  expect(response.headers.get('allow')).toBe(allow ?? null);
  // A HEAD response has no body to check.
  if (code === undefined || method === 'HEAD') return;
  expect(response.body.code).toBe(code);
  expect(envelopeSchemaErrors(response.body)).toEqual([]);
}

describe('hono 405 and 404', () => {
  const strictApp = startHono();
  const looseApp = startHono({ strict: false });

  it.each(HONO_STRICT)('strict: $name gets $status', async (testCase) => {
    await expectCase(await strictApp, testCase);
  });

  it.each(HONO_NOT_STRICT)('strict false: $name gets $status', async (testCase) => {
    await expectCase(await looseApp, testCase);
  });

  // LinearRouter and PatternRouter match `/ok/` with the route of `/ok`, so the app serves it.
  it.each([
    { name: 'RegExpRouter', router: () => new RegExpRouter(), slashed: NOT_FOUND },
    { name: 'TrieRouter', router: () => new TrieRouter(), slashed: NOT_FOUND },
    { name: 'LinearRouter', router: () => new LinearRouter(), slashed: { status: 200 } },
    { name: 'PatternRouter', router: () => new PatternRouter(), slashed: { status: 200 } },
  ])('$name decides the trailing slash', async ({ router, slashed }) => {
    const url = await startHono({ router: router() as never });

    await expectCase(url, { name: 'GET /ok/', method: 'GET', path: '/ok/', ...slashed });
    await expectCase(url, { name: 'c.notFound()', method: 'GET', path: '/not-found', ...NOT_FOUND });
    await expectCase(url, { name: 'POST /ok', method: 'POST', path: '/ok', ...NOT_ALLOWED });
    await expectCase(url, { name: 'POST /ok/', method: 'POST', path: '/ok/', ...(slashed.status === 200 ? NOT_ALLOWED : NOT_FOUND) });
  });
});

describe('fastify 405 and 404', () => {
  const defaultApp = startFastify();
  const ignoringApp = startFastify({ routerOptions: { ignoreTrailingSlash: true } });

  it.each(FASTIFY_DEFAULT)('$name gets $status', async (testCase) => {
    await expectCase(await defaultApp, testCase);
  });

  it.each(FASTIFY_IGNORING_TRAILING_SLASH)('ignoreTrailingSlash: $name gets $status', async (testCase) => {
    await expectCase(await ignoringApp, testCase);
  });
});

describe('express 405 and 404', () => {
  const defaultApp = startExpress();
  const strictApp = startExpress(true);

  it.each(EXPRESS_DEFAULT)('$name gets $status', async (testCase) => {
    await expectCase(await defaultApp, testCase);
  });

  it.each(EXPRESS_STRICT)('strict routing: $name gets $status', async (testCase) => {
    await expectCase(await strictApp, testCase);
  });
});
