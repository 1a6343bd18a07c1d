/**
 * Request bodies with a content coding or charset over real HTTP, sent as raw bytes so that each
 * header arrives as written. Express decodes gzip, deflate, br and zstd through
 * body-parser, while Fastify and Hono decode no coding. Every body that an adapter cannot decode gets a
 * 400 `bad_request` that names the coding or charset, logged at info level without the body's bytes.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as zlib from 'node:zlib';
import { agnesRegistry, type ErrorCode } from '@agnes/errors';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgnesRenderer } from '../src/index.ts';
import { errorHandler, requestId } from '../src/express/index.ts';
import { decompressionFailedReason, hasContentCoding, unsupportedCharsetReason, unsupportedCodingReason } from '../src/body-encoding.ts';
import { APP_KINDS, startApp, type AppKind, type RunningApp } from './apps/index.ts';
import { sendRaw } from './support/http.ts';
import { captureLogs, LEVEL } from './support/logs.ts';
import { envelopeSchemaErrors } from './support/schema.ts';

/** Text in every failing body, which no response or log line may repeat. */
const MARKER = 'secret-body';
const ITEM = '{"name":"a"}';
const MALFORMED = `{"name":"${MARKER}`;
const CORRUPT = `not compressed ${MARKER}`;
const HAS_ZSTD = 'createZstdDecompress' in zlib;
const EXPRESS_CODINGS = HAS_ZSTD ? 'gzip, deflate, br or zstd' : 'gzip, deflate or br';

/** Expected response of one adapter: the route's 201 echo of the body, or an envelope. */
type Outcome = { status: 201 } | { status: 400 | 422; code: ErrorCode; detail: string };

const CREATED: Outcome = { status: 201 };

function badRequest(reason: string): Outcome {
  return { status: 400, code: 'bad_request', detail: `The request could not be parsed: ${reason}.` };
}

function malformedJson(reason: string): Outcome {
  return { status: 400, code: 'malformed_json', detail: `The request body is not valid JSON: ${reason}.` };
}

const notDecoded = (coding: string) => badRequest(`the content coding "${coding}" is not supported. Send the body without Content-Encoding`);
const notDecompressed = (coding: string) => badRequest(`the body could not be decompressed with the content coding "${coding}"`);
const VALIDATION_FAILED: Outcome = { status: 422, code: 'validation_failed', detail: agnesRegistry.entries.validation_failed.detail };

interface EncodingCase {
  name: string;
  contentType?: string;
  contentEncoding?: string;
  body: Buffer | string;
  want: Record<AppKind, Outcome>;
}

/** Returns one outcome for Fastify and Hono, which decode no coding, and another for Express. */
function undecodedOr(express: Outcome, fastifyAndHono: Outcome): Record<AppKind, Outcome> {
  return { express, fastify: fastifyAndHono, hono: fastifyAndHono };
}

const gzipped = zlib.gzipSync(ITEM);
const CASES: EncodingCase[] = [
  { name: 'valid gzip', contentEncoding: 'gzip', body: gzipped, want: undecodedOr(CREATED, notDecoded('gzip')) },
  { name: 'valid gzip named in capitals', contentEncoding: 'GZIP', body: gzipped, want: undecodedOr(CREATED, notDecoded('gzip')) },
  { name: 'corrupt gzip', contentEncoding: 'gzip', body: CORRUPT, want: undecodedOr(notDecompressed('gzip'), notDecoded('gzip')) },
  {
    name: 'cut gzip',
    contentEncoding: 'gzip',
    body: zlib.gzipSync(`{"name":"a","note":"${MARKER}"}`).subarray(0, 20),
    want: undecodedOr(notDecompressed('gzip'), notDecoded('gzip')),
  },
  { name: 'corrupt deflate', contentEncoding: 'deflate', body: CORRUPT, want: undecodedOr(notDecompressed('deflate'), notDecoded('deflate')) },
  { name: 'corrupt br', contentEncoding: 'br', body: CORRUPT, want: undecodedOr(notDecompressed('br'), notDecoded('br')) },
  ...(HAS_ZSTD
    ? [{ name: 'corrupt zstd', contentEncoding: 'zstd', body: CORRUPT, want: undecodedOr(notDecompressed('zstd'), notDecoded('zstd')) }]
    : []),
  {
    name: 'unknown coding on valid JSON',
    contentEncoding: 'x-custom',
    body: ITEM,
    want: undecodedOr(
      badRequest(`the content coding "x-custom" is not supported. Send the body compressed with ${EXPRESS_CODINGS}, or without Content-Encoding`),
      CREATED,
    ),
  },
  {
    name: 'unknown coding on malformed JSON',
    contentEncoding: 'x-custom',
    body: MALFORMED,
    want: undecodedOr(
      badRequest(`the content coding "x-custom" is not supported. Send the body compressed with ${EXPRESS_CODINGS}, or without Content-Encoding`),
      notDecoded('x-custom'),
    ),
  },
  {
    name: 'coding too long to echo',
    contentEncoding: 'x-custom'.repeat(10),
    body: MALFORMED,
    want: undecodedOr(
      badRequest(`the content coding of the body is not supported. Send the body compressed with ${EXPRESS_CODINGS}, or without Content-Encoding`),
      badRequest('the content coding of the body is not supported. Send the body without Content-Encoding'),
    ),
  },
  {
    name: 'coding with a quote',
    contentEncoding: 'x"y',
    body: MALFORMED,
    want: undecodedOr(
      badRequest(`the content coding of the body is not supported. Send the body compressed with ${EXPRESS_CODINGS}, or without Content-Encoding`),
      badRequest('the content coding of the body is not supported. Send the body without Content-Encoding'),
    ),
  },
  { name: 'identity in mixed case with spaces', contentEncoding: '  IdEntity ', body: ITEM, want: undecodedOr(CREATED, CREATED) },
  {
    name: 'identity on malformed JSON',
    contentEncoding: 'identity',
    body: MALFORMED,
    want: { express: malformedJson('unexpected token at position 20'), fastify: malformedJson('it could not be parsed'), hono: malformedJson('unexpected token at position 20') },
  },
  {
    name: 'unknown charset',
    contentType: 'application/json; charset=latin-9',
    body: ITEM,
    want: undecodedOr(badRequest('the charset "latin-9" is not supported. Send the body in UTF-8'), CREATED),
  },
  {
    name: 'charset that is no token',
    contentType: 'application/json; charset="<x>"',
    body: ITEM,
    want: undecodedOr(badRequest('the charset of the body is not supported. Send the body in UTF-8'), CREATED),
  },
  // express.json() is strict by default: it rejects a top-level value other than an object or array.
  {
    name: 'JSON string body',
    body: '"abc"',
    want: { express: malformedJson('it could not be parsed'), fastify: VALIDATION_FAILED, hono: VALIDATION_FAILED },
  },
];

/** Writes one `POST /items` with exact headers and body bytes. */
function postItem(port: number, testCase: EncodingCase) {
  const body = Buffer.from(testCase.body);
  const lines = [
    'POST /items HTTP/1.1',
    'Host: 127.0.0.1',
    `Content-Type: ${testCase.contentType ?? 'application/json'}`,
    ...(testCase.contentEncoding === undefined ? [] : [`Content-Encoding: ${testCase.contentEncoding}`]),
    `Content-Length: ${body.length}`,
    'Connection: close',
  ];
  return sendRaw(port, Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]));
}

describe.each(APP_KINDS)('%s adapter with encoded bodies', (kind) => {
  let app: RunningApp;
  const logs = captureLogs();

  beforeAll(async () => {
    const gunzipFailure = () => {
      try {
        return zlib.gunzipSync(Buffer.from('stored data that is not gzip'));
      } catch (error) {
        return error;
      }
    };
    app = await startApp(kind, { renderer: createAgnesRenderer(), logger: logs.logger, valueFor: gunzipFailure });
  });
  afterAll(() => app.close());

  it.each(CASES)('$name', async (testCase) => {
    const want = testCase.want[kind];
    const response = await postItem(app.port, testCase);
    const body = JSON.parse(response.body) as Record<string, unknown>;

    expect(response.status).toBe(want.status);
    if (want.status === 201) {
      expect(body).toEqual({ name: 'a' });
      return;
    }
    expect(body.code).toBe(want.code);
    if (want.code === 'validation_failed') expect(body.detail).toContain('invalid fields');
    else expect(body.detail).toBe(want.detail);
    expect(envelopeSchemaErrors(body)).toEqual([]);
    expect(response.headers.get('x-request-id')).toBe(body.request_id);
    expect(response.body).not.toContain(MARKER);

    const lines = logs.lines().filter((line) => line.request_id === body.request_id);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.level).toBe(LEVEL.info);
    expect(lines[0]?.code).toBe(want.code);
    expect(JSON.stringify(lines[0])).not.toContain(MARKER);
  });

  it('masks a zlib error that a handler throws', async () => {
    const response = await fetch(`${app.url}/throw`);
    const body = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(500);
    expect(body.code).toBe('internal_error');
    const line = logs.lines().find((entry) => entry.request_id === body.request_id);
    expect(line?.level).toBe(LEVEL.error);
  });
});

describe('express.json with inflate false', () => {
  let url: string;
  let server: Server;
  const logs = captureLogs();

  beforeAll(async () => {
    const options = { logger: logs.logger };
    const app = express();
    app.use(requestId(options));
    app.post('/items', express.json({ inflate: false }), (request, response) => {
      response.status(201).json(request.body);
    });
    app.use(errorHandler(options));
    server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));

  it.each(['gzip', 'x-custom'])('rejects %s without offering codings', async (coding) => {
    const body = new Uint8Array(zlib.gzipSync(ITEM));
    const headers = { 'content-type': 'application/json', 'content-encoding': coding };
    const response = await fetch(`${url}/items`, { method: 'POST', headers, body });
    const parsed = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(400);
    expect(parsed.code).toBe('bad_request');
    const reason = `the content coding "${coding}" is not supported. Send the body without Content-Encoding`;
    expect(parsed.detail).toBe(`The request could not be parsed: ${reason}.`);
    expect(envelopeSchemaErrors(parsed)).toEqual([]);
  });
});

describe('body-encoding reasons', () => {
  it.each([
    { header: undefined, want: false },
    { header: null, want: false },
    { header: '', want: false },
    { header: 'identity', want: false },
    { header: ' Identity ', want: false },
    { header: 'identity, IDENTITY', want: false },
    { header: 'gzip', want: true },
    { header: 'identity, gzip', want: true },
    { header: ['identity', 'br'], want: true },
  ])('hasContentCoding($header) is $want', ({ header, want }) => {
    expect(hasContentCoding(header)).toBe(want);
  });

  it.each([
    { header: 'gzip, br', decoded: [], want: 'the content coding "gzip, br" is not supported. Send the body without Content-Encoding' },
    { header: 'X-Custom', decoded: ['gzip'], want: 'the content coding "x-custom" is not supported. Send the body compressed with gzip, or without Content-Encoding' },
    { header: 'a b', decoded: ['gzip', 'br'], want: 'the content coding of the body is not supported. Send the body compressed with gzip or br, or without Content-Encoding' },
  ])('unsupportedCodingReason($header)', ({ header, decoded, want }) => {
    expect(unsupportedCodingReason(header, decoded)).toBe(want);
  });

  it('names no coding that is not a token', () => {
    expect(decompressionFailedReason('gzip\u0000')).toBe('the body could not be decompressed');
    expect(decompressionFailedReason(undefined)).toBe('the body could not be decompressed');
    expect(unsupportedCharsetReason(42)).toBe('the charset of the body is not supported. Send the body in UTF-8');
    expect(unsupportedCharsetReason('x'.repeat(65))).toBe('the charset of the body is not supported. Send the body in UTF-8');
  });
});
