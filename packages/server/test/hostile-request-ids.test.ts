/**
 * Request ids that clients control, sent as raw bytes because fetch refuses most of them. An invalid
 * id is replaced by a fresh one; nothing of it reaches a response header or body.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgnesRenderer, isValidRequestId } from '../src/index.ts';
import { APP_KINDS, startApp, type RunningApp } from './apps/index.ts';
import { sendRaw, type RawResponse } from './support/http.ts';
import { captureLogs } from './support/logs.ts';
import { envelopeSchemaErrors } from './support/schema.ts';

interface HostileCase {
  name: string;
  /** The bytes of the header line's value, sent as they are. */
  value: Buffer;
}

const HOSTILE: HostileCase[] = [
  { name: 'encoded CRLF', value: Buffer.from('abc%0D%0ASet-Cookie:%20x=1') },
  { name: '10 KB', value: Buffer.from('a'.repeat(10 * 1024)) },
  { name: 'non-ASCII UTF-8', value: Buffer.from('réquest-ü-✓', 'utf8') },
  { name: 'Latin-1 bytes', value: Buffer.from([0x61, 0xe9, 0xff]) },
  { name: 'quotes and spaces', value: Buffer.from('"a b"') },
];

/** Ids with a bare CR or LF, which Node's HTTP parser may reject before the framework receives the request. */
const SPLITTING: HostileCase[] = [
  { name: 'bare CR', value: Buffer.from('abc\rSet-Cookie: x=1') },
  { name: 'bare LF', value: Buffer.from('abc\nSet-Cookie: x=1') },
];

function rawRequest(value: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from('GET /nope HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-Request-Id: '),
    value,
    Buffer.from('\r\n\r\n'),
  ]);
}

function expectEnvelope(response: RawResponse): Record<string, unknown> {
  const body = JSON.parse(response.body) as Record<string, unknown>;
  expect(envelopeSchemaErrors(body)).toEqual([]);
  expect(response.headers.get('x-request-id')).toBe(body.request_id);
  return body;
}

describe.each(APP_KINDS)('%s adapter with hostile request ids', (kind) => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp(kind, { renderer: createAgnesRenderer(), logger: captureLogs().logger, valueFor: () => undefined });
  });
  afterAll(() => app.close());

  it('keeps a valid id', async () => {
    const response = await sendRaw(app.port, rawRequest(Buffer.from('req-valid_1')));

    expect(response.status).toBe(404);
    expect(expectEnvelope(response).request_id).toBe('req-valid_1');
  });

  it.each(HOSTILE)('replaces $name with a fresh id', async ({ value }) => {
    const response = await sendRaw(app.port, rawRequest(value));
    const body = expectEnvelope(response);

    expect(response.status).toBe(404);
    expect(body.code).toBe('route_not_found');
    expect(isValidRequestId(body.request_id)).toBe(true);
    expect(body.request_id).not.toBe(value.toString('latin1'));
    expect(response.head.length).toBeLessThan(1024);
  });

  it.each(SPLITTING)('never lets $name split a header', async ({ value }) => {
    const response = await sendRaw(app.port, rawRequest(value));
    const body = expectEnvelope(response);

    expect([400, 404]).toContain(response.status);
    expect(response.headers.has('set-cookie')).toBe(false);
    expect(String(body.request_id)).not.toContain('Set-Cookie');
  });
});
