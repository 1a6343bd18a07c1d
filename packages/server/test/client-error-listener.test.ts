/**
 * The `clientError` listener on a plain Node HTTP server, for cases that the adapters' tests cannot
 * reach. These are a request that times out, with and without a code for it, a slow body whose
 * client asks for the problem form, a malformed request pipelined behind a response in flight, a
 * malformed body whose response has already started or been sent, and a client that half-closes
 * the connection in the middle of a request.
 */
import { createServer, type RequestListener, type Server, type ServerOptions } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgnesRenderer, createClientErrorListener } from '../src/index.ts';
import { exchangeRaw } from './support/http.ts';
import { captureLogs, LEVEL, type CapturedLogs } from './support/logs.ts';

let server: Server | undefined;
let logs: CapturedLogs;

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function listen(options: ServerOptions, handler: RequestListener, renderer = createAgnesRenderer()): Promise<number> {
  server = createServer(options, handler);
  logs = captureLogs();
  server.on('clientError', createClientErrorListener({ renderer, logger: logs.logger }));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('clientError listener', () => {
  it.each([
    {
      name: 'the Agnes codes',
      renderer: createAgnesRenderer(),
      head: 'HTTP/1.1 408 Request Timeout\r\n',
      body: { code: 'request_timeout', detail: 'The server did not receive the whole request in time.' },
    },
    {
      name: 'codes without one for timeouts',
      renderer: createAgnesRenderer({ codes: { requestTimeout: undefined } }),
      head: 'HTTP/1.1 400 Bad Request\r\n',
      body: { code: 'bad_request', detail: 'The request could not be parsed: the request was not received in time.' },
    },
  ])('answers a request timeout with $name', async ({ renderer, head, body }) => {
    const port = await listen({ requestTimeout: 200, headersTimeout: 200, connectionsCheckingInterval: 50 }, (_request, response) => {
      response.end('unexpected');
    }, renderer);

    // The head never ends, so Node's request timeout fires.
    const received = await exchangeRaw(port, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');

    expect(received.startsWith(head)).toBe(true);
    expect(JSON.parse(received.slice(received.indexOf('\r\n\r\n') + 4))).toMatchObject(body);
  });

  it('answers a slow body in problem form', async () => {
    const port = await listen({ requestTimeout: 200, headersTimeout: 200, connectionsCheckingInterval: 50 }, () => {
      // The handler waits for a body that never arrives whole.
    });

    const received = await exchangeRaw(port, 'POST /items HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/problem+json\r\nContent-Length: 10\r\n\r\nab');
    const head = received.slice(0, received.indexOf('\r\n\r\n'));
    const body = JSON.parse(received.slice(received.indexOf('\r\n\r\n') + 4)) as Record<string, unknown>;

    expect(head.startsWith('HTTP/1.1 408 Request Timeout\r\n')).toBe(true);
    expect(head).toMatch(/\r\ncontent-type: application\/problem\+json/i);
    expect(body).toMatchObject({ code: 'request_timeout', status: 408, title: 'Request timeout', instance: '/items' });
  });

  it('answers a pipelined request after the earlier response', async () => {
    const port = await listen({}, (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '20' });
      response.write('first part;');
      setTimeout(() => response.end('last part'), 100);
    });

    // The second request is malformed and arrives while the first response is being sent.
    const received = await exchangeRaw(port, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nNOT HTTP\r\n\r\n');
    const second = received.indexOf('HTTP/1.1 400 Bad Request\r\n');

    expect(received.startsWith('HTTP/1.1 200 OK\r\n')).toBe(true);
    expect(received).toContain('\r\n\r\nfirst part;last part');
    expect(second).toBe(received.indexOf('first part;last part') + 'first part;last part'.length);
    expect(received.slice(second)).toContain('"code":"bad_request"');
  });

  it('closes a started response on a bad body', async () => {
    const port = await listen({}, (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('started');
    });

    // The head is valid, so the handler starts its response before the chunk size fails to parse.
    const request = 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n';
    const received = await exchangeRaw(port, request);
    const line = logs.lines().find((entry) => entry.msg.includes('after its response started'));

    expect(received).not.toContain('HTTP/1.1 400');
    expect(line?.level).toBe(LEVEL.info);
    expect(line?.err_code).toBe('HPE_INVALID_CHUNK_SIZE');
  });

  it('sends no second response after a sent one', async () => {
    const port = await listen({}, (_request, response) => {
      response.end('done without reading the body');
    });

    // The bad chunk size goes out only once the first response has arrived.
    const request = 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n';
    const received = await exchangeRaw(port, request, { afterFirstData: 'zz\r\n' });
    const line = logs.lines().find((entry) => entry.msg.includes('after its response started'));

    expect(received.startsWith('HTTP/1.1 200 OK\r\n')).toBe(true);
    expect(received.split('HTTP/1.1 ').length).toBe(2);
    expect(line?.err_code).toBe('HPE_INVALID_CHUNK_SIZE');
  });

  it('closes quietly when the client half-closes', async () => {
    const port = await listen({}, () => {
      // The handler waits for a body that never completes.
    });

    const request = 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{"partial":';
    const received = await exchangeRaw(port, request, { halfClose: true });

    expect(received).toBe('');
    expect(logs.lines().filter((entry) => entry.code === 'bad_request')).toEqual([]);
  });

  it('sends earlier responses before a half-close', async () => {
    const port = await listen({}, (request, response) => {
      // The slow route responds later, and the other route waits for a body that never completes.
      if (request.url === '/slow') setTimeout(() => response.end('slow done'), 100);
    });

    const request = 'GET /slow HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n' +
      'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{"partial":';
    const received = await exchangeRaw(port, request, { halfClose: true });

    expect(received.startsWith('HTTP/1.1 200 OK\r\n')).toBe(true);
    expect(received.endsWith('slow done')).toBe(true);
    expect(received).not.toContain('HTTP/1.1 400');
  });
});
