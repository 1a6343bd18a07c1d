/**
 * A catch-all route, such as the `OPTIONS *` route that `@fastify/cors` adds or a global OPTIONS
 * handler in Express or Hono, matches every path. Its method is listed in `Allow` wherever a path
 * has routes of its own, but a path that only catch-all routes match gets a 404, not a 405.
 */
import type { Server } from 'node:http';
import cors from '@fastify/cors';
import { serve } from '@hono/node-server';
import express from 'express';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { Hono, type Context } from 'hono';
import { Hono as QuickHono } from 'hono/quick';
import { LinearRouter } from 'hono/router/linear-router';
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

interface RoutingCase {
  name: string;
  method: string;
  path: string;
  status: number;
  code: string;
  /** The `Allow` header, which only a 405 has. */
  allow?: string;
}

const NOT_FOUND = { status: 404, code: 'route_not_found' };
const notAllowed = (allow: string) => ({ status: 405, code: 'method_not_allowed', allow });

/** Cases of an app with a catch-all OPTIONS route, GET `/items` and an OPTIONS-only `/options-only`. */
const WITH_OPTIONS_CATCH_ALL: RoutingCase[] = [
  { name: 'GET to an unknown path', method: 'GET', path: '/nope', ...NOT_FOUND },
  { name: 'POST to an unknown nested path', method: 'POST', path: '/nope/deeper', ...NOT_FOUND },
  { name: 'GET to the root', method: 'GET', path: '/', ...NOT_FOUND },
  { name: 'GET to a percent-encoded path', method: 'GET', path: '/caf%C3%A9/%2F%20x', ...NOT_FOUND },
  { name: 'DELETE to a GET route', method: 'DELETE', path: '/items', ...notAllowed('GET, HEAD, OPTIONS') },
  { name: 'GET to an explicit OPTIONS route', method: 'GET', path: '/options-only', ...notAllowed('OPTIONS') },
];

/** Sends one case and checks the status, the code, the `Allow` header and the envelope's schema. */
async function expectCase(url: string, { method, path, status, code, allow }: RoutingCase): Promise<void> {
  const response = await send(url, method, path);

  expect(response.status).toBe(status);
  expect(response.body.code).toBe(code);
  expect(response.headers.get('allow')).toBe(allow ?? null);
  expect(envelopeSchemaErrors(response.body)).toEqual([]);
}

/** Starts a Fastify app with the plugin, GET `/items` and an OPTIONS-only route, then `configure`. */
async function startFastify(configure: (app: FastifyInstance) => unknown, factory: FastifyServerOptions = {}) {
  const app = Fastify({ ...factory, ...errorsServerOptions(options) });
  await app.register(errorsPlugin, options);
  await configure(app);
  app.get('/items', async () => []);
  app.options('/options-only', async (_request, reply) => reply.code(204).send());
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  closers.push(() => app.close());
  return url;
}

describe('fastify catch-all routes', () => {
  const corsApp = startFastify((app) => app.register(cors));
  const corsWithoutPreflight = startFastify((app) => app.register(cors, { preflight: false }));
  const ownCatchAll = startFastify((app) => {
    app.options('*', async (_request, reply) => reply.code(204).send());
  });

  it.each(WITH_OPTIONS_CATCH_ALL)('@fastify/cors: $name gets $status', async (testCase) => {
    await expectCase(await corsApp, testCase);
  });

  it.each(WITH_OPTIONS_CATCH_ALL)('@fastify/cors without preflight: $name gets $status', async (testCase) => {
    await expectCase(await corsWithoutPreflight, testCase);
  });

  it.each(WITH_OPTIONS_CATCH_ALL)('OPTIONS *: $name gets $status', async (testCase) => {
    await expectCase(await ownCatchAll, testCase);
  });

  it('keeps 404 with slash-ignoring router options', async () => {
    const url = await startFastify((app) => app.register(cors), {
      routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true },
    });

    await expectCase(url, { name: 'GET with slashes', method: 'GET', path: '/nope//deeper/', ...NOT_FOUND });
    await expectCase(url, { name: 'DELETE with a slash', method: 'DELETE', path: '/items/', ...notAllowed('GET, HEAD, OPTIONS') });
  });

  it('treats a PUT /* as catch-all', async () => {
    const url = await startFastify((app) => {
      app.put('/*', async () => ({ stored: true }));
    });

    await expectCase(url, { name: 'GET to an unknown path', method: 'GET', path: '/nope', ...NOT_FOUND });
    await expectCase(url, { name: 'DELETE to a GET route', method: 'DELETE', path: '/items', ...notAllowed('GET, HEAD, PUT') });
  });

  it('keeps 405 under /static/*', async () => {
    const url = await startFastify(async (app) => {
      await app.register(cors);
      app.get('/static/*', async () => 'file');
    });

    await expectCase(url, { name: 'POST under /static', method: 'POST', path: '/static/a/b', ...notAllowed('GET, HEAD, OPTIONS') });
  });
});

/** Starts an Express app with GET `/items`, an OPTIONS-only route and the given catch-all OPTIONS path. */
async function startExpress(catchAllPath: string | RegExp): Promise<string> {
  const app = express();
  app.use(requestId(options));
  app.options(catchAllPath, (_request, response) => {
    response.status(204).end();
  });
  app.get('/items', (_request, response) => {
    response.json([]);
  });
  app.options('/options-only', (_request, response) => {
    response.status(204).end();
  });
  app.use(notFoundHandler(options));
  app.use(errorHandler(options));
  return listenedUrl(app.listen(0, '127.0.0.1'), closers);
}

describe('express catch-all routes', () => {
  const splatApp = startExpress('/{*splat}');
  const regExpApp = startExpress(/.*/);

  it.each(WITH_OPTIONS_CATCH_ALL)("options('/{*splat}'): $name gets $status", async (testCase) => {
    await expectCase(await splatApp, testCase);
  });

  it.each(WITH_OPTIONS_CATCH_ALL)('options(/.*/): $name gets $status', async (testCase) => {
    await expectCase(await regExpApp, testCase);
  });

  it('counts catch-all of root router', async () => {
    const app = express();
    app.use(requestId(options));
    const router = express.Router();
    router.options('/{*splat}', (_request, response) => {
      response.status(204).end();
    });
    app.use(router);
    app.get('/items', (_request, response) => {
      response.json([]);
    });
    app.use(notFoundHandler(options));
    app.use(errorHandler(options));
    const url = await listenedUrl(app.listen(0, '127.0.0.1'), closers);

    await expectCase(url, { name: 'GET to an unknown path', method: 'GET', path: '/nope', ...NOT_FOUND });
    await expectCase(url, { name: 'DELETE to a GET route', method: 'DELETE', path: '/items', ...notAllowed('GET, HEAD, OPTIONS') });
  });
});

/** Sends an empty 204, as a CORS preflight handler does. */
const noContent = (c: Context) => c.body(null, 204);

/** Ways to add a Hono route that matches every path. */
const HONO_CATCH_ALLS: [string, (app: Hono) => void][] = [
  ["options('*')", (app) => app.options('*', noContent)],
  ["options('/*')", (app) => app.options('/*', noContent)],
  ["on('OPTIONS', '/*')", (app) => app.on('OPTIONS', '/*', noContent)],
  ["options('/:any{.+}')", (app) => app.options('/:any{.+}', noContent)],
  ["options('/:a/*')", (app) => app.options('/:a/*', noContent)],
  [
    "options('*') of a sub-app at the root",
    (app) => {
      const sub = new Hono();
      sub.options('*', noContent);
      app.route('/', sub);
    },
  ],
];

/** Starts a Hono app with the adapter, then `configure`. */
function startHono(configure: (app: Hono) => void, app = new Hono()): Promise<string> {
  app.use(errorsMiddleware(options));
  app.onError(onError(options));
  app.notFound(notFound({ ...options, app }));
  configure(app);
  return listenedUrl(serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }) as Server, closers);
}

describe.each(HONO_CATCH_ALLS)('hono catch-all route %s', (_name, addCatchAll) => {
  const url = startHono((app) => {
    addCatchAll(app);
    app.get('/items', (c) => c.json([]));
    app.options('/options-only', noContent);
  });

  it.each(WITH_OPTIONS_CATCH_ALL)('$name gets $status', async (testCase) => {
    await expectCase(await url, testCase);
  });
});

describe('hono routes with paths of their own next to a catch-all', () => {
  const url = startHono((app) => {
    app.options('/:any{.+}', noContent);
    app.get('/static/*', (c) => c.text('file'));
    app.delete('/:id', (c) => c.body(null, 204));
  });

  it.each<RoutingCase>([
    { name: 'POST under a wildcard after a static part', method: 'POST', path: '/static/a/b', ...notAllowed('GET, HEAD, OPTIONS') },
    { name: 'GET to a one-segment param route', method: 'GET', path: '/nope', ...notAllowed('DELETE, OPTIONS') },
    { name: 'GET to a path only the catch-all matches', method: 'GET', path: '/a/b/c', ...NOT_FOUND },
  ])('$name gets $status', async (testCase) => {
    await expectCase(await url, testCase);
  });
});

/** Hono apps whose router throws `UnsupportedPathError` for some routes when it matches them. */
const LINEAR_ROUTER_APPS: [string, () => Hono][] = [
  ['hono/quick', () => new QuickHono()],
  ['LinearRouter', () => new Hono({ router: new LinearRouter() })],
];

describe.each(LINEAR_ROUTER_APPS)('%s with a route that its router cannot match', (_name, makeApp) => {
  it.each(["options('/:a/*')", "options('/:a{.*}')"])('%s keeps 404 and 405', async (route) => {
    const path = route.slice("options('".length, -"')".length);
    const url = await startHono((app) => {
      app.options(path, noContent);
      app.get('/items', (c) => c.json([]));
    }, makeApp());

    await expectCase(url, { name: 'GET to an unknown path', method: 'GET', path: '/nope', ...NOT_FOUND });
    await expectCase(url, { name: 'POST to an unknown nested path', method: 'POST', path: '/nope/deeper', ...NOT_FOUND });
    // The router throws for every OPTIONS lookup, as in Hono's own dispatch of an OPTIONS request.
    await expectCase(url, { name: 'DELETE to a GET route', method: 'DELETE', path: '/items', ...notAllowed('GET, HEAD') });
  });
});
