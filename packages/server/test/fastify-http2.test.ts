import type http from 'node:http';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { AgnesError } from '../src/index.ts';
import { errorsPlugin, errorsServerOptions } from '../src/fastify/index.ts';
import { envelopeSchemaErrors } from './support/schema.ts';

interface Http2Response {
  status: number;
  requestIdHeader: unknown;
  body: Record<string, unknown>;
}

/** Sends one request on the session and reads the whole response. */
function requestOn(session: http2.ClientHttp2Session, headers: http2.OutgoingHttpHeaders, body?: string): Promise<Http2Response> {
  return new Promise((resolve, reject) => {
    const stream = session.request(headers);
    let status = 0;
    let requestIdHeader: unknown;
    let text = '';
    stream.setEncoding('utf8');
    stream.on('response', (responseHeaders) => {
      status = Number(responseHeaders[':status']);
      requestIdHeader = responseHeaders['x-request-id'];
    });
    stream.on('data', (chunk: string) => {
      text += chunk;
    });
    stream.on('end', () => resolve({ status, requestIdHeader, body: JSON.parse(text) as Record<string, unknown> }));
    stream.on('error', reject);
    stream.end(body);
  });
}

describe('fastify with http2', () => {
  it('types options without a cast', () => {
    const h2c = Fastify({ http2: true, logger: false, ...errorsServerOptions() });
    expectTypeOf(h2c.server).toEqualTypeOf<http2.Http2Server>();
    const h2 = Fastify({ http2: true, https: { allowHTTP1: true }, logger: false, ...errorsServerOptions() });
    expectTypeOf(h2.server).toEqualTypeOf<http2.Http2SecureServer>();
    // The HTTP/1 server keeps its own request type in routes.
    const h1 = Fastify({ logger: false, ...errorsServerOptions() });
    expectTypeOf(h1.server).toEqualTypeOf<http.Server>();
    h1.get('/', (request) => {
      expectTypeOf(request.raw).toEqualTypeOf<http.IncomingMessage>();
      return {};
    });
    expect([h2c, h2, h1].map((app) => typeof app.register)).toEqual(['function', 'function', 'function']);
  });

  it('sends envelopes over h2c', async ({ onTestFinished }) => {
    const app = Fastify({ http2: true, logger: false, ...errorsServerOptions() });
    onTestFinished(() => app.close());
    await app.register(errorsPlugin);
    app.get('/policies/:id', () => {
      throw new AgnesError('forbidden', { scope: 'policy:delete' });
    });
    app.post('/policies', (request) => request.body);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const session = http2.connect(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
    onTestFinished(() => session.destroy());
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    onTestFinished(() => {
      process.off('warning', onWarning);
    });

    const responses = await Promise.all([
      requestOn(session, { ':path': '/policies/pol_1', 'x-request-id': 'req-h2-1' }),
      requestOn(session, { ':path': '/nowhere' }),
      requestOn(session, { ':method': 'POST', ':path': '/policies', 'content-type': 'application/json' }, '{"name":'),
    ]);

    expect(responses.map((response) => [response.status, response.body.code])).toEqual([
      [403, 'forbidden'],
      [404, 'route_not_found'],
      [400, 'malformed_json'],
    ]);
    expect(responses[0]?.body.request_id).toBe('req-h2-1');
    // Fastify's `Connection: close` for the malformed body is not passed on to Node's HTTP/2 response.
    expect(warnings).toEqual([]);
    for (const response of responses) {
      expect(envelopeSchemaErrors(response.body)).toEqual([]);
      expect(response.requestIdHeader).toBe(response.body.request_id);
    }
  });
});
