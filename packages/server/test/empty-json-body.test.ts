/**
 * JSON requests with a body of zero bytes, sent as raw bytes with explicit framing headers. Every
 * adapter rejects them with the same status and code, whether the body is declared by
 * `Content-Length: 0` or sent chunked, and a chunked body that is not empty still reaches the route
 * whole.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgnesRenderer } from '../src/index.ts';
import { APP_KINDS, startApp, type RunningApp } from './apps/index.ts';
import { sendRaw } from './support/http.ts';
import { captureLogs } from './support/logs.ts';
import { envelopeSchemaErrors } from './support/schema.ts';

const CONTENT_LENGTH_HEAD =
  'POST /items HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 0\r\nConnection: close\r\n\r\n';
const CHUNKED_HEAD =
  'POST /items HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n';
/** The last chunk of a chunked body: a chunk of size 0 and the empty trailer. */
const LAST_CHUNK = '0\r\n\r\n';

interface EmptyBodyCase {
  name: string;
  /** Parts of the request, written with a pause between them. */
  parts: string[];
  status: number;
  code?: string;
  body?: unknown;
}

const CASES: EmptyBodyCase[] = [
  { name: 'Content-Length: 0', parts: [CONTENT_LENGTH_HEAD], status: 400, code: 'malformed_json' },
  { name: 'chunked with zero bytes', parts: [CHUNKED_HEAD + LAST_CHUNK], status: 400, code: 'malformed_json' },
  { name: 'chunked with zero bytes sent late', parts: [CHUNKED_HEAD, LAST_CHUNK], status: 400, code: 'malformed_json' },
  { name: 'chunked with a body', parts: [`${CHUNKED_HEAD}c\r\n{"name":"a"}\r\n${LAST_CHUNK}`], status: 201, body: { name: 'a' } },
  {
    name: 'chunked with a body sent late',
    parts: [CHUNKED_HEAD, '5\r\n{"nam\r\n', `7\r\ne":"a"}\r\n${LAST_CHUNK}`],
    status: 201,
    body: { name: 'a' },
  },
];

describe.each(APP_KINDS)('%s adapter with an empty JSON body', (kind) => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp(kind, { renderer: createAgnesRenderer(), logger: captureLogs().logger, valueFor: () => undefined });
  });
  afterAll(() => app.close());

  it.each(CASES)('$name gets $status', async ({ name, parts, status, code, body }) => {
    const response = await sendRaw(app.port, parts);
    const parsed = JSON.parse(response.body) as Record<string, unknown>;

    expect(response.status).toBe(status);
    if (code === undefined) {
      expect(parsed).toEqual(body);
      return;
    }
    expect(parsed.code).toBe(code);
    if (name === 'Content-Length: 0') expect(parsed.detail).toContain('the body is empty');
    expect(envelopeSchemaErrors(parsed)).toEqual([]);
    expect(response.headers.get('x-request-id')).toBe(parsed.request_id);
  });
});
