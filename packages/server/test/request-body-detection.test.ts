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
import { Hono, type Context } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgnesRenderer } from '../src/index.ts';
import { errorsPlugin, errorsServerOptions } from '../src/fastify/index.ts';
import { errorsMiddleware, notFound, onError, requireMediaType } from '../src/hono/index.ts';
import { ABORTED_BODY_REASON } from '../src/failures.ts';
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
  // The route reads the body, so a body that the middleware consumed without handing it on fails with a 500.
  const create = async (c: Context) => c.json({ bytes: (await c.req.text()).length }, 201);
  app.post('/items', requireMediaType(['application/json'], options), create);
  app.delete('/items', requireMediaType(['application/json'], options), create);
  return app;
}

/** Returns a body stream that yields each string as one UTF-8 chunk, empty strings as empty chunks. */
function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });
}

describe('hono requireMediaType with app.request()', () => {
  const app = honoApp();

  it.each<{ name: string; init: RequestInit; want: Outcome }>([
    { name: 'text/csv body', init: { body: 'a,b', headers: { 'content-type': 'text/csv' } }, want: CSV_REJECTED },
    { name: 'body without Content-Type', init: { body: new TextEncoder().encode('{"a":1}') }, want: TYPE_MISSING },
    { name: 'JSON body', init: { body: '{"a":1}', headers: { 'content-type': 'application/json' } }, want: ACCEPTED },
    { name: 'no body', init: {}, want: ACCEPTED },
    { name: 'Content-Length 0 without a body', init: { headers: { 'content-length': '0' } }, want: ACCEPTED },
    { name: 'empty string body', init: { body: '' }, want: ACCEPTED },
    { name: 'empty Uint8Array body', init: { body: new Uint8Array(0) }, want: ACCEPTED },
    { name: 'empty stream body', init: { body: streamOf([]) }, want: ACCEPTED },
    { name: 'stream of empty chunks', init: { body: streamOf(['', '']) }, want: ACCEPTED },
    { name: 'text/csv stream after an empty chunk', init: { body: streamOf(['', 'a,b']), headers: { 'content-type': 'text/csv' } }, want: CSV_REJECTED },
    { name: 'DELETE with an empty body', init: { method: 'DELETE', body: '' }, want: ACCEPTED },
    { name: 'text/csv with invalid Content-Length', init: { body: 'a,b', headers: { 'content-type': 'text/csv', 'content-length': 'x' } }, want: CSV_REJECTED },
  ])('$name gets $want.status', async ({ init, want }) => {
    const response = await app.request('/items', { method: 'POST', duplex: 'half', ...init } as RequestInit);

    expectOutcome(response.status, await response.text(), want);
  });
});

/**
 * Cases sent over h2c without `Content-Length`, unless a case sets one. A `body` of '' sends an
 * empty DATA frame after the headers, as Node's client does without `endStream: true`.
 */
const HONO_HTTP2_CASES: { name: string; method?: string; headers: http2.OutgoingHttpHeaders; body?: string; want: Outcome }[] = [
  { name: 'text/csv body', headers: { 'content-type': 'text/csv' }, body: 'a,b', want: CSV_REJECTED },
  { name: 'body without Content-Type', headers: {}, body: '{"a":1}', want: TYPE_MISSING },
  { name: 'JSON body', headers: { 'content-type': 'application/json' }, body: '{"a":1}', want: ACCEPTED },
  { name: 'no body', headers: {}, want: ACCEPTED },
  { name: 'Content-Length 0 with text/csv', headers: { 'content-type': 'text/csv', 'content-length': '0' }, body: '', want: ACCEPTED },
  { name: 'empty DATA frame', headers: {}, body: '', want: ACCEPTED },
  { name: 'empty DATA frame with text/csv', headers: { 'content-type': 'text/csv' }, body: '', want: ACCEPTED },
  { name: 'DELETE with an empty DATA frame', method: 'DELETE', headers: {}, body: '', want: ACCEPTED },
  { name: 'text/csv with Content-Length', headers: { 'content-type': 'text/csv', 'content-length': '3' }, body: 'a,b', want: CSV_REJECTED },
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

  it.each(HONO_HTTP2_CASES)('$name gets $want.status', async ({ method = 'POST', headers, body, want }) => {
    const response = await sendHttp2(port, { ':method': method, ':path': '/items', ...headers }, body);

    expectOutcome(response.status, response.text, want);
  });
});

describe('hono requireMediaType, aborted body', () => {
  it('aborted read gets the aborted-body 400', async () => {
    const app = honoApp();
    const controller = new AbortController();
    // The stream fails as `@hono/node-server` fails a body whose client went away: after aborting the request's signal.
    const body = new ReadableStream<Uint8Array>({
      pull() {
        controller.abort();
        throw Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
      },
    });

    const response = await app.request('/items', { method: 'POST', body, duplex: 'half', signal: controller.signal } as RequestInit);
    const envelope = JSON.parse(await response.text()) as Record<string, unknown>;

    expect(response.status).toBe(400);
    expect(envelope.code).toBe('bad_request');
    expect(envelope.detail).toBe(`The request could not be parsed: ${ABORTED_BODY_REASON}.`);
    expect(envelopeSchemaErrors(envelope)).toEqual([]);
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
    { name: 'GET with a Content-Type', method: 'GET', headers: { 'content-type': 'application/json' }, want: NO_MULTIPART_BODY },
    { name: 'POST with a Content-Type only', headers: { 'content-type': 'text/plain' }, want: NO_MULTIPART_BODY },
    // A Content-Type counts as a body unless the headers end the stream, as when Fastify 5 parses a POST body.
    { name: 'text/plain empty DATA frame', headers: { 'content-type': 'text/plain' }, body: '', want: notMultipart('text/plain') },
  ])('$name gets $want.status', async ({ method = 'POST', headers, body, want }) => {
    const response = await sendHttp2(port, { ':method': method, ':path': '/upload', ...headers }, body);

    expectOutcome(response.status, response.text, want);
    if (want.status !== 415) return;
    expect((JSON.parse(response.text) as Record<string, unknown>).supported_media_types).toEqual(['multipart/form-data']);
  });
});
