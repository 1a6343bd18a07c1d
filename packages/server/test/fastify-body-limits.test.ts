/**
 * The `max_bytes` of a Fastify 413 is the limit that Fastify applied: the route's own `bodyLimit`,
 * else the `bodyLimit` of the content-type parser that matched, which is the server's unless the
 * parser was added with one of its own.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { createAgnesRenderer } from '../src/index.ts';
import { errorsPlugin, errorsServerOptions } from '../src/fastify/index.ts';
import { appliedBodyLimitOf } from '../src/fastify/body-limit.ts';
import { send } from './support/http.ts';
import { captureLogs, LEVEL } from './support/logs.ts';
import { envelopeSchemaErrors } from './support/schema.ts';

const SERVER_LIMIT = 100;
const PARSER_LIMIT = 32;
const FORM_LIMIT = 64;
const ROUTE_LIMIT = 48;
const SCOPED_LIMIT = 24;
/** A body above every limit of the app. */
const LONG_BODY = 'a='.padEnd(200, 'x');

const logs = captureLogs();
const options = { renderer: createAgnesRenderer(), logger: logs.logger };
/** Limits that a route read with `appliedBodyLimitOf` while it served a small body. */
const seenLimits = new Map<string, number>();

/** Adds a custom parser with its own limit, like `@fastify/formbody`'s `bodyLimit` option. */
function addLimitedParsers(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-custom', { parseAs: 'string', bodyLimit: PARSER_LIMIT }, (_request, body, done) => {
    done(null, body);
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer', bodyLimit: FORM_LIMIT }, (_request, body, done) => {
    done(null, { length: body.length });
  });
}

async function startApp(): Promise<string> {
  const app = Fastify({ bodyLimit: SERVER_LIMIT, ...errorsServerOptions(options) });
  await app.register(errorsPlugin, options);
  addLimitedParsers(app);
  app.post('/echo', async (request) => {
    seenLimits.set(String(request.headers['content-type']), appliedBodyLimitOf(request));
    return { ok: true };
  });
  app.post('/route-limit', { bodyLimit: ROUTE_LIMIT }, async () => ({ ok: true }));
  app.post('/server-sized-route-limit', { bodyLimit: SERVER_LIMIT }, async () => ({ ok: true }));
  app.register(async (scope) => {
    scope.addContentTypeParser('application/x-scoped', { parseAs: 'string', bodyLimit: SCOPED_LIMIT }, (_request, body, done) => {
      done(null, body);
    });
    scope.post('/scoped', async () => ({ ok: true }));
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  afterAll(() => app.close());
  return url;
}

interface LimitCase {
  name: string;
  path: string;
  contentType: string;
  /** Whether the request declares its length. Without one, the body is sent chunked. */
  declaresLength: boolean;
  maxBytes: number;
}

const CASES: LimitCase[] = [
  { name: 'JSON parser', path: '/echo', contentType: 'application/json', declaresLength: true, maxBytes: SERVER_LIMIT },
  { name: 'parser with its own limit', path: '/echo', contentType: 'application/x-custom', declaresLength: true, maxBytes: PARSER_LIMIT },
  { name: 'parser limit, chunked body', path: '/echo', contentType: 'application/x-custom', declaresLength: false, maxBytes: PARSER_LIMIT },
  { name: 'parser limit, media type parameters', path: '/echo', contentType: 'application/x-custom; charset=utf-8', declaresLength: true, maxBytes: PARSER_LIMIT },
  { name: 'buffer parser with its own limit', path: '/echo', contentType: 'application/x-www-form-urlencoded', declaresLength: true, maxBytes: FORM_LIMIT },
  { name: 'route limit over a parser limit', path: '/route-limit', contentType: 'application/x-custom', declaresLength: true, maxBytes: ROUTE_LIMIT },
  { name: 'route limit over the JSON parser', path: '/route-limit', contentType: 'application/json', declaresLength: true, maxBytes: ROUTE_LIMIT },
  { name: "route limit equal to the server's", path: '/server-sized-route-limit', contentType: 'application/x-custom', declaresLength: true, maxBytes: SERVER_LIMIT },
  { name: 'parser of an encapsulated plugin', path: '/scoped', contentType: 'application/x-scoped', declaresLength: true, maxBytes: SCOPED_LIMIT },
];

/** Returns the body as a stream, so that fetch sends it chunked, without Content-Length. */
function chunked(text: string): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      controller.close();
    },
  });
}

describe('fastify 413 max_bytes', () => {
  const app = startApp();

  it.each(CASES)('$name reports $maxBytes', async ({ path, contentType, declaresLength, maxBytes }) => {
    const url = new URL(path, await app);
    const body = declaresLength ? LONG_BODY : chunked(LONG_BODY);
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body, duplex: 'half' } as RequestInit);
    const envelope = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(413);
    expect(envelope.code).toBe('payload_too_large');
    expect(envelope.max_bytes).toBe(maxBytes);
    expect(envelope.detail).toBe(`The request body exceeds the limit of ${maxBytes} bytes.`);
    expect(envelopeSchemaErrors(envelope)).toEqual([]);
    const line = logs.lines().find((candidate) => candidate.request_id === envelope.request_id);
    expect(line?.level).toBe(LEVEL.info);
  });

  // appliedBodyLimitOf reads the parser's limit from a route context that Fastify does not export.
  // This fails first when a Fastify upgrade moves it, and then every 413 reports the route's or
  // server's limit again.
  it("reads parser limits from this Fastify's route context", async () => {
    const url = await app;

    for (const [contentType, limit] of [['application/x-custom', PARSER_LIMIT], ['application/json', SERVER_LIMIT]] as const) {
      const response = await send(url, 'POST', '/echo', { headers: { 'content-type': contentType }, body: '{}' });

      expect(response.status).toBe(200);
      expect(seenLimits.get(contentType)).toBe(limit);
    }
  });
});
