/**
 * A request body without a `Content-Type` header on every adapter: 415 with a detail that names the
 * missing header and the media types to send.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgnesRenderer } from '../src/index.ts';
import { missingContentTypeDetail } from '../src/request-facts.ts';
import { APP_KINDS, startApp, type RunningApp } from './apps/index.ts';
import { captureLogs } from './support/logs.ts';
import { envelopeSchemaErrors } from './support/schema.ts';

describe('missingContentTypeDetail', () => {
  it.each<{ types: string[]; want: string }>([
    { types: ['application/json'], want: 'The request has a body but no Content-Type header. Send Content-Type: application/json.' },
    {
      types: ['application/json', 'text/csv'],
      want: 'The request has a body but no Content-Type header. Send Content-Type with one of application/json, text/csv.',
    },
    { types: [], want: 'The request has a body but no Content-Type header. Send a Content-Type header that names the media type of the body.' },
  ])('$types', ({ types, want }) => {
    expect(missingContentTypeDetail(types)).toBe(want);
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
});
