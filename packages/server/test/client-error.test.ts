/**
 * Requests that Node's HTTP parser rejects before any framework receives them. On every adapter the
 * `clientError` listener sends a complete HTTP response with an envelope whose request id is also
 * in `X-Request-Id`, and closes the connection.
 */
import { maxHeaderSize, STATUS_CODES } from 'node:http';
import { agnesRegistry, type ErrorCode } from '@agnes/errors';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAgnesRenderer } from '../src/index.ts';
import { APP_KINDS, startApp, type RunningApp } from './apps/index.ts';
import { exchangeRaw, sendRaw } from './support/http.ts';
import { captureLogs, LEVEL } from './support/logs.ts';
import { envelopeSchemaErrors } from './support/schema.ts';

interface RejectedCase {
  name: string;
  request: string;
  code: ErrorCode;
  detail: string;
}

const CASES: RejectedCase[] = [
  {
    name: 'headers above the limit',
    request: `GET /items/1 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ${'a'.repeat(maxHeaderSize + 1)}\r\n\r\n`,
    code: 'headers_too_large',
    detail: 'The request line and headers are larger than the server accepts.',
  },
  {
    name: 'chunk extensions above the limit',
    request: `POST /items HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2;x=${'a'.repeat(20_000)}\r\n{}\r\n0\r\n\r\n`,
    code: 'bad_request',
    detail: 'The request could not be parsed: the chunk extensions are too large.',
  },
  {
    name: 'invalid chunk size',
    request: 'POST /items HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
    code: 'bad_request',
    detail: 'The request could not be parsed: the request is not valid HTTP.',
  },
];

describe.each(APP_KINDS)('%s adapter with requests that Node rejects', (kind) => {
  let app: RunningApp;
  const logs = captureLogs();

  beforeAll(async () => {
    app = await startApp(kind, { renderer: createAgnesRenderer(), logger: logs.logger, valueFor: () => undefined });
  });
  afterAll(() => app.close());

  it.each(CASES)('$name gets an envelope', async ({ request, code, detail }) => {
    const response = await sendRaw(app.port, request);
    const body = JSON.parse(response.body) as Record<string, unknown>;
    const status = agnesRegistry.entries[code].status;

    expect(response.head.split('\r\n')[0]).toBe(`HTTP/1.1 ${status} ${STATUS_CODES[status]}`);
    expect(response.status).toBe(status);
    expect(response.headers.get('connection')).toBe('close');
    expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(response.body));
    expect(body.code).toBe(code);
    expect(body.detail).toBe(detail);
    expect(envelopeSchemaErrors(body)).toEqual([]);
    expect(response.headers.get('x-request-id')).toBe(body.request_id);
  });

  it('logs a bad chunk mid-body once', async () => {
    const request = 'POST /items HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
      'X-Request-Id: client-id-1\r\nTransfer-Encoding: chunked\r\n\r\nc\r\n{"name":"ab"\r\nzz\r\n';
    const earlierLines = logs.lines().length;
    const response = await sendRaw(app.port, request);
    const body = JSON.parse(response.body) as Record<string, unknown>;
    const linesOfItems = () => logs.lines().slice(earlierLines).filter((entry) => entry.path === '/items');
    await vi.waitFor(() => expect(linesOfItems().length).toBeGreaterThan(0), { timeout: 3000, interval: 10 });
    // The framework gets the body's error after the listener has responded; give its line time to appear.
    await delay(300);

    expect(response.status).toBe(400);
    expect(linesOfItems()).toHaveLength(1);
    expect(linesOfItems()[0]?.request_id).toBe(body.request_id);
    expect(body.request_id).toBe('client-id-1');
    expect(response.headers.get('x-request-id')).toBe('client-id-1');
  });

  it('logs the sent id on a late bad chunk', async () => {
    const earlierLines = logs.lines().length;
    // The bad chunk goes out only once the 404 has arrived.
    const request = 'POST /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n';
    const received = await exchangeRaw(app.port, request, { afterFirstData: 'zz\r\n' });
    const sentId = /\r\nx-request-id: ([^\r]+)\r\n/i.exec(received)?.[1];
    const closedLine = await vi.waitFor(() => {
      const line = logs.lines().slice(earlierLines).find((entry) => entry.msg.includes('after its response started'));
      if (line === undefined) throw new Error('No line about the closed connection yet');
      return line;
    }, { timeout: 3000, interval: 10 });

    expect(received.startsWith('HTTP/1.1 404 ')).toBe(true);
    expect(sentId).toBeDefined();
    expect(closedLine.request_id).toBe(sentId);
    expect(closedLine).toMatchObject({ level: LEVEL.info, method: 'POST', path: '/nowhere' });
  });
});
