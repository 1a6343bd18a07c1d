/** The `Demo-Delay-Ms` header of `POST /v1/policies`, read only with AGNES_DEMO_FAULTS=1. */
import { errorsPlugin, errorsServerOptions } from '@agnes/errors-server/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { demoDelayOf } from '../src/demo-delay.ts';
import { call, callWithRawHeaders, envelopeProblems, startService, type RunningService } from './support.ts';

const ADMIN = 'agnes_demo_admin';
const HOLDING = 'Holding the request as Demo-Delay-Ms requests';

describe('Demo-Delay-Ms with demo faults', () => {
  let service: RunningService;

  beforeAll(async () => {
    service = await startService({ AGNES_DEMO_FAULTS: '1' });
  });
  afterAll(() => service.close());

  it('held request makes a retry get 409', async () => {
    const request = { key: ADMIN, body: { name: 'held' }, headers: { 'idempotency-key': 'create-held' } };
    const first = call(service, 'POST', '/v1/policies', { ...request, headers: { ...request.headers, 'demo-delay-ms': '1000' } });
    // The line is logged once the key is claimed, so the retry below finds the claim.
    await vi.waitFor(() => expect(service.logs()).toContainEqual(expect.objectContaining({ msg: HOLDING, delay_ms: 1000, idempotency_key: 'create-held' })));
    const second = await call(service, 'POST', '/v1/policies', request);

    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'idempotency_request_in_progress', idempotency_key: 'create-held' });
    expect(envelopeProblems(second)).toEqual([]);
    expect((await first).status).toBe(201);
  });

  it('rejects an invalid value', async () => {
    const response = await call(service, 'POST', '/v1/policies', { key: ADMIN, body: { name: 'rejected-delay' }, headers: { 'demo-delay-ms': 'soon' } });
    const list = await call(service, 'GET', '/v1/policies', { key: ADMIN });

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('bad_request');
    expect(response.body.detail).toBe('The request could not be parsed: the Demo-Delay-Ms header must be an integer from 0 to 10000 milliseconds, but it is "soon".');
    expect(envelopeProblems(response)).toEqual([]);
    expect((list.body.data as { name: string }[]).map((policy) => policy.name)).not.toContain('rejected-delay');
  });

  it('rejects a repeated header', async () => {
    const headers = ['Authorization', `Bearer ${ADMIN}`, 'Demo-Delay-Ms', '5', 'Demo-Delay-Ms', '5'];
    const response = await callWithRawHeaders(service, 'POST', '/v1/policies', headers, { name: 'repeated-delay' });

    expect(response.status).toBe(400);
    expect(response.body.detail).toBe('The request could not be parsed: the Demo-Delay-Ms header was sent 2 times, but it must be sent once.');
    expect(envelopeProblems(response)).toEqual([]);
  });
});

describe('Demo-Delay-Ms without demo faults', () => {
  it.each(['abc', '10000'])('ignores %s', async (delay) => {
    const service = await startService();
    try {
      const response = await call(service, 'POST', '/v1/policies', { key: ADMIN, body: { name: 'not-held' }, headers: { 'demo-delay-ms': delay } });

      expect(response.status).toBe(201);
      expect(service.logs().map((line) => line.msg)).not.toContain(HOLDING);
    } finally {
      await service.close();
    }
  });
});

describe('demoDelayOf', () => {
  let app: FastifyInstance;
  let url: string;

  beforeAll(async () => {
    app = Fastify({ ...errorsServerOptions() });
    await app.register(errorsPlugin);
    app.get('/delay', async (request) => ({ delay: demoDelayOf(request) }));
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => app.close());

  it.each([
    { raw: '0', delay: 0 },
    { raw: '1', delay: 1 },
    { raw: '00250', delay: 250 },
    { raw: '10000', delay: 10_000 },
  ])('reads $raw', async ({ raw, delay }) => {
    const response = await fetch(`${url}/delay`, { headers: { 'demo-delay-ms': raw } });

    expect(await response.json()).toEqual({ delay });
  });

  it('reads no header as 0', async () => {
    const response = await fetch(`${url}/delay`);

    expect(await response.json()).toEqual({ delay: 0 });
  });

  it.each(['', 'abc', '-1', '10001', '99999', '1e3', '0x10', '+5', '5.0', '100000000000000000000'])('rejects "%s"', async (raw) => {
    const response = await fetch(`${url}/delay`, { headers: { 'demo-delay-ms': raw } });
    const body = (await response.json()) as { code: string; detail: string };

    expect(response.status).toBe(400);
    expect(body.code).toBe('bad_request');
    expect(body.detail).toContain(`must be an integer from 0 to 10000 milliseconds, but it is "${raw}"`);
  });
});
