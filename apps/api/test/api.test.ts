/** The example service end to end, over real HTTP on 127.0.0.1. */
import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import { agnesRegistry } from '@agnes/errors';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { call, envelopeProblems, envelopeSchemaErrors, startService, type RunningService } from './support.ts';

const READ = 'agnes_demo_read';
const ADMIN = 'agnes_demo_admin';
const UNVERIFIED = 'agnes_demo_unverified';
const GLOBEX = 'agnes_demo_globex';

describe('example API', () => {
  let service: RunningService;

  beforeAll(async () => {
    service = await startService({ AGNES_DEMO_FAULTS: '1' });
  });
  afterAll(() => service.close());

  it('reference scenario returns the reference envelope', async () => {
    const response = await call(service, 'DELETE', '/v1/policies/pol_1', { key: READ });

    expect(response.status).toBe(403);
    expect(envelopeProblems(response)).toEqual([]);
    expect(response.body).toEqual({
      detail: 'Permission denied: missing scope policy:delete.',
      code: 'forbidden',
      request_id: response.headers.get('x-request-id'),
      doc_url: 'https://docs.lasscyber.com/errors/forbidden',
    });
  });

  it('cross-tenant access says nothing of the other tenant', async () => {
    const response = await call(service, 'GET', '/v1/policies/pol_1', { key: GLOBEX });

    expect(response.status).toBe(403);
    expect(response.body.code).toBe('forbidden');
    expect(envelopeProblems(response)).toEqual([]);
    expect(response.text.toLowerCase()).not.toContain('acme');
    expect(response.text.toLowerCase()).not.toContain('globex');
  });

  it('cross-tenant access is logged with both tenants', async () => {
    const response = await call(service, 'PATCH', '/v1/policies/pol_1', { key: GLOBEX, body: { name: 'taken over' } });
    const lines = service.logs().filter((line) => line.reqId === response.body.request_id);

    expect(lines).toContainEqual(expect.objectContaining({ msg: 'Rejected a cross-tenant access attempt', credential_tenant_id: 'globex', resource_tenant_id: 'acme' }));
    expect(lines).toContainEqual(expect.objectContaining({ code: 'forbidden', params: expect.objectContaining({ credential_tenant_id: 'globex', resource_tenant_id: 'acme' }) }));
  });

  it.each([
    { name: 'unverified user', key: UNVERIFIED, code: 'email_not_verified' },
    { name: 'no key', key: undefined, code: 'unauthenticated' },
    { name: 'unknown key', key: 'agnes_unknown_key_0000', code: 'invalid_api_key' },
  ] as const)('$name gets $code', async ({ key, code }) => {
    const response = await call(service, 'GET', '/v1/policies', { key });

    expect(response.body.code).toBe(code);
    expect(response.status).toBe(agnesRegistry.entries[code].status);
    expect(envelopeProblems(response)).toEqual([]);
  });

  it('401 carries a bearer challenge', async () => {
    const response = await call(service, 'GET', '/v1/policies', { headers: { authorization: 'Basic YWxhZGRpbjpvcGVu' } });

    expect(response.body.code).toBe('unauthenticated');
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="agnes"');
  });

  it('admin creates, reads, updates and deletes a policy', async () => {
    const created = await call(service, 'POST', '/v1/policies', { key: ADMIN, body: { name: 'crud', rules: [{ action: 'deny', resource: 'billing/*' }] } });
    const id = String(created.body.id);
    const read = await call(service, 'GET', `/v1/policies/${id}`, { key: READ });
    const updated = await call(service, 'PATCH', `/v1/policies/${id}`, { key: ADMIN, body: { description: 'Denies billing.' } });
    const removed = await call(service, 'DELETE', `/v1/policies/${id}`, { key: ADMIN });
    const gone = await call(service, 'GET', `/v1/policies/${id}`, { key: ADMIN });

    expect(created.status).toBe(201);
    expect(read.body).toMatchObject({ id, name: 'crud' });
    expect(updated.body).toMatchObject({ id, description: 'Denies billing.' });
    expect(removed.status).toBe(204);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ code: 'resource_not_found', resource: 'policy', id });
    expect(envelopeProblems(gone)).toEqual([]);
  });

  it('lists only the policies of the caller’s tenant', async () => {
    const acme = await call(service, 'GET', '/v1/policies', { key: READ });
    const globex = await call(service, 'GET', '/v1/policies', { key: GLOBEX });

    expect((acme.body.data as { id: string }[]).map((policy) => policy.id)).toContain('pol_1');
    expect(globex.body.data).toEqual([]);
  });

  it('invalid fields get one item per field', async () => {
    const response = await call(service, 'POST', '/v1/policies', { key: ADMIN, body: { name: '', rules: [{ action: 'maybe', resource: 'x' }], owner: 'me' } });

    expect(response.status).toBe(422);
    expect(envelopeProblems(response)).toEqual([]);
    expect((response.body.errors as { pointer: string }[]).map((error) => error.pointer).sort()).toEqual(['/name', '/owner', '/rules/0/action']);
  });

  it('duplicate name is a conflict', async () => {
    const response = await call(service, 'POST', '/v1/policies', { key: ADMIN, body: { name: 'baseline' } });

    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'conflict', resource: 'policy' });
    expect(envelopeProblems(response)).toEqual([]);
  });

  it('malformed JSON and wrong methods get their codes', async () => {
    const malformed = await fetch(new URL('/v1/policies', service.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: '{"name":',
    });
    const wrongMethod = await call(service, 'PUT', '/v1/policies/pol_1', { key: ADMIN });

    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { code: string }).code).toBe('malformed_json');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toContain('DELETE');
  });

  it.each([
    { name: '__proto__', body: '{"name":"poisoned","__proto__":{"isAdmin":true}}' },
    { name: 'constructor.prototype', body: '{"name":"poisoned","constructor":{"prototype":{"isAdmin":true}}}' },
    { name: 'nested __proto__', body: '{"name":"poisoned","rules":[{"action":"allow","resource":"x","__proto__":{}}]}' },
  ])('body with $name gets malformed_json', async ({ body }) => {
    const response = await fetch(new URL('/v1/policies', service.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body,
    });
    const envelope = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(400);
    expect(envelope.code).toBe('malformed_json');
    expect(envelopeSchemaErrors(envelope)).toEqual([]);
  });

  it('lists every policy without pagination', async () => {
    const names = Array.from({ length: 30 }, (_, index) => `listed-${index}`);
    for (const name of names) await call(service, 'POST', '/v1/policies', { key: ADMIN, body: { name } });
    const list = await call(service, 'GET', '/v1/policies', { key: READ });
    const listed = (list.body.data as { name: string }[]).map((policy) => policy.name);

    expect(Object.keys(list.body)).toEqual(['data']);
    for (const name of names) expect(listed).toContain(name);
  });

  it.each([
    { contentType: 'text/plain', body: '{"name":"plain"}' },
    { contentType: 'application/x-www-form-urlencoded', body: 'name=form' },
  ])('$contentType body gets 415', async ({ contentType, body }) => {
    const response = await fetch(new URL('/v1/policies', service.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': contentType },
      body,
    });
    const envelope = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(415);
    expect(envelope.code).toBe('unsupported_media_type');
    expect(envelope.supported_media_types).toEqual(['application/json']);
    expect(envelopeSchemaErrors(envelope)).toEqual([]);
  });

  it('fault route masks the error and logs it', async () => {
    const response = await call(service, 'GET', '/v1/_fault');
    const line = service.logs().find((entry) => entry.request_id === response.body.request_id);

    expect(response.status).toBe(500);
    expect(Object.keys(response.body)).toEqual(['detail', 'code', 'request_id', 'doc_url']);
    expect(response.text).not.toContain('10.0.3.7');
    expect(line).toMatchObject({ level: 50, code: 'internal_error' });
    expect((line?.err as { message: string }).message).toContain('10.0.3.7:5432');
  });

  it('never logs a key or an Authorization header', async () => {
    for (const key of [READ, ADMIN, UNVERIFIED, GLOBEX, 'agnes_unknown_key_0000']) {
      await call(service, 'DELETE', '/v1/policies/pol_404', { key });
    }

    for (const key of [READ, ADMIN, UNVERIFIED, GLOBEX, 'agnes_unknown_key_0000']) expect(service.logText()).not.toContain(key);
    expect(service.logText().toLowerCase()).not.toContain('bearer ');
  });

  it.each<{ key: string; fingerprinted: boolean }>([
    { key: 'zzSECRETzz0123456789abcdef', fingerprinted: true },
    { key: 'zzSECRET1234567', fingerprinted: false },
  ])('logs no part of unknown key $key', async ({ key, fingerprinted }) => {
    const response = await call(service, 'GET', '/v1/policies', { key });
    const line = service.logs().find((entry) => entry.request_id === response.body.request_id && entry.code === 'invalid_api_key');
    const fingerprint = createHash('sha256').update(key).digest('hex').slice(0, 12);

    expect(response.status).toBe(401);
    expect(line?.params).toEqual(fingerprinted ? { key_sha256_prefix: fingerprint } : {});
    expect(line?.key_sha256_prefix).toBeUndefined();
    expect(response.body.key_sha256_prefix).toBeUndefined();
    expect(service.logText()).not.toContain(key.slice(0, 8));
  });

  it('redacts keys in paths and member names', async () => {
    const before = service.logText().length;
    const notFound = await call(service, 'GET', `/v1/policies/${READ}`, { key: ADMIN });
    const unknownRoute = await call(service, 'GET', `/v1/${GLOBEX}`, { key: ADMIN });
    const invalid = await call(service, 'POST', '/v1/policies', { key: ADMIN, body: { name: 'keys', [UNVERIFIED]: true } });
    const logged = service.logText().slice(before);

    expect(notFound.status).toBe(404);
    expect(unknownRoute.status).toBe(404);
    expect(invalid.status).toBe(422);
    for (const key of [READ, GLOBEX, UNVERIFIED]) expect(logged).not.toContain(key);
    expect(logged).toContain('/v1/policies/agnes_[redacted]');
    expect(logged).toContain('/agnes_[redacted]');
  });

  it.each([
    { method: 'GET', path: `/health?token=${ADMIN}`, logsCompletion: true },
    { method: 'GET', path: `/v1/policies?api_key=${ADMIN}&limit=5`, logsCompletion: true },
    { method: 'DELETE', path: `/v1/policies/pol_404?token=${ADMIN}`, logsCompletion: true },
    { method: 'GET', path: `/v1/nothing?${ADMIN}`, logsCompletion: true },
    { method: 'PUT', path: `/v1/policies/pol_1?token=${ADMIN}`, logsCompletion: true },
    // Fastify logs no "request completed" line for the 400 it sends for a path that does not decode.
    { method: 'GET', path: `/v1/%zz?token=${ADMIN}`, logsCompletion: false },
  ])('keeps a query key out of logs: $method $path', async ({ method, path, logsCompletion }) => {
    const before = service.logs().length;
    const response = await fetch(new URL(path, service.url), { method });
    await response.text();
    if (logsCompletion) {
      // Fastify logs "request completed" once the response has gone out, which can follow its arrival.
      const requestId = response.headers.get('x-request-id');
      await vi.waitFor(() => expect(service.logs()).toContainEqual(expect.objectContaining({ reqId: requestId, msg: 'request completed' })));
    }
    const lines = service.logs().slice(before);
    const incoming = lines.find((line) => line.msg === 'incoming request');

    expect(incoming?.req).toMatchObject({ method, url: path.slice(0, path.indexOf('?')) });
    for (const line of lines) expect(JSON.stringify(line)).not.toContain(ADMIN);
  });

  it('keeps userinfo of an absolute-form target out of logs', async () => {
    const before = service.logs().length;
    const port = new URL(service.url).port;
    const head = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: Number(port) });
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('error', reject);
      socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
      socket.end(`GET http://user:${ADMIN}@127.0.0.1:${port}/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    });
    await vi.waitFor(() => expect(service.logs().slice(before)).toContainEqual(expect.objectContaining({ msg: 'request completed' })));
    const lines = service.logs().slice(before);

    expect(head.startsWith('HTTP/1.1 ')).toBe(true);
    expect(lines.find((line) => line.msg === 'incoming request')?.req).toMatchObject({ url: '/health' });
    for (const line of lines) expect(JSON.stringify(line)).not.toContain(ADMIN);
  });
});

describe('example API without demo faults', () => {
  it('has no fault route', async () => {
    const service = await startService();
    try {
      const response = await call(service, 'GET', '/v1/_fault');

      expect(response.status).toBe(404);
      expect(response.body.code).toBe('route_not_found');
    } finally {
      await service.close();
    }
  });
});
