/**
 * The recipes of docs/framework-errors.md, each run with the real framework and middleware. Each
 * framework error that a recipe handles becomes a contract error with a registry code instead of
 * the masked 500. The code between a recipe's "from here" and "to here" comments must appear in a
 * code block of that page, so the page shows the code that these tests run.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import rateLimit from '@fastify/rate-limit';
import express, { type NextFunction, type Request, type Response } from 'express';
import { rateLimit as expressRateLimit, type AugmentedRequest } from 'express-rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { bodyLimit } from 'hono/body-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgnesError, createAgnesRenderer, isContractError } from '../src/index.ts';
import { errorHandler, notFoundHandler, requestId } from '../src/express/index.ts';
import { errorsPlugin, errorsServerOptions } from '../src/fastify/index.ts';
import { errorsMiddleware, notFound, onError } from '../src/hono/index.ts';
import { createHttpError } from './support/http-errors.ts';
import { send, sendRaw } from './support/http.ts';
import { captureLogs, LEVEL } from './support/logs.ts';
import { envelopeSchemaErrors } from './support/schema.ts';

const logs = captureLogs();
const options = { renderer: createAgnesRenderer(), logger: logs.logger };

const PAGE = readFileSync(new URL('../docs/framework-errors.md', import.meta.url), 'utf8');
const RECIPE_NAMES = ['bodyLimit', 'bearerAuth', 'Fastify rateLimit', 'Fastify error handler', 'express-rate-limit', 'Express error middleware'];

/** Removes all whitespace, so that code compares equal whatever its indentation and line breaks. */
function compact(code: string): string {
  return code.replace(/\s+/g, '');
}

/** Returns the code that this file runs for each recipe, between its "from here" and "to here" comments. */
function recipesOfThisFile(): Map<string, string> {
  const source = readFileSync(new URL(import.meta.url), 'utf8');
  const recipes = new Map<string, string>();
  for (const [, name, code] of source.matchAll(/\/\/ Recipe (.+): from here\n([\s\S]*?)\/\/ Recipe \1: to here/g)) {
    recipes.set(name!, code!.trim().replace(/,$/, ''));
  }
  return recipes;
}

describe('docs/framework-errors.md', () => {
  const codeBlocks = [...PAGE.matchAll(/^```ts\n([\s\S]*?)^```/gm)].map(([, code]) => compact(code!));
  const recipes = recipesOfThisFile();

  it('has the framework errors title', () => {
    expect(PAGE.startsWith('# Framework errors with an HTTP status\n')).toBe(true);
  });

  it.each(RECIPE_NAMES)('shows the %s recipe that runs here', (name) => {
    const code = recipes.get(name);

    expect(code, `no "Recipe ${name}" comments in this file`).toBeDefined();
    expect(codeBlocks.some((block) => block.includes(compact(code!))), code).toBe(true);
  });

  it('marks no recipe that the list leaves out', () => {
    expect([...recipes.keys()].sort()).toEqual([...RECIPE_NAMES].sort());
  });
});

/** Listens on 127.0.0.1 with a port chosen by the system, and returns the base URL and port. */
async function listen(server: Server): Promise<{ url: string; port: number }> {
  await new Promise<void>((resolve, reject) => {
    if (server.listening) resolve();
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, port };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

describe('Hono recipes', () => {
  let server: Server;
  let url: string;
  let port: number;
  const apiKeys = new Set(['key_live_1']);

  beforeAll(async () => {
    const app = new Hono();
    app.use(errorsMiddleware(options));
    app.onError(onError(options));
    app.notFound(notFound({ ...options, app }));

    const maxSize = 64;
    app.post(
      '/imports',
      // Recipe bodyLimit: from here
      bodyLimit({
        maxSize,
        onError: () => {
          throw new AgnesError('payload_too_large', { max_bytes: maxSize });
        },
      }),
      // Recipe bodyLimit: to here
      async (c) => c.json(await c.req.json(), 201),
    );

    app.use(
      '/v1/*',
      // Recipe bearerAuth: from here
      bearerAuth({
        verifyToken: (token) => apiKeys.has(token),
        noAuthenticationHeader: {
          message: () => {
            throw new AgnesError('unauthenticated', {}, { headers: { 'WWW-Authenticate': 'Bearer realm="agnes"' } });
          },
        },
        invalidToken: {
          message: () => {
            throw new AgnesError('invalid_api_key', {}, { headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } });
          },
        },
      }),
      // Recipe bearerAuth: to here
    );
    app.get('/v1/policies', (c) => c.json([]));

    server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }) as Server;
    ({ url, port } = await listen(server));
  });
  afterAll(() => closeServer(server));

  it('sends payload_too_large for a declared length', async () => {
    const response = await send(url, 'POST', '/imports', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'x'.repeat(100) }) });

    expect(response.status).toBe(413);
    expect(response.body.code).toBe('payload_too_large');
    expect(response.body.max_bytes).toBe(64);
    expect(envelopeSchemaErrors(response.body)).toEqual([]);
  });

  it('sends payload_too_large for a chunked body', async () => {
    const chunk = 'x'.repeat(100);
    const response = await sendRaw(port, [
      'POST /imports HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n',
      `${chunk.length.toString(16)}\r\n${chunk}\r\n0\r\n\r\n`,
    ]);

    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toMatchObject({ code: 'payload_too_large', max_bytes: 64 });
  });

  it('passes a body within the limit', async () => {
    const response = await send(url, 'POST', '/imports', { headers: { 'content-type': 'application/json' }, body: '{"a":1}' });

    expect(response.status).toBe(201);
  });

  it.each<{ name: string; headers: Record<string, string>; code: string; challenge: string }>([
    { name: 'no Authorization header', headers: {}, code: 'unauthenticated', challenge: 'Bearer realm="agnes"' },
    { name: 'an unknown key', headers: { authorization: 'Bearer key_other' }, code: 'invalid_api_key', challenge: 'Bearer error="invalid_token"' },
  ])('sends 401 for $name', async ({ headers, code, challenge }) => {
    const response = await send(url, 'GET', '/v1/policies', { headers });

    expect(response.status).toBe(401);
    expect(response.body.code).toBe(code);
    expect(response.headers.get('www-authenticate')).toBe(challenge);
    expect(envelopeSchemaErrors(response.body)).toEqual([]);
  });

  it('passes a known key', async () => {
    const response = await send(url, 'GET', '/v1/policies', { headers: { authorization: 'Bearer key_live_1' } });

    expect(response.status).toBe(200);
  });
});

describe('Fastify recipe', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = Fastify(errorsServerOptions(options));
    await app.register(errorsPlugin, options);

    await app.register(async (api) => {
      // Errors of this context reach this handler first, and what it throws goes on to the plugin's.
      // Recipe Fastify error handler: from here
      api.setErrorHandler((error: Error & { statusCode?: number }) => {
        if (error.statusCode === 401) throw new AgnesError('unauthenticated', {}, { cause: error });
        throw error;
      });
      // Recipe Fastify error handler: to here
      // A stand-in for a plugin that fails requests with a statusCode error.
      api.addHook('onRequest', async (request) => {
        if (request.headers.authorization === undefined) throw Object.assign(new Error('Missing credentials'), { statusCode: 401 });
      });
      api.get('/v1/policies', async () => []);
      api.post('/v1/policies', async (request) => request.body);
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => app.close());

  const urlOf = () => `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  it('sends unauthenticated for a 401 error', async () => {
    const response = await send(urlOf(), 'GET', '/v1/policies');

    expect(response.status).toBe(401);
    expect(response.body.code).toBe('unauthenticated');
    expect(envelopeSchemaErrors(response.body)).toEqual([]);
  });

  it("keeps the mapping of Fastify's own errors", async () => {
    const response = await send(urlOf(), 'POST', '/v1/policies', { headers: { 'content-type': 'application/json', authorization: 'Bearer key_live_1' }, body: '{"a":' });

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('malformed_json');
  });

  it('passes other requests', async () => {
    const response = await send(urlOf(), 'GET', '/v1/policies', { headers: { authorization: 'Bearer key_live_1' } });

    expect(response.status).toBe(200);
  });
});

/** Length of the rate-limit windows below, in seconds. */
const WINDOW_SECONDS = 10;

/** Checks a rate_limited envelope whose wait comes from a window of `WINDOW_SECONDS`. */
function expectRateLimited(response: Awaited<ReturnType<typeof send>>): void {
  expect(response.status).toBe(429);
  expect(response.body.code).toBe('rate_limited');
  expect(response.body.retry_after).toBeGreaterThan(0);
  expect(response.body.retry_after).toBeLessThanOrEqual(WINDOW_SECONDS);
  expect(response.headers.get('retry-after')).toBe(String(response.body.retry_after));
  expect(envelopeSchemaErrors(response.body)).toEqual([]);
}

describe('Fastify rate-limit recipe', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = Fastify(errorsServerOptions(options));
    await app.register(errorsPlugin, options);
    await app.register(rateLimit, {
      max: 1,
      timeWindow: WINDOW_SECONDS * 1000,
      // Recipe Fastify rateLimit: from here
      errorResponseBuilder: (_request, context) => new AgnesError('rate_limited', { retry_after: Math.ceil(context.ttl / 1000) }),
      // Recipe Fastify rateLimit: to here
    });
    app.get('/v1/policies', async () => []);
    await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => app.close());

  it('sends rate_limited with window wait', async () => {
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    expect((await send(url, 'GET', '/v1/policies')).status).toBe(200);

    const response = await send(url, 'GET', '/v1/policies');

    expectRateLimited(response);
    expect(response.headers.get('x-ratelimit-reset')).toBe(String(response.body.retry_after));
    const line = logs.lines().find((entry) => entry.request_id === response.body.request_id);
    expect(line?.level).toBe(LEVEL.info);
  });
});

describe('express-rate-limit recipe', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const app = express();
    app.use(requestId(options));
    app.use(expressRateLimit({
      windowMs: WINDOW_SECONDS * 1000,
      limit: 1,
      // Recipe express-rate-limit: from here
      handler: (request, _response, next, rateLimitOptions) => {
        const resetTime = (request as AugmentedRequest).rateLimit?.resetTime;
        const milliseconds = resetTime === undefined ? rateLimitOptions.windowMs : resetTime.getTime() - Date.now();
        next(new AgnesError('rate_limited', { retry_after: Math.max(0, Math.ceil(milliseconds / 1000)) }));
      },
      // Recipe express-rate-limit: to here
    }));
    app.get('/v1/policies', (_request, response) => {
      response.json([]);
    });
    app.use(notFoundHandler(options));
    app.use(errorHandler(options));
    server = app.listen(0, '127.0.0.1');
    ({ url } = await listen(server));
  });
  afterAll(() => closeServer(server));

  it('sends rate_limited with window wait', async () => {
    expect((await send(url, 'GET', '/v1/policies')).status).toBe(200);

    const response = await send(url, 'GET', '/v1/policies');

    expectRateLimited(response);
    const line = logs.lines().find((entry) => entry.request_id === response.body.request_id);
    expect(line?.level).toBe(LEVEL.info);
  });
});

describe('Express recipe', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const app = express();
    app.use(requestId(options));
    app.get('/v1/policies', (request, _response, next) => {
      if (request.headers.authorization === undefined) return next(createHttpError(401, 'Missing credentials'));
      next(createHttpError(503, 'Database down'));
    });
    // Recipe Express error middleware: from here
    app.use(notFoundHandler(options));
    app.use((error: unknown, _request: Request, _response: Response, next: NextFunction) => {
      if (!isContractError(error) && (error as { status?: unknown }).status === 401) {
        return next(new AgnesError('unauthenticated', {}, { cause: error }));
      }
      next(error);
    });
    app.use(errorHandler(options));
    // Recipe Express error middleware: to here

    server = app.listen(0, '127.0.0.1');
    ({ url } = await listen(server));
  });
  afterAll(() => closeServer(server));

  it('sends unauthenticated for a 401 http-error', async () => {
    const response = await send(url, 'GET', '/v1/policies');

    expect(response.status).toBe(401);
    expect(response.body.code).toBe('unauthenticated');
    expect(envelopeSchemaErrors(response.body)).toEqual([]);
    const line = logs.lines().find((entry) => entry.request_id === response.body.request_id);
    expect(line?.level).toBe(LEVEL.info);
  });

  it('leaves other http-errors to errorHandler', async () => {
    const response = await send(url, 'GET', '/v1/policies', { headers: { authorization: 'Bearer key_live_1' } });

    expect(response.status).toBe(500);
    expect(response.body.code).toBe('internal_error');
  });

  it('leaves unknown routes to notFoundHandler', async () => {
    const response = await send(url, 'GET', '/v1/unknown');

    expect(response.status).toBe(404);
    expect(response.body.code).toBe('route_not_found');
  });
});
