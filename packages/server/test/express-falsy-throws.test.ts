/**
 * Falsy values thrown in Express handlers. Express's router treats `throw null` as "no error" and
 * passes the request on. The adapter still sends the masked 500 for every way of registering a
 * handler, and logs the value of every synchronous throw. A request that no handler took keeps its
 * 404 or 405.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type RequestHandler } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgnesRenderer } from '../src/index.ts';
import { errorHandler, notFoundHandler, requestId } from '../src/express/index.ts';
import { send } from './support/http.ts';
import { captureLogs, LEVEL } from './support/logs.ts';
import { maskedEnvelopeOf } from './support/envelopes.ts';
import { envelopeSchemaErrors } from './support/schema.ts';

interface FalsyValue {
  name: string;
  value: unknown;
  /** How the log message writes the value. */
  logged: string;
}

const FALSY_VALUES: FalsyValue[] = [
  { name: 'null', value: null, logged: 'threw null' },
  { name: 'undefined', value: undefined, logged: 'threw undefined' },
  { name: 'zero', value: 0, logged: 'threw 0' },
  { name: 'empty-string', value: '', logged: 'threw ""' },
  { name: 'false', value: false, logged: 'threw false' },
];

interface Registration {
  name: string;
  /** Registers `handler` so that `GET <prefix>/x` reaches it. */
  register(app: express.Express, prefix: string, handler: RequestHandler): void;
  /** Text that the log message must contain, besides the value. */
  logged: string;
}

function throwing(value: unknown): RequestHandler {
  return function throwsFalsy() {
    throw value;
  };
}

function rejecting(value: unknown): RequestHandler {
  return async function rejectsFalsy() {
    throw value;
  };
}

function mountedRouter(app: express.Express, prefix: string, add: (router: express.Router) => void): void {
  const router = express.Router();
  add(router);
  app.use(prefix, router);
}

const SYNC_REGISTRATIONS: Registration[] = [
  { name: 'app.get', register: (app, prefix, handler) => app.get(`${prefix}/x`, handler), logged: 'throwsFalsy' },
  { name: 'app.all', register: (app, prefix, handler) => app.all(`${prefix}/x`, handler), logged: 'throwsFalsy' },
  { name: 'app.route().all', register: (app, prefix, handler) => app.route(`${prefix}/x`).all(handler), logged: 'throwsFalsy' },
  { name: 'router.get', register: (app, prefix, handler) => mountedRouter(app, prefix, (router) => router.get('/x', handler)), logged: 'throwsFalsy' },
  { name: 'router.all', register: (app, prefix, handler) => mountedRouter(app, prefix, (router) => router.all('/x', handler)), logged: 'throwsFalsy' },
  { name: 'app.use with a path', register: (app, prefix, handler) => app.use(`${prefix}/x`, handler), logged: 'throwsFalsy' },
  { name: 'router.use', register: (app, prefix, handler) => mountedRouter(app, prefix, (router) => router.use(handler)), logged: 'throwsFalsy' },
];

const ASYNC_REGISTRATIONS: Registration[] = [
  // The router replaces a falsy rejection reason with this error before any listener receives it.
  { name: 'async app.get', register: (app, prefix, handler) => app.get(`${prefix}/x`, handler), logged: 'Rejected promise' },
  { name: 'async app.use', register: (app, prefix, handler) => app.use(`${prefix}/x`, handler), logged: 'Rejected promise' },
];

interface FalsyCase {
  registration: string;
  value: string;
  path: string;
  /** Fragments that the logged error message contains. */
  logged: string[];
  register(app: express.Express): void;
}

function slug(text: string): string {
  return text.replace(/[^a-z]+/gi, '-').toLowerCase();
}

function casesOf(registrations: Registration[], makeHandler: (value: unknown) => RequestHandler, logsValue: boolean): FalsyCase[] {
  return registrations.flatMap((registration) =>
    FALSY_VALUES.map((falsy) => {
      const prefix = `/${slug(registration.name)}/${falsy.name}`;
      return {
        registration: registration.name,
        value: falsy.name,
        path: `${prefix}/x`,
        logged: logsValue ? [falsy.logged, registration.logged] : [registration.logged],
        register: (app: express.Express) => registration.register(app, prefix, makeHandler(falsy.value)),
      };
    }),
  );
}

const CASES: FalsyCase[] = [...casesOf(SYNC_REGISTRATIONS, throwing, true), ...casesOf(ASYNC_REGISTRATIONS, rejecting, false)];
const logs = captureLogs();
let server: Server;
let url: string;

function buildApp(): express.Express {
  const options = { renderer: createAgnesRenderer(), logger: logs.logger };
  const app = express();
  app.use(requestId(options));
  for (const testCase of CASES) testCase.register(app);
  app.use('/passes-on', (_request, _response, next) => next());
  app.use('/passes-null', (_request, _response, next) => next(null));
  const things = express.Router();
  things.all('/next', (_request, _response, next) => next());
  app.use('/things', things);
  app.post('/post-only', (_request, response) => {
    response.status(201).end();
  });
  app.use(notFoundHandler(options));
  app.use(errorHandler(options));
  return app;
}

beforeAll(async () => {
  server = buildApp().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('express falsy throws', () => {
  it.each(CASES)('$registration throwing $value sends a masked 500', async ({ path }) => {
    const response = await send(url, 'GET', path);

    expect(response.status).toBe(500);
    expect(response.body).toEqual(maskedEnvelopeOf(response.headers.get('x-request-id')));
    expect(envelopeSchemaErrors(response.body)).toEqual([]);
  });

  it.each(CASES)('$registration throwing $value is logged with the value', async ({ path, logged }) => {
    const response = await send(url, 'GET', path);
    const lines = logs.lines().filter((line) => line.request_id === response.body.request_id);

    expect(lines).toHaveLength(1);
    expect(lines[0]?.level).toBe(LEVEL.error);
    expect(lines[0]?.code).toBe('internal_error');
    const message = (lines[0]?.err as { message?: string } | undefined)?.message;
    for (const fragment of logged) expect(message).toContain(fragment);
  });

  it('route calling next() last sends a masked 500', async () => {
    const response = await send(url, 'PATCH', '/things/next');
    const [line] = logs.lines().filter((entry) => entry.request_id === response.body.request_id);

    expect(response.status).toBe(500);
    expect(response.body.code).toBe('internal_error');
    expect((line?.err as { message?: string } | undefined)?.message).toContain('Route PATCH /next matched');
  });

  it.each([
    { name: 'unknown path', method: 'GET', path: '/nope', status: 404, code: 'route_not_found' },
    { name: 'middleware calling next()', method: 'GET', path: '/passes-on', status: 404, code: 'route_not_found' },
    { name: 'middleware calling next(null)', method: 'GET', path: '/passes-null', status: 404, code: 'route_not_found' },
    { name: 'HEAD to a POST route', method: 'HEAD', path: '/post-only', status: 405, code: 'method_not_allowed' },
    { name: 'GET to a POST route', method: 'GET', path: '/post-only', status: 405, code: 'method_not_allowed' },
  ])('$name keeps $status', async ({ method, path, status, code }) => {
    const response = await send(url, method, path);

    expect(response.status).toBe(status);
    if (method !== 'HEAD') expect(response.body.code).toBe(code);
  });
});
