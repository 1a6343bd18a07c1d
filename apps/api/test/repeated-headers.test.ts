/** Headers that must be sent once: a repeated Authorization or Idempotency-Key header is rejected. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, callWithRawHeaders, envelopeProblems, startService, type RunningService } from './support.ts';

const ADMIN = 'Bearer agnes_demo_admin';

describe('repeated headers', () => {
  let service: RunningService;

  beforeAll(async () => {
    service = await startService();
  });
  afterAll(() => service.close());

  it.each([
    { name: 'the same key twice', values: [ADMIN, ADMIN] },
    { name: 'a valid key, then an unknown one', values: [ADMIN, 'Bearer agnes_not_a_key'] },
    { name: 'an unknown key, then a valid one', values: ['Bearer agnes_not_a_key', ADMIN] },
  ])('Authorization with $name gets 401', async ({ values }) => {
    const response = await callWithRawHeaders(service, 'GET', '/v1/policies', values.flatMap((value) => ['Authorization', value]));

    expect(response.status).toBe(401);
    expect(response.body.code).toBe('unauthenticated');
    expect(response.body.detail).toBe('Authentication failed: the Authorization header was sent 2 times. Send it once, with one bearer credential.');
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="agnes"');
    expect(envelopeProblems(response)).toEqual([]);
  });

  it.each([
    { name: 'the same value twice', values: ['create-twice', 'create-twice'] },
    { name: 'two values', values: ['create-a', 'create-b'] },
    { name: 'two empty values', values: ['', ''] },
  ])('Idempotency-Key with $name gets 400', async ({ values }) => {
    const headers = ['Authorization', ADMIN, ...values.flatMap((value) => ['Idempotency-Key', value])];
    const response = await callWithRawHeaders(service, 'POST', '/v1/policies', headers, { name: `repeated-key-${values.join('-')}` });
    const list = await call(service, 'GET', '/v1/policies', { key: 'agnes_demo_admin' });

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('bad_request');
    expect(response.body.detail).toBe('The request could not be parsed: the Idempotency-Key header was sent 2 times, but it must be sent once.');
    expect(envelopeProblems(response)).toEqual([]);
    expect((list.body.data as { name: string }[]).map((policy) => policy.name)).not.toContain(`repeated-key-${values.join('-')}`);
  });

  it('single headers still work', async () => {
    const headers = ['Authorization', ADMIN, 'Idempotency-Key', 'create-once'];
    const response = await callWithRawHeaders(service, 'POST', '/v1/policies', headers, { name: 'sent-once' });

    expect(response.status).toBe(201);
    expect(response.body.name).toBe('sent-once');
  });
});
