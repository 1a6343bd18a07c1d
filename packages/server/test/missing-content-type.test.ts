/**
 * A request body without a media type on every adapter: 415 with a detail that states that the
 * `Content-Type` header is missing or empty and names the media types to send. A request without
 * a body passes the media type check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgnesRenderer } from '../src/index.ts';
import { hasRequestBody, missingContentTypeDetail } from '../src/request-facts.ts';
import { APP_KINDS, startApp, type RunningApp } from './apps/index.ts';
import { sendRaw } from './support/http.ts';
import { captureLogs } from './support/logs.ts';
import { envelopeSchemaErrors } from './support/schema.ts';

describe('missingContentTypeDetail', () => {
  const missing = 'The request has a body but its Content-Type header is missing or empty.';

  it.each<{ types: string[]; want: string }>([
    { types: ['application/json'], want: `${missing} Send Content-Type: application/json.` },
    { types: ['application/json', 'text/csv'], want: `${missing} Send Content-Type with one of application/json, text/csv.` },
    { types: [], want: `${missing} Send a Content-Type header that names the media type of the body.` },
  ])('$types', ({ types, want }) => {
    expect(missingContentTypeDetail(types)).toBe(want);
  });
});

describe('hasRequestBody', () => {
  it.each<{ contentLength: string | null; transferEncoding: string | null; want: boolean }>([
    { contentLength: null, transferEncoding: null, want: false },
    { contentLength: '0', transferEncoding: null, want: false },
    { contentLength: '12', transferEncoding: null, want: true },
    { contentLength: null, transferEncoding: 'chunked', want: true },
    { contentLength: 'abc', transferEncoding: null, want: false },
  ])('Content-Length $contentLength, Transfer-Encoding $transferEncoding', ({ contentLength, transferEncoding, want }) => {
    expect(hasRequestBody(contentLength, transferEncoding)).toBe(want);
  });
});

describe('renderer failure for a missing Content-Type', () => {
  const renderer = createAgnesRenderer();

  it('fills the missing-header detail', () => {
    const error = renderer.failure('unsupportedMediaType', { supported_media_types: ['application/json'], content_type: 'none' });

    expect(error.detail).toBe(missingContentTypeDetail(['application/json']));
  });

  it('keeps a detail the caller passed', () => {
    const error = renderer.failure('unsupportedMediaType', { supported_media_types: ['application/json'], content_type: 'none' }, { detail: 'Own detail.' });

    expect(error.detail).toBe('Own detail.');
  });

  it('keeps the template for a named type', () => {
    const error = renderer.failure('unsupportedMediaType', { supported_media_types: ['application/json'], content_type: 'text/csv' });

    expect(error.detail).toBe('Content type text/csv is not supported by this endpoint.');
  });
});

describe.each(APP_KINDS)('%s adapter without Content-Type', (kind) => {
  let app: RunningApp;
  const logs = captureLogs();

  beforeAll(async () => {
    app = await startApp(kind, { renderer: createAgnesRenderer(), logger: logs.logger, valueFor: () => undefined });
  });
  afterAll(() => app.close());

  it('sends 415 naming the missing header', async () => {
    // `fetch` adds no Content-Type for a body of bytes, unlike for a string body.
    const response = await fetch(new URL('/items', app.url), { method: 'POST', body: new TextEncoder().encode('{"name":"a"}') });
    const body = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(415);
    expect(body.code).toBe('unsupported_media_type');
    // Fastify's test app also keeps Fastify's built-in text/plain parser, so it lists two types.
    expect(body.supported_media_types).toContain('application/json');
    expect(body.detail).toBe(missingContentTypeDetail(body.supported_media_types as string[]));
    expect(body.detail).toContain('application/json');
    expect(envelopeSchemaErrors(body)).toEqual([]);
  });

  // Each request sets its own framing headers, because fetch adds Content-Length or Content-Type itself.
  it.each([
    { name: 'an empty Content-Type header', headers: 'Content-Type: \r\nContent-Length: 12\r\n', body: '{"name":"a"}' },
    { name: 'a chunked body', headers: 'Transfer-Encoding: chunked\r\n', body: 'c\r\n{"name":"a"}\r\n0\r\n\r\n' },
  ])('sends 415 for $name', async ({ headers, body }) => {
    const response = await sendRaw(app.port, `POST /items HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${headers}\r\n${body}`);
    const envelope = JSON.parse(response.body) as Record<string, unknown>;

    expect(response.status).toBe(415);
    expect(envelope.detail).toBe(missingContentTypeDetail(envelope.supported_media_types as string[]));
    expect(envelopeSchemaErrors(envelope)).toEqual([]);
  });

  it('passes a POST with Content-Length 0', async () => {
    const response = await sendRaw(app.port, 'POST /items HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    const envelope = JSON.parse(response.body) as Record<string, unknown>;

    // The route's body check rejects the missing body instead.
    expect(response.status).not.toBe(415);
    expect(envelope.code).not.toBe('unsupported_media_type');
    expect(envelopeSchemaErrors(envelope)).toEqual([]);
  });
});
