/** Paths with a trailing slash reach the same routes as without it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, envelopeProblems, type RunningService, startService } from './support.ts';

const ADMIN = 'agnes_demo_admin';

describe('trailing slash', () => {
  let service: RunningService;

  beforeAll(async () => {
    service = await startService();
  });
  afterAll(() => service.close());

  it('GET /v1/policies/ lists the policies', async () => {
    const response = await call(service, 'GET', '/v1/policies/', { key: ADMIN });

    expect(response.status).toBe(200);
    expect(response.body.data).toContainEqual(expect.objectContaining({ id: 'pol_1' }));
  });

  it('POST /v1/policies/ creates a policy', async () => {
    const response = await call(service, 'POST', '/v1/policies/', { key: ADMIN, body: { name: 'with slash' } });

    expect(response.status).toBe(201);
    expect(response.body.name).toBe('with slash');
  });

  it.each(['DELETE', 'PATCH'])('%s /v1/policies/ gets the collection 405', async (method) => {
    const response = await call(service, method, '/v1/policies/', { key: ADMIN, body: method === 'PATCH' ? { name: 'x' } : undefined });

    expect(response.status).toBe(405);
    expect(response.body.code).toBe('method_not_allowed');
    expect(response.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(envelopeProblems(response)).toEqual([]);
  });

  it('GET /v1/policies/pol_1/ reads the policy', async () => {
    const response = await call(service, 'GET', '/v1/policies/pol_1/', { key: ADMIN });

    expect(response.status).toBe(200);
    expect(response.body.id).toBe('pol_1');
  });

  const methods = ['GET', 'PUT', 'POST', 'PATCH', 'DELETE', 'OPTIONS'];
  const paths = ['/v1/policies//', '/v1//policies', '/v1/policies/pol_1//', '/v1/policies//pol_1', '/health//'];
  const keys = [
    { auth: 'with a key', key: ADMIN },
    { auth: 'without a key', key: undefined },
  ];
  it.each(methods.flatMap((method) => paths.flatMap((path) => keys.map(({ auth, key }) => ({ method, path, auth, key })))))(
    '$method $path is not found $auth',
    async ({ method, path, key }) => {
      const body = method === 'POST' || method === 'PUT' || method === 'PATCH' ? { name: 'empty segment' } : undefined;
      const response = await call(service, method, path, { key, body });

      expect(response.status).toBe(404);
      expect(response.body.code).toBe('route_not_found');
      expect(response.body.detail).toContain(path);
      expect(response.headers.get('allow')).toBeNull();
      expect(envelopeProblems(response)).toEqual([]);
    },
  );

  it('HEAD /v1/policies// is not found', async () => {
    const response = await fetch(new URL('/v1/policies//', service.url), { method: 'HEAD', headers: { authorization: `Bearer ${ADMIN}` } });

    expect(response.status).toBe(404);
    expect(response.headers.get('allow')).toBeNull();
  });

  it('keeps a double slash in the query string', async () => {
    const response = await call(service, 'GET', '/v1/policies?next=//x', { key: ADMIN });

    expect(response.status).toBe(200);
  });
});
