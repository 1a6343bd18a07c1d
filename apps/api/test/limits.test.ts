/** Rate limits and idempotency keys of the example service. */
import { describe, expect, it } from 'vitest';
import { call, envelopeProblems, startService } from './support.ts';

const ADMIN = 'agnes_demo_admin';

describe('rate limit', () => {
  it('returns 429 with Retry-After past RATE_LIMIT_MAX', async () => {
    const service = await startService({ RATE_LIMIT_MAX: '3' });
    try {
      const statuses = [];
      for (let index = 0; index < 3; index += 1) statuses.push((await call(service, 'GET', '/v1/policies', { key: ADMIN })).status);
      const limited = await call(service, 'GET', '/v1/policies', { key: ADMIN });
      const otherKey = await call(service, 'GET', '/v1/policies', { key: 'agnes_demo_read' });

      expect(statuses).toEqual([200, 200, 200]);
      expect(limited.status).toBe(429);
      expect(limited.body.code).toBe('rate_limited');
      expect(envelopeProblems(limited)).toEqual([]);
      expect(limited.headers.get('retry-after')).toBe(String(limited.body.retry_after));
      expect(limited.body.retry_after).toBeGreaterThanOrEqual(1);
      expect(limited.body.retry_after).toBeLessThanOrEqual(60);
      expect(otherKey.status).toBe(200);
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
    let releaseFirst: () => void = () => {};
    let firstArrived: () => void = () => {};
    const arrived = new Promise<void>((resolve) => {
      firstArrived = resolve;
    });
    const gate = () =>
      new Promise<void>((resolve) => {
        releaseFirst = resolve;
        firstArrived();
      });
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
