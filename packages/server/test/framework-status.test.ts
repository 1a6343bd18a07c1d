/**
 * A thrown value that is not a contract error but carries a 4xx status, such as Hono's
 * `HTTPException`, an `http-errors` error or a Fastify error with `statusCode`, stays a masked 500.
 * Its error line names the status and advises throwing a contract error instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgnesError, createAgnesRenderer } from '../src/index.ts';
import { errorsMiddleware, notFound, onError } from '../src/hono/index.ts';
import { APP_KINDS, startApp, type RunningApp } from './apps/index.ts';
import { createHttpError } from './support/http-errors.ts';
import { send } from './support/http.ts';
import { captureLogs, LEVEL } from './support/logs.ts';
import { maskedEnvelopeOf } from './support/envelopes.ts';

const ADVICE = 'Only contract errors set the response status, so throw a contract error such as an AgnesError with a registry code instead. ' +
  'docs/framework-errors.md in @agnes/errors-server shows how';

function messageFor(status: number): string {
  return `Unhandled error with HTTP status ${status}; sent internal_error (500). ${ADVICE}`;
}

const context = { requestId: 'req-status', method: 'GET', path: '/v1/policies' };

describe('status advice', () => {
  const page = /(docs\/[\w-]+\.md) in @agnes\/errors-server/.exec(ADVICE)?.[1];

  it('names a page that the package has', () => {
    expect(page).toBe('docs/framework-errors.md');
    expect(existsSync(new URL(`../${page}`, import.meta.url))).toBe(true);
  });

  it('points to a page that quotes the log message', () => {
    const text = readFileSync(new URL(`../${page}`, import.meta.url), 'utf8').replace(/\s+/g, ' ');

    expect(text).toContain(`\`${messageFor(401).split('. ')[0]}\``);
  });
});

describe('masked values with a status', () => {
  it.each([
    { name: 'HTTPException', thrown: () => new HTTPException(401, { message: 'Unauthorized' }), status: 401 },
    { name: 'http-errors error', thrown: () => createHttpError(403), status: 403 },
    { name: 'Error with statusCode', thrown: () => Object.assign(new Error('Too Many Requests'), { statusCode: 429 }), status: 429 },
    { name: 'object with status', thrown: () => ({ status: 404, message: 'missing' }), status: 404 },
    { name: 'status 500 and statusCode 400', thrown: () => Object.assign(new Error('x'), { status: 500, statusCode: 400 }), status: 400 },
  ])('names the status of $name', ({ thrown, status }) => {
    const logs = captureLogs();

    const rendered = createAgnesRenderer().render(thrown(), { ...context, logger: logs.logger });

    expect(rendered.status).toBe(500);
    expect(rendered.body).toEqual(maskedEnvelopeOf('req-status'));
    const [line] = logs.lines();
    expect(line?.level).toBe(LEVEL.error);
    expect(line?.msg).toBe(messageFor(status));
  });

  it.each([
    { name: 'a 5xx status', thrown: () => new HTTPException(503) },
    { name: 'a string status', thrown: () => Object.assign(new Error('x'), { status: '401' }) },
    { name: 'a fractional status', thrown: () => Object.assign(new Error('x'), { statusCode: 401.5 }) },
    { name: 'a 3xx status', thrown: () => Object.assign(new Error('x'), { status: 302 }) },
    { name: 'a status getter that throws', thrown: () => Object.defineProperty(new Error('x'), 'status', { get: () => { throw new Error('no status'); } }) },
    { name: 'a proxy whose traps throw', thrown: () => new Proxy({}, { get: () => { throw new Error('trap'); } }) },
    { name: 'a thrown number', thrown: () => 401 },
  ])('gives no advice for $name', ({ thrown }) => {
    const logs = captureLogs();

    const rendered = createAgnesRenderer().render(thrown(), { ...context, logger: logs.logger });

    expect(rendered.status).toBe(500);
    expect(logs.lines().map((line) => line.msg)).toEqual(['Unhandled error; sent internal_error (500)']);
  });

  it('keeps the message of a contract error of another registry', () => {
    const logs = captureLogs();
    const error = new AgnesError('forbidden', { scope: 'policy:delete' });
    const renderer = createAgnesRenderer();
    const foreign = Object.create(error, { code: { value: 'not_a_code' } }) as AgnesError;

    renderer.render(foreign, { ...context, logger: logs.logger });

    expect(logs.lines()[0]?.msg).toBe("Contract error not_a_code is not in this renderer's registry; sent internal_error (500)");
  });
});

describe.each(APP_KINDS)('%s adapter with a status error', (kind) => {
  let app: RunningApp;
  const logs = captureLogs();
  const thrownFor: Record<string, () => unknown> = {
    'http-errors': () => createHttpError(401, 'Missing credentials'),
    'status-code': () => Object.assign(new Error('Too Many Requests'), { statusCode: 429 }),
    'http-exception': () => new HTTPException(403, { message: 'Forbidden' }),
  };

  beforeAll(async () => {
    app = await startApp(kind, { renderer: createAgnesRenderer(), logger: logs.logger, valueFor: (name) => thrownFor[name]?.() });
  });
  afterAll(() => app.close());

  it.each([
    { name: 'http-errors', status: 401 },
    { name: 'status-code', status: 429 },
    { name: 'http-exception', status: 403 },
  ])('masks $name and logs its status', async ({ name, status }) => {
    const response = await send(app.url, 'GET', '/throw', { headers: { 'x-case': name } });

    expect(response.status).toBe(500);
    expect(response.body).toEqual(maskedEnvelopeOf(response.headers.get('x-request-id')));
    const line = logs.lines().find((entry) => entry.request_id === response.body.request_id);
    expect(line?.level).toBe(LEVEL.error);
    expect(line?.msg).toBe(messageFor(status));
  });
});

describe("Hono's own middleware without a recipe", () => {
  let server: Server;
  let url: string;
  const logs = captureLogs();

  beforeAll(async () => {
    const options = { renderer: createAgnesRenderer(), logger: logs.logger };
    const app = new Hono();
    app.use(errorsMiddleware(options));
    app.onError(onError(options));
    app.notFound(notFound({ ...options, app }));
    app.post('/imports', bodyLimit({ maxSize: 16 }), (c) => c.text('ok'));
    app.use('/v1/*', bearerAuth({ token: 'key_live_1' }));
    app.get('/v1/policies', (c) => c.json([]));

    server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }) as Server;
    await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', resolve)));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));

  it.each([
    { name: 'bodyLimit', method: 'POST', path: '/imports', init: { body: 'x'.repeat(64) }, status: 413 },
    { name: 'bearerAuth without a token', method: 'GET', path: '/v1/policies', init: {}, status: 401 },
    { name: 'bearerAuth with a wrong token', method: 'GET', path: '/v1/policies', init: { headers: { authorization: 'Bearer key_other' } }, status: 401 },
  ])('masks $name and logs its status', async ({ method, path, init, status }) => {
    const response = await send(url, method, path, init);

    expect(response.status).toBe(500);
    expect(response.body.code).toBe('internal_error');
    const line = logs.lines().find((entry) => entry.request_id === response.body.request_id);
    expect(line?.msg).toBe(messageFor(status));
  });

  it('keeps the 400 of a malformed Authorization header a bad_request', async () => {
    const response = await send(url, 'GET', '/v1/policies', { headers: { authorization: 'Basic a2V5' } });

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('bad_request');
  });
});
