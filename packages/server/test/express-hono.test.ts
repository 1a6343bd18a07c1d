/** Behaviour specific to the Express and Hono adapters. */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import express from 'express';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { afterEach, describe, expect, it } from 'vitest';
import { AgnesError, createAgnesRenderer } from '../src/index.ts';
import { errorHandler, notFoundHandler, requestId, requestIdOf } from '../src/express/index.ts';
import { bodyLimit, errorsMiddleware, notFound, onError, requestIdOf as honoRequestIdOf } from '../src/hono/index.ts';
import { send, sendRaw } from './support/http.ts';
import { captureLogs, LEVEL } from './support/logs.ts';
import { envelopeSchemaErrors } from './support/schema.ts';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function listen(started: Server): Promise<string> {
  server = started;
  if (!started.listening) await new Promise((resolve) => started.once('listening', resolve));
  return `http://127.0.0.1:${(started.address() as AddressInfo).port}`;
}

describe('express adapter', () => {
  function expressApp(logs = captureLogs()) {
    const options = { renderer: createAgnesRenderer(), logger: logs.logger };
    const app = express();
    app.use(requestId(options));
    const things = express.Router();
    things.get('/:id', (request, response) => {
      response.json({ id: request.params.id, requestId: requestIdOf(request) });
    });
    app.use('/v2/things', things);
    app.get('/sync-null', () => {
      throw null;
    });
    app.get('/half-sent', (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('partial');
      throw new AgnesError('service_unavailable');
    });
    app.use(notFoundHandler(options));
    app.use(errorHandler(options));
    return app;
  }

  it('finds allowed methods in mounted routers', async () => {
    const url = await listen(expressApp().listen(0, '127.0.0.1'));
    const response = await send(url, 'DELETE', '/v2/things/1');

    expect(response.status).toBe(405);
    expect(response.body.allowed_methods).toEqual(['GET', 'HEAD']);
    expect(envelopeSchemaErrors(response.body)).toEqual([]);
  });

  it('maps an undecodable route param to 400', async () => {
    const url = await listen(expressApp().listen(0, '127.0.0.1'));
    const response = await send(url, 'GET', '/v2/things/%E0%A4%A');

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('bad_request');
  });

  it('masks a synchronous throw null as 500', async () => {
    const logs = captureLogs();
    const url = await listen(expressApp(logs).listen(0, '127.0.0.1'));
    const response = await send(url, 'GET', '/sync-null');

    expect(response.status).toBe(500);
    expect(response.body.code).toBe('internal_error');
    expect(response.headers.get('allow')).toBeNull();
    const [line] = logs.lines().filter((logLine) => logLine.level === LEVEL.error);
    expect(line?.request_id).toBe(response.body.request_id);
    expect(JSON.stringify(line)).toContain('registered for /sync-null, threw null');
  });

  it('exposes the request id to handlers', async () => {
    const url = await listen(expressApp().listen(0, '127.0.0.1'));
    const response = await send(url, 'GET', '/v2/things/7', { headers: { 'x-request-id': 'req-7' } });

    expect(response.body).toEqual({ id: '7', requestId: 'req-7' });
  });

  it('closes the connection for an error after the headers', async () => {
    const logs = captureLogs();
    const url = await listen(expressApp(logs).listen(0, '127.0.0.1'));
    const failed = await fetch(new URL('/half-sent', url)).then((response) => response.text()).then(
      () => false,
      () => true,
    );

    expect(failed).toBe(true);
    expect(logs.lines()).toContainEqual(expect.objectContaining({ level: LEVEL.error, code: 'service_unavailable' }));
  });
});

describe('hono adapter', () => {
  async function honoApp(withApp: boolean) {
    const options = { renderer: createAgnesRenderer(), logger: captureLogs().logger };
    const app = new Hono();
    app.use(errorsMiddleware(options));
    app.onError(onError(options));
    app.notFound(notFound(withApp ? { ...options, app } : options));
    app.get('/things/:id', (c) => c.json({ id: c.req.param('id') }));
    app.post('/things', async (c) => c.json(await c.req.json(), 201));
    app.get('/own-json-parse', (c) => c.json(JSON.parse('{not json')));
    app.get('/unauthorized', () => {
      throw new HTTPException(401, { message: 'secret reason' });
    });
    app.get('/bad', () => {
      throw new HTTPException(400, { message: 'secret reason' });
    });
    app.get('/things/:id/missing', () => {
      throw new HTTPException(404, { message: 'secret reason' });
    });
    // For a chunked body, Hono's bodyLimit replaces c.req.raw with a new Request.
    app.post('/limited', bodyLimit(1024, options), (c) => c.json({ requestId: honoRequestIdOf(c) ?? null }));
    app.post('/limited-throw', bodyLimit(1024, options), () => {
      throw new AgnesError('forbidden', { scope: 'policy:delete' });
    });
    const started = await new Promise<Server>((resolve) => {
      const running = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(running as Server));
    });
    return listen(started);
  }

  it('rejects bad percent-encoding on a parametric route', async () => {
    const url = await honoApp(true);
    const response = await send(url, 'GET', '/things/%85');

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('bad_request');
    expect(envelopeSchemaErrors(response.body)).toEqual([]);
  });

  it.each([
    { name: 'malformed', body: '{"name":', status: 400, code: 'malformed_json' },
    { name: 'empty', body: '', status: 400, code: 'malformed_json' },
    { name: 'valid', body: '{"name":"a"}', status: 201, code: undefined },
  ])('maps a $name body read by c.req.json()', async ({ body, status, code }) => {
    const url = await honoApp(true);
    const response = await send(url, 'POST', '/things', { headers: { 'content-type': 'application/json' }, body });

    expect(response.status).toBe(status);
    expect(response.body.code).toBe(code);
  });

  it('masks a SyntaxError of the handler’s own JSON.parse', async () => {
    const url = await honoApp(true);
    const response = await send(url, 'GET', '/own-json-parse');

    expect(response.status).toBe(500);
    expect(response.body.code).toBe('internal_error');
  });

  it('returns 404 for a wrong method without the app', async () => {
    const url = await honoApp(false);
    const response = await send(url, 'DELETE', '/things/1');

    expect(response.status).toBe(404);
    expect(response.body.code).toBe('route_not_found');
  });

  it('returns 405 for a wrong method with the app', async () => {
    const url = await honoApp(true);
    const response = await send(url, 'DELETE', '/things/1');

    expect(response.status).toBe(405);
    expect(response.body.allowed_methods).toEqual(['GET', 'HEAD']);
  });

  it.each([
    { path: '/bad', status: 400, code: 'bad_request' },
    { path: '/unauthorized', status: 500, code: 'internal_error' },
    { path: '/things/1/missing', status: 500, code: 'internal_error' },
  ])('maps HTTPException on $path to $code', async ({ path, status, code }) => {
    const url = await honoApp(true);
    const response = await send(url, 'GET', path);

    expect(response.status).toBe(status);
    expect(response.body.code).toBe(code);
    expect(response.text).not.toContain('secret reason');
  });

  /** Builds a POST with a chunked JSON body and the given extra header lines. */
  function chunkedPost(path: string, extraHeaders = ''): string {
    const head = `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n${extraHeaders}Connection: close\r\n\r\n`;
    return `${head}c\r\n{"name":"a"}\r\n0\r\n\r\n`;
  }

  it('keeps the request id after bodyLimit', async () => {
    const url = await honoApp(true);
    const response = await sendRaw(Number(new URL(url).port), chunkedPost('/limited', 'X-Request-Id: req-chunked\r\n'));

    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ requestId: 'req-chunked' });
    expect(response.headers.get('x-request-id')).toBe('req-chunked');
  });

  it('sends one request id after bodyLimit', async () => {
    const url = await honoApp(true);
    const response = await sendRaw(Number(new URL(url).port), chunkedPost('/limited-throw'));
    const body = JSON.parse(response.body) as Record<string, unknown>;

    expect(response.status).toBe(403);
    expect(body.code).toBe('forbidden');
    expect(response.headers.get('x-request-id')).toBe(body.request_id);
  });
});
