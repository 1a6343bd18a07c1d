/** Rate limits and idempotency keys of the example service. */
import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { call, envelopeProblems, holdFirstCreation, startService, type ApiResponse, type RunningService } from './support.ts';

const ADMIN = 'agnes_demo_admin';

/** Checks a 429 `rate_limited` envelope whose `Retry-After` header matches its `retry_after` of 1 to 60 s. */
function expectRateLimited(response: ApiResponse): void {
  expect(response.status).toBe(429);
  expect(response.body.code).toBe('rate_limited');
  expect(envelopeProblems(response)).toEqual([]);
  expect(response.headers.get('retry-after')).toBe(String(response.body.retry_after));
  expect(response.body.retry_after).toBeGreaterThanOrEqual(1);
  expect(response.body.retry_after).toBeLessThanOrEqual(60);
}

/**
 * Sends `GET path` from the loopback address `localAddress` to the service on 127.0.0.1 and
 * resolves with the status. Linux routes all of 127.0.0.0/8 to the loopback interface.
 */
function callFrom(service: RunningService, localAddress: string, path: string, key: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(new URL(path, service.url), { localAddress, headers: { authorization: `Bearer ${key}` } }, (incoming) => {
      incoming.resume();
      incoming.on('end', () => resolve(incoming.statusCode ?? 0));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('rate limit', () => {
  it('returns 429 with Retry-After past RATE_LIMIT_MAX', async () => {
    const service = await startService({ RATE_LIMIT_MAX: '3' });
    try {
      const statuses = [];
      for (let index = 0; index < 3; index += 1) statuses.push((await call(service, 'GET', '/v1/policies', { key: ADMIN })).status);
      const limited = await call(service, 'GET', '/v1/policies', { key: ADMIN });
      const otherKey = await call(service, 'GET', '/v1/policies', { key: 'agnes_demo_read' });

      expect(statuses).toEqual([200, 200, 200]);
      expectRateLimited(limited);
      expect(otherKey.status).toBe(200);
    } finally {
      await service.close();
    }
  });
});

describe('failed authentication limit', () => {
  it('returns 429 past AUTH_FAILURE_LIMIT_MAX per address', async () => {
    const service = await startService({ AUTH_FAILURE_LIMIT_MAX: '3' });
    try {
      const failures = [
        await call(service, 'GET', '/v1/policies', { key: 'agnes_guess_0001' }),
        await call(service, 'GET', '/v1/policies'),
        await call(service, 'GET', '/v1/policies', { key: 'agnes_guess_0002' }),
      ];
      const guess = await call(service, 'GET', '/v1/policies', { key: 'agnes_guess_0003' });
      // Once the budget is spent, a valid key from the same address is not checked either, so a
      // guess that hits a valid key gets the same response as one that misses.
      const valid = await call(service, 'GET', '/v1/policies', { key: ADMIN });
      const fromOtherAddress = await callFrom(service, '127.0.0.2', '/v1/policies', ADMIN);

      expect(failures.map((response) => response.status)).toEqual([401, 401, 401]);
      expectRateLimited(guess);
      expect(valid.status).toBe(429);
      expect(fromOtherAddress).toBe(200);
    } finally {
      await service.close();
    }
  });

  it('leaves successful requests uncounted', async () => {
    const service = await startService({ AUTH_FAILURE_LIMIT_MAX: '1' });
    try {
      const statuses = [];
      for (let index = 0; index < 3; index += 1) statuses.push((await call(service, 'GET', '/v1/policies', { key: ADMIN })).status);
      const failure = await call(service, 'GET', '/v1/policies', { key: 'agnes_guess_0001' });
      const limited = await call(service, 'GET', '/v1/policies', { key: 'agnes_guess_0002' });

      expect(statuses).toEqual([200, 200, 200]);
      expect(failure.status).toBe(401);
      expect(limited.status).toBe(429);
    } finally {
      await service.close();
    }
  });
});

describe('idempotency keys', () => {
  it('replays the first response for the same body', async () => {
    const service = await startService();
    try {
      const headers = { 'idempotency-key': 'create-reports-1' };
      const first = await call(service, 'POST', '/v1/policies', { key: ADMIN, body: { name: 'reports' }, headers });
      const replay = await call(service, 'POST', '/v1/policies', { key: ADMIN, body: { name: 'reports' }, headers });
      const list = await call(service, 'GET', '/v1/policies', { key: ADMIN });

      expect(first.status).toBe(201);
      expect(replay.status).toBe(201);
      expect(replay.body).toEqual(first.body);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect((list.body.data as { name: string }[]).filter((policy) => policy.name === 'reports')).toHaveLength(1);
    } finally {
      await service.close();
    }
  });

  it('replays a body with reordered keys', async () => {
    const service = await startService();
    try {
      const headers = { 'idempotency-key': 'create-reordered' };
      const rules = [{ action: 'allow', resource: 'reports/*' }];
      const reordered = [{ resource: 'reports/*', action: 'allow' }];
      const first = await call(service, 'POST', '/v1/policies', { key: ADMIN, body: { name: 'ordered', description: 'd', rules }, headers });
      const replay = await call(service, 'POST', '/v1/policies', {
        key: ADMIN,
        body: { rules: reordered, description: 'd', name: 'ordered' },
        headers,
      });

      expect(first.status).toBe(201);
      expect(replay.status).toBe(201);
      expect(replay.body).toEqual(first.body);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
    } finally {
      await service.close();
    }
  });

  it('rejects the same key with another body', async () => {
    const service = await startService();
    try {
      const headers = { 'idempotency-key': 'create-reports-2' };
      await call(service, 'POST', '/v1/policies', { key: ADMIN, body: { name: 'reports' }, headers });
      const reused = await call(service, 'POST', '/v1/policies', { key: ADMIN, body: { name: 'other' }, headers });

      expect(reused.status).toBe(409);
      expect(reused.body).toMatchObject({ code: 'idempotency_key_reused', idempotency_key: 'create-reports-2' });
      expect(envelopeProblems(reused)).toEqual([]);
    } finally {
      await service.close();
    }
  });

  it('rejects the same key while the first request runs', async () => {
    const { gate, arrived, releaseFirst } = holdFirstCreation();
    const service = await startService({}, gate);
    try {
      const request = { key: ADMIN, body: { name: 'slow' }, headers: { 'idempotency-key': 'create-slow' } };
      const first = call(service, 'POST', '/v1/policies', request);
      await arrived;
      const second = await call(service, 'POST', '/v1/policies', request);
      releaseFirst();

      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({ code: 'idempotency_request_in_progress', idempotency_key: 'create-slow' });
      expect(envelopeProblems(second)).toEqual([]);
      expect((await first).status).toBe(201);
    } finally {
      await service.close();
    }
  });

  it('frees the key after a failed request', async () => {
    const service = await startService();
    try {
      const headers = { 'idempotency-key': 'create-baseline' };
      const conflict = await call(service, 'POST', '/v1/policies', { key: ADMIN, body: { name: 'baseline' }, headers });
      const retried = await call(service, 'POST', '/v1/policies', { key: ADMIN, body: { name: 'baseline' }, headers });

      expect(conflict.body.code).toBe('conflict');
      expect(retried.body.code).toBe('conflict');
    } finally {
      await service.close();
    }
  });

  it('rejects an invalid key', async () => {
    const service = await startService();
    try {
      const response = await call(service, 'POST', '/v1/policies', { key: ADMIN, body: { name: 'x' }, headers: { 'idempotency-key': 'has space' } });

      expect(response.status).toBe(400);
      expect(response.body.code).toBe('bad_request');
      expect(envelopeProblems(response)).toEqual([]);
    } finally {
      await service.close();
    }
  });
});
