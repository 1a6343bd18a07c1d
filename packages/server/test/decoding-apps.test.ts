/**
 * Applications that decode gzip request bodies themselves, over real HTTP with real gzip from
 * `node:zlib`. A decoded body reaches the route, and a decoded body that is not JSON stays
 * `malformed_json`. A body that does not decompress gets a `bad_request` that says so, and a coding
 * that the application leaves alone gets the `bad_request` for an undecoded coding.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createGunzip, gzipSync, type Gunzip } from 'node:zlib';
import { serve } from '@hono/node-server';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgnesRenderer, type ErrorLogger } from '../src/index.ts';
import { errorsPlugin, errorsServerOptions } from '../src/fastify/index.ts';
import { errorsMiddleware, onError } from '../src/hono/index.ts';
import { captureLogs, LEVEL } from './support/logs.ts';
import { envelopeSchemaErrors } from './support/schema.ts';

interface DecodingApp {
  url: string;
  close(): Promise<void>;
}

/**
 * How a Fastify `preParsing` hook gunzips a body. `@fastify/compress` 9.2 leaves `Content-Encoding`
 * in place and rejects a coding outside its `requestEncodings` with
 * `FST_CP_ERR_INVALID_CONTENT_ENCODING` (415). It turns a decompression error into
 * `FST_CP_ERR_INVALID_CONTENT` (400) by copying the members of its own error onto it. The first
 * hook does the same as that plugin with `requestEncodings: ['gzip']`. Hand-written hooks often
 * pass other codings on, and some delete the header.
 */
type FastifyHook = 'like @fastify/compress' | 'keeps the header' | 'deletes the header';

async function startFastify(logger: ErrorLogger, hook: FastifyHook): Promise<DecodingApp> {
  const renderer = createAgnesRenderer();
  const app = Fastify(errorsServerOptions({ renderer, logger }));
  await app.register(errorsPlugin, { renderer, logger });
  app.addHook('preParsing', async (request, _reply, payload) => {
    const coding = request.headers['content-encoding'];
    if (coding === undefined) return payload;
    if (coding !== 'gzip') {
      if (hook !== 'like @fastify/compress') return payload;
      throw Object.assign(new Error(`Unsupported Content-Encoding: ${coding}`), { code: 'FST_CP_ERR_INVALID_CONTENT_ENCODING', statusCode: 415 });
    }
    if (hook === 'deletes the header') {
      delete request.headers['content-encoding'];
      delete request.headers['content-length'];
    }
    // Fastify compares `receivedEncodedLength` with Content-Length, as `@fastify/compress` sets it.
    const gunzip = createGunzip() as Gunzip & { receivedEncodedLength: number };
    gunzip.receivedEncodedLength = 0;
    if (hook === 'like @fastify/compress') {
      gunzip.on('error', (error) => {
        const message = 'Could not decompress the request payload using the provided encoding';
        Object.assign(error, { name: 'FastifyCompressError', code: 'FST_CP_ERR_INVALID_CONTENT', message, statusCode: 400 });
      });
    }
    payload.on('data', (chunk: Buffer) => {
      gunzip.receivedEncodedLength += chunk.length;
    });
    return payload.pipe(gunzip);
  });
  app.post('/items', async (request, reply) => reply.code(201).send(request.body));
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, close: () => app.close() };
}

async function startHono(logger: ErrorLogger): Promise<DecodingApp> {
  const app = new Hono();
  app.use(errorsMiddleware({ logger }));
  app.onError(onError({ logger }));
  // Decodes a gzip body and removes the headers that described the encoded bytes.
  app.use(async (c, next) => {
    const { raw } = c.req;
    if (raw.body !== null && raw.headers.get('content-encoding')?.trim().toLowerCase() === 'gzip') {
      const headers = new Headers(raw.headers);
      headers.delete('content-encoding');
      headers.delete('content-length');
      const body = raw.body.pipeThrough(new DecompressionStream('gzip'));
      c.req.raw = new Request(raw.url, { method: raw.method, headers, body, duplex: 'half' } as RequestInit);
    }
    await next();
  });
  app.post('/items', validator('json', (value) => value), (c) => c.json(c.req.valid('json'), 201));
  const server = await new Promise<Server>((resolve) => {
    const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(started as Server));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

interface DecodingCase {
  name: string;
  contentEncoding?: string;
  body: Buffer | string;
  status: number;
  code?: string;
  /** The reason in the detail, for every app or by whether the app deleted the header. */
  reason?: string | ((headerDeleted: boolean) => string);
}

const CASES: DecodingCase[] = [
  { name: 'gzip of valid JSON', contentEncoding: 'gzip', body: gzipSync('{"name":"a"}'), status: 201 },
  { name: 'plain JSON', body: '{"name":"a"}', status: 201 },
  { name: 'gzip of malformed JSON', contentEncoding: 'gzip', body: gzipSync('{"name":'), status: 400, code: 'malformed_json' },
  {
    name: 'corrupt gzip',
    contentEncoding: 'gzip',
    body: 'not gzip',
    status: 400,
    code: 'bad_request',
    reason: (headerDeleted) =>
      headerDeleted ? 'the body could not be decompressed' : 'the body could not be decompressed with the content coding "gzip"',
  },
  {
    name: 'br that the app does not decode',
    contentEncoding: 'br',
    body: 'not decoded',
    status: 400,
    code: 'bad_request',
    reason: 'the content coding "br" is not supported. Send the body without Content-Encoding',
  },
];

const APPS: { name: string; headerDeleted: boolean; start: (logger: ErrorLogger) => Promise<DecodingApp> }[] = [
  { name: 'Fastify hook like @fastify/compress', headerDeleted: false, start: (logger) => startFastify(logger, 'like @fastify/compress') },
  { name: 'Fastify hook that keeps the header', headerDeleted: false, start: (logger) => startFastify(logger, 'keeps the header') },
  { name: 'Fastify hook that deletes the header', headerDeleted: true, start: (logger) => startFastify(logger, 'deletes the header') },
  // The Hono middleware drops the header too, but the adapter reads the one the request arrived with.
  { name: 'Hono middleware', headerDeleted: false, start: startHono },
];

describe.each(APPS)('$name', ({ headerDeleted, start }) => {
  let app: DecodingApp;
  const logs = captureLogs();

  beforeAll(async () => {
    app = await start(logs.logger);
  });
  afterAll(() => app.close());

  it.each(CASES)('$name gets $status', async ({ contentEncoding, body, status, code, reason }) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (contentEncoding !== undefined) headers['content-encoding'] = contentEncoding;
    const bytes = typeof body === 'string' ? body : new Uint8Array(body);
    const response = await fetch(`${app.url}/items`, { method: 'POST', headers, body: bytes });
    const parsed = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(status);
    if (code === undefined) {
      expect(parsed).toEqual({ name: 'a' });
      return;
    }
    expect(parsed.code).toBe(code);
    expect(envelopeSchemaErrors(parsed)).toEqual([]);
    const wantReason = typeof reason === 'function' ? reason(headerDeleted) : reason;
    if (wantReason !== undefined) expect(parsed.detail).toBe(`The request could not be parsed: ${wantReason}.`);
    const line = logs.lines().find((entry) => entry.request_id === parsed.request_id);
    expect(line?.level).toBe(LEVEL.info);
  });
});
