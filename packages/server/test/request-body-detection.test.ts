/**
 * Whether a request has a body where its framing headers do not say so: Hono's `app.request()`,
 * Hono over cleartext HTTP/2 and `@fastify/multipart` over cleartext HTTP/2. A body without
 * `Content-Length` in the wrong media type gets a 415, and only a request without a body gets
 * through `requireMediaType` or the multipart no-body 400.
 */
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import multipart from '@fastify/multipart';
import { serve } from '@hono/node-server';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgnesRenderer } from '../src/index.ts';
import { errorsPlugin, errorsServerOptions } from '../src/fastify/index.ts';
import { errorsMiddleware, notFound, onError, requireMediaType } from '../src/hono/index.ts';
import { missingContentTypeDetail } from '../src/request-facts.ts';
import { sendHttp2 } from './support/http2.ts';
import { captureLogs } from './support/logs.ts';
import { envelopeSchemaErrors } from './support/schema.ts';

const logs = captureLogs();
const options = { renderer: createAgnesRenderer(), logger: logs.logger };

/** Expected outcome of one request: the route's 201, or an envelope with its code and detail. */
interface Outcome {
  status: number;
  code?: string;
  detail?: string;
}

const ACCEPTED: Outcome = { status: 201 };
const CSV_REJECTED: Outcome = {
  status: 415,
  code: 'unsupported_media_type',
  detail: 'Content type text/csv is not supported by this endpoint.',
};
const TYPE_MISSING: Outcome = { status: 415, code: 'unsupported_media_type', detail: missingContentTypeDetail(['application/json']) };

/** Checks the status and, for an error, the envelope's code, detail and schema. */
function expectOutcome(status: number, text: string, want: Outcome): void {
  expect(status).toBe(want.status);
  if (want.code === undefined) return;
  const body = JSON.parse(text) as Record<string, unknown>;
  expect(body.code).toBe(want.code);
  expect(body.detail).toBe(want.detail);
  expect(envelopeSchemaErrors(body)).toEqual([]);
}

function honoApp(): Hono {
  const app = new Hono();
  app.use(errorsMiddleware(options));
  app.onError(onError(options));
  app.notFound(notFound({ ...options, app }));
  app.post('/items', requireMediaType(['application/json'], options), (c) => c.json({ created: true }, 201));
  return app;
}

describe('hono requireMediaType with app.request()', () => {
  const app = honoApp();

  it.each<{ name: string; init: RequestInit; want: Outcome }>([
    { name: 'text/csv body', init: { body: 'a,b', headers: { 'content-type': 'text/csv' } }, want: CSV_REJECTED },
    { name: 'body without Content-Type', init: { body: new TextEncoder().encode('{"a":1}') }, want: TYPE_MISSING },
    { name: 'JSON body', init: { body: '{"a":1}', headers: { 'content-type': 'application/json' } }, want: ACCEPTED },
    { name: 'no body', init: {}, want: ACCEPTED },
    { name: 'Content-Length 0 without a body', init: { headers: { 'content-length': '0' } }, want: ACCEPTED },
  ])('$name gets $want.status', async ({ init, want }) => {
    const response = await app.request('/items', { method: 'POST', ...init });

    expectOutcome(response.status, await response.text(), want);
  });
});

/** Cases sent over h2c without `Content-Length`, unless a case sets one. */
const HONO_HTTP2_CASES: { name: string; headers: http2.OutgoingHttpHeaders; body?: string; want: Outcome }[] = [
  { name: 'text/csv body', headers: { 'content-type': 'text/csv' }, body: 'a,b', want: CSV_REJECTED },
  { name: 'body without Content-Type', headers: {}, body: '{"a":1}', want: TYPE_MISSING },
  { name: 'JSON body', headers: { 'content-type': 'application/json' }, body: '{"a":1}', want: ACCEPTED },
  { name: 'no body', headers: {}, want: ACCEPTED },
  { name: 'Content-Length 0 with text/csv', headers: { 'content-type': 'text/csv', 'content-length': '0' }, body: '', want: ACCEPTED },
];

describe('hono requireMediaType over h2c', () => {
  let server: http2.Http2Server;
  let port: number;

  beforeAll(async () => {
    server = serve({ fetch: honoApp().fetch, hostname: '127.0.0.1', port: 0, createServer: http2.createServer }) as http2.Http2Server;
    if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each(HONO_HTTP2_CASES)('$name gets $want.status', async ({ headers, body, want }) => {
    const response = await sendHttp2(port, { ':method': 'POST', ':path': '/items', ...headers }, body);

    expectOutcome(response.status, response.text, want);
  });
});

const NO_MULTIPART_BODY: Outcome = {
  status: 400,
  code: 'bad_request',
  detail: 'The request could not be parsed: the request has no body, but this endpoint reads a multipart/form-data body.',
};

const notMultipart = (contentType: string): Outcome => ({
  status: 415,
  code: 'unsupported_media_type',
  detail: `Content type ${contentType} is not supported by this endpoint.`,
});

describe('fastify multipart route over h2c', () => {
  const app = Fastify({ http2: true, ...errorsServerOptions(options) });
  let port: number;

  beforeAll(async () => {
    await app.register(errorsPlugin, options);
    await app.register(multipart);
    const upload = async (request: { file: () => Promise<{ toBuffer: () => Promise<Buffer> } | undefined> }) => {
      const file = await request.file();
      return { size: (await file?.toBuffer())?.length ?? 0 };
    };
    app.post('/upload', upload);
    app.get('/upload', upload);
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(() => app.close());

  it.each<{ name: string; method?: string; headers: http2.OutgoingHttpHeaders; body?: string; want: Outcome }>([
    { name: 'JSON body', headers: { 'content-type': 'application/json' }, body: '{"a":1}', want: notMultipart('application/json') },
    { name: 'text/plain body', headers: { 'content-type': 'text/plain' }, body: 'hello', want: notMultipart('text/plain') },
    { name: 'POST without a body', headers: {}, want: NO_MULTIPART_BODY },
    { name: 'GET', method: 'GET', headers: {}, want: NO_MULTIPART_BODY },
  ])('$name gets $want.status', async ({ method = 'POST', headers, body, want }) => {
    const response = await sendHttp2(port, { ':method': method, ':path': '/upload', ...headers }, body);

    expectOutcome(response.status, response.text, want);
    if (want.status !== 415) return;
    expect((JSON.parse(response.text) as Record<string, unknown>).supported_media_types).toEqual(['multipart/form-data']);
  });
});
