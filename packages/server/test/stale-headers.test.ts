/**
 * Headers that a route set before it failed, on the envelope sent in its place: the adapters remove
 * `Retry-After`, `Allow` and the headers about the body that was not sent, unless the envelope sets
 * them itself, and keep the rest.
 */
import { request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import rateLimit from '@fastify/rate-limit';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgnesError, createAgnesRenderer } from '../src/index.ts';
import { errorHandler, notFoundHandler, requestId } from '../src/express/index.ts';
import { errorsPlugin, errorsServerOptions } from '../src/fastify/index.ts';
import { errorsMiddleware, notFound, onError } from '../src/hono/index.ts';
import { captureLogs } from './support/logs.ts';
import { envelopeSchemaErrors } from './support/schema.ts';

/** Headers of a successful response that the route set before it threw. */
const STALE = {
  'Retry-After': '60',
  Allow: 'GET, HEAD',
  'Content-Encoding': 'gzip',
  'Content-Range': 'bytes 0-99/200',
  'Content-Disposition': 'attachment; filename="report.csv"',
  'Content-Language': 'de',
  'Content-Location': '/v1/reports/7.csv',
  ETag: '"v1"',
  'Last-Modified': 'Tue, 01 Dec 2026 10:00:00 GMT',
};

/** Headers set before the failure that the envelope keeps. */
const KEPT = {
  'Cache-Control': 'public, max-age=3600',
  'Set-Cookie': 'session=abc; HttpOnly',
  'Access-Control-Allow-Origin': 'https://app.example.com',
  'X-Content-Type-Options': 'nosniff',
};
const PRESET: Record<string, string> = { ...STALE, ...KEPT };

/** What each route throws after setting `PRESET`. */
const THROWN: Record<string, () => unknown> = {
  masked: () => new Error('database unavailable'),
  forbidden: () => new AgnesError('forbidden', { scope: 'policy:delete' }),
  'rate-limited': () => new AgnesError('rate_limited', { retry_after: 5 }),
};

const options = { renderer: createAgnesRenderer(), logger: captureLogs().logger };

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Sends a GET with node:http, which leaves the body as sent, compressed or not. */
function get(port: number, path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

async function listening(server: Server): Promise<number> {
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  return (server.address() as AddressInfo).port;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

interface Started {
  port: number;
  close(): Promise<void>;
}

async function startFastify(): Promise<Started> {
  const app = Fastify(errorsServerOptions(options));
  await app.register(errorsPlugin, options);
  app.addHook('onSend', async (request, reply) => {
    // Like an ETag plugin's hook that runs before the one that fails.
    if (request.url !== '/hook-fails/forbidden' || reply.statusCode !== 403) return;
    reply.headers({ ETag: '"403-envelope"', 'Content-Language': 'en' });
    throw new Error('onSend hook failed');
  });
  const route = async (request: { params: unknown }, reply: { headers(values: Record<string, string>): unknown }) => {
    reply.headers(PRESET);
    throw THROWN[(request.params as { kind: string }).kind]!();
  };
  app.get('/fail/:kind', route);
  app.get('/hook-fails/:kind', route);
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { port: (app.server.address() as AddressInfo).port, close: () => app.close() };
}

async function startExpress(): Promise<Started> {
  const app = express();
  app.use(requestId(options));
  app.get('/fail/:kind', (request, response) => {
    response.set(PRESET);
    throw THROWN[request.params.kind]!();
  });
  app.use(notFoundHandler(options));
  app.use(errorHandler(options));
  const server = app.listen(0, '127.0.0.1');
  return { port: await listening(server), close: () => closeServer(server) };
}

async function startHono(): Promise<Started> {
  const app = new Hono();
  app.use(errorsMiddleware(options));
  app.use('/compressed/*', compress({ threshold: 0 }));
  app.onError(onError(options));
  app.notFound(notFound({ ...options, app }));
  const route = (c: { req: { param(name: 'kind'): string }; header(name: string, value: string): void }) => {
    for (const [name, value] of Object.entries(PRESET)) c.header(name, value);
    throw THROWN[c.req.param('kind')]!();
  };
  app.get('/fail/:kind', route);
  app.get('/compressed/:kind', route);
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }) as Server;
  return { port: await listening(server), close: () => closeServer(server) };
}

const CASES = [
  { kind: 'masked', status: 500, retryAfter: undefined },
  { kind: 'forbidden', status: 403, retryAfter: undefined },
  { kind: 'rate-limited', status: 429, retryAfter: '5' },
];

/** Checks the header set of an envelope that replaced a response with `PRESET` headers. */
function expectEnvelopeHeaders(response: RawResponse, retryAfter: string | undefined): void {
  expect(response.headers['retry-after']).toBe(retryAfter);
  for (const name of Object.keys(STALE)) {
    if (name === 'Retry-After') continue;
    expect(response.headers[name.toLowerCase()], name).toBeUndefined();
  }
  expect(response.headers['cache-control']).toBe(KEPT['Cache-Control']);
  expect(response.headers['set-cookie']).toEqual([KEPT['Set-Cookie']]);
  expect(response.headers['access-control-allow-origin']).toBe(KEPT['Access-Control-Allow-Origin']);
  expect(response.headers['x-content-type-options']).toBe(KEPT['X-Content-Type-Options']);
}

describe.each([
  ['fastify', startFastify],
  ['express', startExpress],
  ['hono', startHono],
])('%s adapter after a route set headers', (_name, start) => {
  let app: Started;

  beforeAll(async () => {
    app = await start();
  });
  afterAll(() => app.close());

  it.each(CASES)('sends $kind with its own header set', async ({ kind, status, retryAfter }) => {
    const response = await get(app.port, `/fail/${kind}`);

    expect(response.status).toBe(status);
    expectEnvelopeHeaders(response, retryAfter);
    expect(Number(response.headers['content-length'])).toBe(response.body.length);
    expect(envelopeSchemaErrors(JSON.parse(response.body.toString('utf8')))).toEqual([]);
  });
});

describe('fastify adapter after an onSend hook failed', () => {
  let app: Started;

  beforeAll(async () => {
    app = await startFastify();
  });
  afterAll(() => app.close());

  it('sends masked 500 with own headers', async () => {
    const response = await get(app.port, '/hook-fails/forbidden');

    expect(response.status).toBe(500);
    expectEnvelopeHeaders(response, undefined);
    expect(envelopeSchemaErrors(JSON.parse(response.body.toString('utf8')))).toEqual([]);
  });
});

describe("fastify adapter after @fastify/rate-limit's own 429", () => {
  let app: Started;

  beforeAll(async () => {
    const fastify = Fastify(errorsServerOptions(options));
    await fastify.register(errorsPlugin, options);
    await fastify.register(rateLimit, { max: 1, timeWindow: 10_000 });
    fastify.get('/limited', async () => ({ ok: true }));
    await fastify.listen({ host: '127.0.0.1', port: 0 });
    app = { port: (fastify.server.address() as AddressInfo).port, close: () => fastify.close() };
  });
  afterAll(() => app.close());

  it('sends the masked 500 without Retry-After', async () => {
    expect((await get(app.port, '/limited')).status).toBe(200);

    const response = await get(app.port, '/limited');

    expect(response.status).toBe(500);
    expect(response.headers['retry-after']).toBeUndefined();
    expect(response.headers['x-ratelimit-limit']).toBe('1');
  });
});

describe('hono/compress after a route set headers', () => {
  let app: Started;

  beforeAll(async () => {
    app = await startHono();
  });
  afterAll(() => app.close());

  it('compresses the envelope', async () => {
    const response = await get(app.port, '/compressed/forbidden', { 'accept-encoding': 'gzip' });

    expect(response.status).toBe(403);
    expect(response.headers['content-encoding']).toBe('gzip');
    const body = JSON.parse(gunzipSync(response.body).toString('utf8')) as Record<string, unknown>;
    expect(body.code).toBe('forbidden');
    expect(envelopeSchemaErrors(body)).toEqual([]);
  });
});
