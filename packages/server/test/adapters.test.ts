/**
 * Every adapter over real HTTP: each failure the framework detects and each thrown value is sent as
 * a schema-valid envelope with the registry's status and the request id in body and header.
 */
import { agnesRegistry, type ErrorCode } from '@agnes/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgnesError, createAgnesRenderer } from '../src/index.ts';
import { APP_KINDS, BODY_LIMIT, startApp, type RunningApp } from './apps/index.ts';
import { send, sendRaw } from './support/http.ts';
import { captureLogs } from './support/logs.ts';
import { envelopeSchemaErrors } from './support/schema.ts';

/** Values that `GET /throw` throws, by `x-case`. */
const THROWN: Record<string, () => unknown> = {
  forbidden: () => new AgnesError('forbidden', { scope: 'policy:delete', credential_tenant_id: 'globex' }),
  rate_limited: () => new AgnesError('rate_limited', { retry_after: 30 }),
  unauthenticated: () => new AgnesError('unauthenticated', {}, { headers: { 'WWW-Authenticate': 'Bearer realm="agnes"' } }),
  resource_not_found: () => new AgnesError('resource_not_found', { resource: 'policy', id: 'pol_9' }),
  plain_error: () => new Error('boom'),
};

interface Scenario {
  name: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  code: ErrorCode;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

const SCENARIOS: Scenario[] = [
  { name: 'unknown route', method: 'GET', path: '/nope', code: 'route_not_found' },
  { name: 'wrong method', method: 'PUT', path: '/items/1', code: 'method_not_allowed' },
  { name: 'bad percent-encoding', method: 'GET', path: '/%85', code: 'bad_request' },
  { name: 'malformed JSON', method: 'POST', path: '/items', headers: JSON_HEADERS, body: '{"name":', code: 'malformed_json' },
  { name: 'empty JSON body', method: 'POST', path: '/items', headers: JSON_HEADERS, body: '', code: 'malformed_json' },
  { name: 'body too large', method: 'POST', path: '/items', headers: JSON_HEADERS, body: JSON.stringify({ name: 'x'.repeat(BODY_LIMIT * 2) }), code: 'payload_too_large' },
  { name: 'unsupported media type', method: 'POST', path: '/items', headers: { 'content-type': 'text/csv' }, body: 'a,b', code: 'unsupported_media_type' },
  { name: 'schema validation', method: 'POST', path: '/items', headers: JSON_HEADERS, body: '{"name":"far too long","count":"x"}', code: 'validation_failed' },
  { name: 'thrown contract error', method: 'GET', path: '/throw', headers: { 'x-case': 'forbidden' }, code: 'forbidden' },
  { name: 'thrown rate limit', method: 'GET', path: '/throw', headers: { 'x-case': 'rate_limited' }, code: 'rate_limited' },
  { name: 'thrown 401 with header', method: 'GET', path: '/throw', headers: { 'x-case': 'unauthenticated' }, code: 'unauthenticated' },
  { name: 'thrown 404 with params', method: 'GET', path: '/throw', headers: { 'x-case': 'resource_not_found' }, code: 'resource_not_found' },
  { name: 'thrown plain error', method: 'GET', path: '/throw', headers: { 'x-case': 'plain_error' }, code: 'internal_error' },
];

describe.each(APP_KINDS)('%s adapter', (kind) => {
  let app: RunningApp;
  const logs = captureLogs();

  beforeAll(async () => {
    const renderer = createAgnesRenderer();
    app = await startApp(kind, { renderer, logger: logs.logger, valueFor: (testCase) => THROWN[testCase]?.() });
  });
  afterAll(() => app.close());

  it.each(SCENARIOS)('$name is sent as $code', async (scenario) => {
    const response = await send(app.url, scenario.method, scenario.path, scenario);

    expect(response.body.code).toBe(scenario.code);
    expect(response.status).toBe(agnesRegistry.entries[scenario.code].status);
    expect(envelopeSchemaErrors(response.body)).toEqual([]);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('x-request-id')).toBe(response.body.request_id);
    expect(response.body.doc_url).toBe(`https://docs.lasscyber.com/errors/${scenario.code}`);
  });

  it('wrong method lists the allowed methods', async () => {
    const response = await send(app.url, 'PUT', '/items/1');

    expect(response.body.allowed_methods).toEqual(expect.arrayContaining(['GET', 'HEAD']));
    expect(response.headers.get('allow')).toBe((response.body.allowed_methods as string[]).join(', '));
  });

  it('body too large states the limit', async () => {
    const response = await send(app.url, 'POST', '/items', { headers: JSON_HEADERS, body: JSON.stringify({ name: 'x'.repeat(BODY_LIMIT * 2) }) });

    expect(response.body.max_bytes).toBe(BODY_LIMIT);
  });

  it('unsupported media type names the type', async () => {
    const response = await send(app.url, 'POST', '/items', { headers: { 'content-type': 'text/csv' }, body: 'a,b' });

    expect(response.body.detail).toBe('Content type text/csv is not supported by this endpoint.');
    expect(response.body.supported_media_types).toContain('application/json');
  });

  it('schema validation lists one item per field', async () => {
    const response = await send(app.url, 'POST', '/items', { headers: JSON_HEADERS, body: '{"count":"x","name":"far too long"}' });

    expect(response.body.errors).toEqual([
      expect.objectContaining({ pointer: '/name', code: 'too_long' }),
      expect.objectContaining({ pointer: '/count', code: 'invalid_type' }),
    ]);
  });

  it('missing field points at the field', async () => {
    const response = await send(app.url, 'POST', '/items', { headers: JSON_HEADERS, body: '{}' });

    expect(response.body.errors).toEqual([{ pointer: '/name', code: 'required', detail: 'name is required.' }]);
  });

  it('rate limit sets Retry-After', async () => {
    const response = await send(app.url, 'GET', '/throw', { headers: { 'x-case': 'rate_limited' } });

    expect(response.headers.get('retry-after')).toBe('30');
    expect(response.body.retry_after).toBe(30);
  });

  it('extra headers of the error are sent', async () => {
    const response = await send(app.url, 'GET', '/throw', { headers: { 'x-case': 'unauthenticated' } });

    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="agnes"');
  });

  it('internal params stay out of the body', async () => {
    const response = await send(app.url, 'GET', '/throw', { headers: { 'x-case': 'forbidden' } });

    expect(response.body).toEqual({
      detail: 'Permission denied: missing scope policy:delete.',
      code: 'forbidden',
      request_id: response.body.request_id,
      doc_url: 'https://docs.lasscyber.com/errors/forbidden',
    });
  });

  it('problem+json request gets the RFC 9457 form', async () => {
    const response = await send(app.url, 'GET', '/nope/%C3%A9?token=secret', { headers: { accept: 'application/problem+json' } });

    expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(envelopeSchemaErrors(response.body)).toEqual([]);
    expect(response.body).toMatchObject({
      code: 'route_not_found',
      type: 'https://docs.lasscyber.com/errors/route_not_found',
      title: agnesRegistry.entries.route_not_found.title,
      status: 404,
      instance: '/nope/%C3%A9',
    });
  });

  it('long path is cut and marked', async () => {
    const path = `/${'a'.repeat(400)}`;
    const response = await send(app.url, 'GET', path, { headers: { accept: 'application/problem+json' } });

    expect(response.status).toBe(404);
    expect(envelopeSchemaErrors(response.body)).toEqual([]);
    expect(response.body.detail).toBe(`No route matches GET ${path.slice(0, 256)}\u2026.`);
    expect(response.body).not.toHaveProperty('instance');
  });

  // @hono/node-server rejects `OPTIONS *` with its own 400 before Hono gets the request (docs/hono.md).
  it.runIf(kind !== 'hono')('OPTIONS * is echoed as *', async () => {
    const response = await sendRaw(app.port, 'OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/problem+json\r\nConnection: close\r\n\r\n');
    const body = JSON.parse(response.body) as Record<string, unknown>;

    expect(response.status).toBe(404);
    expect(envelopeSchemaErrors(body)).toEqual([]);
    expect(body.detail).toBe('No route matches OPTIONS *.');
    expect(body.instance).toBe('*');
  });

  it('valid inbound request id is kept', async () => {
    const response = await send(app.url, 'GET', '/nope', { headers: { 'x-request-id': 'req_client-42.a:b' } });

    expect(response.body.request_id).toBe('req_client-42.a:b');
    expect(response.headers.get('x-request-id')).toBe('req_client-42.a:b');
  });

  it('success response carries the request id', async () => {
    const response = await send(app.url, 'GET', '/items/7', { headers: { 'x-request-id': 'req_ok' } });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ id: '7' });
    expect(response.headers.get('x-request-id')).toBe('req_ok');
  });
});
