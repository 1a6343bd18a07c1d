/**
 * The Fastify plugin when sending the envelope itself fails, or when the route has already started
 * its response. The client still gets an envelope or a closed connection, never Fastify's default
 * error body. The log gets one line per failure.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { AgnesError } from '../src/index.ts';
import { errorsPlugin, errorsServerOptions } from '../src/fastify/index.ts';
import { exchangeRaw, send, sendRaw } from './support/http.ts';
import { captureLogs, LEVEL, type CapturedLogs } from './support/logs.ts';
import { envelopeSchemaErrors } from './support/schema.ts';

const SECRET = 'connect ECONNREFUSED 10.0.0.5:5432';
/** Ends of the messages of lines about an error response that replaced one that an onSend hook failed on. */
const REPLACED_403 = ', in place of the 403 error response that an onSend hook or serializer failed on';
const REPLACED_500 = ', in place of the 500 error response that an onSend hook or serializer failed on';
let app: FastifyInstance | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function start(setup: (app: FastifyInstance) => void, logs: CapturedLogs): Promise<string> {
  const instance = Fastify({ loggerInstance: logs.logger, ...errorsServerOptions() }) as unknown as FastifyInstance;
  app = instance;
  await instance.register(errorsPlugin);
  setup(instance);
  instance.get('/forbidden', async () => {
    throw new AgnesError('forbidden', { scope: 'policy:delete' });
  });
  return instance.listen({ host: '127.0.0.1', port: 0 });
}

const throwingHooks = [
  ['a sync onSend hook', (instance: FastifyInstance) => instance.addHook('onSend', (_request, _reply, _payload, done) => done(new Error(SECRET)))],
  ['an async onSend hook', (instance: FastifyInstance) => instance.addHook('onSend', async () => {
    throw new Error(SECRET);
  })],
] as const;

describe('fastify plugin when the envelope cannot be sent', () => {
  describe.each(throwingHooks)('with %s that always throws', (_name, addHook) => {
    it.each([
      ['a thrown contract error', '/forbidden'],
      ['an unknown route', '/missing'],
    ])('sends the masked 500 envelope for %s', async (_case, path) => {
      const logs = captureLogs();
      const url = await start(addHook, logs);

      const response = await send(url, 'GET', path);

      expect(response.status).toBe(500);
      expect(response.body.code).toBe('internal_error');
      expect(envelopeSchemaErrors(response.body)).toEqual([]);
      expect(response.headers.get('x-request-id')).toBe(response.body.request_id);
      expect(response.text).not.toContain('10.0.0.5');
      const masked = logs.lines().filter((line) => line.level === LEVEL.error);
      expect(masked).toHaveLength(1);
      expect(masked[0]).toMatchObject({ request_id: response.body.request_id, code: 'internal_error' });
      expect(JSON.stringify(masked[0])).toContain('10.0.0.5');
    });
  });

  it('masks a hook failing on envelopes', async () => {
    const logs = captureLogs();
    const url = await start((instance) => {
      instance.addHook('onSend', async (_request, _reply, payload) => {
        if (typeof payload === 'string' && payload.includes('"forbidden"')) JSON.parse('{oops');
        return payload;
      });
    }, logs);

    const response = await send(url, 'GET', '/forbidden');

    expect(response.status).toBe(500);
    expect(response.body.code).toBe('internal_error');
    expect(response.text).not.toContain('JSON');
    expect(logs.lines().filter((line) => line.level === LEVEL.info && line.code === 'forbidden')).toHaveLength(1);
    const masked = logs.lines().filter((line) => line.level === LEVEL.error && line.code === 'internal_error');
    expect(masked).toHaveLength(1);
    expect(masked[0]).toMatchObject({ failed_response_status: 403 });
    expect(masked[0]?.msg).toBe(`Unhandled error; sent internal_error (500)${REPLACED_403}`);
  });

  it('names the replaced 500 on a 200 route', async () => {
    const logs = captureLogs();
    const url = await start((instance) => {
      instance.get('/ok', { onSend: async () => {
        throw new Error(SECRET);
      } }, async () => ({ ok: true }));
    }, logs);

    const response = await send(url, 'GET', '/ok');

    expect(response.status).toBe(500);
    expect(response.body.code).toBe('internal_error');
    const lines = logs.lines().filter((line) => line.level === LEVEL.error);
    expect(lines.map((line) => line.msg)).toEqual([
      'Unhandled error; sent internal_error (500)',
      `Unhandled error; sent internal_error (500)${REPLACED_500}`,
    ]);
    expect(lines[0]?.failed_response_status).toBeUndefined();
    expect(lines[1]).toMatchObject({ request_id: response.body.request_id, code: 'internal_error', failed_response_status: 500 });
  });
});

describe('fastify plugin when a hook fails on the envelope', () => {
  it('keeps earlier headers and Vary', async () => {
    const logs = captureLogs();
    const url = await start((instance) => {
      instance.addHook('onRequest', async (_request, reply) => {
        reply.header('vary', 'Origin').header('access-control-allow-origin', 'http://client.test');
      });
      instance.addHook('onSend', async (_request, reply, payload) => {
        reply.header('content-encoding', 'gzip');
        throw new Error(SECRET);
      });
    }, logs);

    const response = await send(url, 'GET', '/forbidden');

    expect(response.status).toBe(500);
    expect(response.body.code).toBe('internal_error');
    expect(response.headers.get('vary')).toBe('Origin, Accept');
    expect(response.headers.get('access-control-allow-origin')).toBe('http://client.test');
    expect(response.headers.get('content-encoding')).toBeNull();
  });
});

describe('fastify plugin when the route started its response', () => {
  it('closes the connection, logs once', async () => {
    const logs = captureLogs();
    const url = await start((instance) => {
      instance.get('/partial', async (_request, reply) => {
        reply.raw.writeHead(200, { 'content-type': 'text/plain', 'content-length': '100' });
        reply.raw.write('partial');
        throw new Error(SECRET);
      });
    }, logs);

    const response = await sendRaw(Number(new URL(url).port), 'GET /partial HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');

    expect(response.status).toBe(200);
    expect(response.body).toBe('partial');
    const warnings = logs.lines().filter((line) => line.level >= LEVEL.warn);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: LEVEL.error, status: 200, path: '/partial' });
    expect(warnings[0]?.msg).toBe(
      'Request failed after its response started, so no error response was sent and the connection was closed to cut the response short',
    );
  });
});

describe('fastify plugin when a sync route started its response', () => {
  it('sends the written bytes, then closes', async () => {
    const logs = captureLogs();
    const url = await start((instance) => {
      // A sync handler's throw reaches the error handler in the tick of the write, before Node sends it.
      instance.get('/partial-sync', (_request, reply) => {
        reply.raw.writeHead(200, { 'content-type': 'text/plain' });
        reply.raw.write('partial');
        throw new Error(SECRET);
      });
    }, logs);

    const received = await exchangeRaw(Number(new URL(url).port), 'GET /partial-sync HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');

    expect(received).toMatch(/^HTTP\/1\.1 200 /);
    expect(received.slice(received.indexOf('\r\n\r\n') + 4)).toBe('7\r\npartial\r\n');
    expect(logs.lines().filter((line) => line.level >= LEVEL.warn)).toHaveLength(1);
  });
});

describe('fastify plugin response headers', () => {
  it('joins Accept to an earlier Vary', async () => {
    const logs = captureLogs();
    const url = await start((instance) => {
      instance.addHook('onRequest', async (_request, reply) => {
        reply.header('vary', 'Origin');
      });
    }, logs);

    const response = await send(url, 'GET', '/forbidden');

    expect(response.status).toBe(403);
    expect(response.headers.get('vary')).toBe('Origin, Accept');
  });

  it('drops framing headers from throwers', async () => {
    const logs = captureLogs();
    const url = await start((instance) => {
      instance.get('/framed', async () => {
        throw new AgnesError('forbidden', { scope: 'policy:delete' }, { headers: { 'Transfer-Encoding': 'chunked', Connection: 'upgrade' } });
      });
    }, logs);

    const response = await send(url, 'GET', '/framed');

    expect(response.status).toBe(403);
    expect(response.body.code).toBe('forbidden');
    expect(response.headers.get('transfer-encoding')).toBeNull();
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(response.text)));
  });
});
