/**
 * The `/v1/policies` routes. Every route authenticates the caller, checks the scope of the action,
 * and responds with 403 for a policy of another tenant without naming that tenant.
 */
import type { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { AgnesError } from '@agnes/errors-server';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createAuthHook, credentialOf, requireScope, type AuthLimits, type Credential } from './auth.ts';
import { inTransaction } from './database.ts';
import { demoDelayOf } from './demo-delay.ts';
import { CLAIM_TIMEOUT_MS, IdempotencyStore, idempotencyKeyOf, requestHashOf } from './idempotency.ts';
import { CREATE_POLICY_BODY, POLICY, POLICY_PARAMS, UPDATE_POLICY_BODY, type PolicyInput } from './policy-schemas.ts';
import { PolicyStore, publicPolicy, type Policy } from './policy-store.ts';

/** Options of the policy routes. */
export interface PolicyRoutesOptions {
  database: DatabaseSync;
  limits: AuthLimits;
  /** Awaited before a policy is created; tests use it to hold a request open. */
  beforeCreate?: () => Promise<void>;
  /** Whether `POST /v1/policies` reads the `Demo-Delay-Ms` header. */
  demoDelay: boolean;
}

type WithId = { Params: { id: string } };

/** Loads a policy that the credential may act on with `scope`, or raises the error the caller gets. */
function policyFor(request: FastifyRequest<WithId>, store: PolicyStore, credential: Credential, scope: string): Policy {
  requireScope(credential, scope);
  const { id } = request.params;
  const policy = store.find(id);
  if (!policy) throw new AgnesError('resource_not_found', { resource: 'policy', id, tenant_id: credential.tenantId });
  if (policy.tenantId !== credential.tenantId) {
    request.log.warn(
      { key_id: credential.keyId, credential_tenant_id: credential.tenantId, resource_tenant_id: policy.tenantId, policy_id: id },
      'Rejected a cross-tenant access attempt',
    );
    throw new AgnesError(
      'forbidden',
      { scope, credential_tenant_id: credential.tenantId, resource_tenant_id: policy.tenantId },
      { detail: `Permission denied: this credential may not access policy ${id}.` },
    );
  }
  return policy;
}

function conflictOnName(store: PolicyStore, tenantId: string, name: string | undefined, ownId?: string): void {
  const existing = name === undefined ? undefined : store.findByName(tenantId, name);
  if (existing && existing.id !== ownId) {
    throw new AgnesError('conflict', { resource: 'policy', reason: 'a policy with this name already exists in this tenant', conflicting_id: existing.id });
  }
}

/**
 * Frees the key of a failed request. If that fails too, the request's own error is still the one
 * sent, and a retry can take the key over once its claim is `CLAIM_TIMEOUT_MS` old.
 */
function releaseOrLog(request: FastifyRequest, idempotency: IdempotencyStore, tenantId: string, key: string): void {
  try {
    idempotency.release(tenantId, key);
  } catch (releaseError) {
    request.log.error({ err: releaseError }, `Could not free an Idempotency-Key; a retry can take it over after ${CLAIM_TIMEOUT_MS / 1000} s`);
  }
}

/** Registers the policy routes; register it inside its own scope, so the authentication hook covers only them. */
export async function policyRoutes(app: FastifyInstance, options: PolicyRoutesOptions): Promise<void> {
  const store = new PolicyStore(options.database);
  const idempotency = new IdempotencyStore(options.database);
  app.addHook('onRequest', createAuthHook(options.database, options.limits));

  app.get('/v1/policies', { schema: { response: { 200: { type: 'object', properties: { data: { type: 'array', items: POLICY } } } } } }, async (request) => {
    const credential = credentialOf(request);
    requireScope(credential, 'policy:read');
    return { data: store.list(credential.tenantId).map(publicPolicy) };
  });

  app.post<{ Body: PolicyInput & { name: string } }>(
    '/v1/policies',
    { schema: { body: CREATE_POLICY_BODY, response: { 201: POLICY } } },
    async (request, reply) => {
      const credential = credentialOf(request);
      requireScope(credential, 'policy:write');
      const idempotencyKey = idempotencyKeyOf(request);
      const delayMs = options.demoDelay ? demoDelayOf(request) : 0;
      if (idempotencyKey !== undefined) {
        const start = idempotency.start(credential.tenantId, idempotencyKey, requestHashOf('POST', '/v1/policies', request.body));
        if (start.kind === 'replay') return reply.code(start.status).header('idempotent-replayed', 'true').send(start.body);
      }
      try {
        await options.beforeCreate?.();
        if (delayMs > 0) {
          request.log.info({ delay_ms: delayMs, idempotency_key: idempotencyKey }, 'Holding the request as Demo-Delay-Ms requests');
          await sleep(delayMs);
        }
        // The policy and the stored response are written together, so a client never gets a 500
        // for a policy that was created, and a retry never creates a second one.
        const created = inTransaction(options.database, () => {
          conflictOnName(store, credential.tenantId, request.body.name);
          const policy = publicPolicy(store.create(credential.tenantId, request.body));
          if (idempotencyKey !== undefined) idempotency.complete(credential.tenantId, idempotencyKey, 201, policy);
          return policy;
        });
        request.log.info({ key_id: credential.keyId, policy_id: created.id }, 'Created a policy');
        return reply.code(201).send(created);
      } catch (error) {
        if (idempotencyKey !== undefined) releaseOrLog(request, idempotency, credential.tenantId, idempotencyKey);
        throw error;
      }
    },
  );

  app.get<WithId>('/v1/policies/:id', { schema: { params: POLICY_PARAMS, response: { 200: POLICY } } }, async (request) => {
    return publicPolicy(policyFor(request, store, credentialOf(request), 'policy:read'));
  });

  app.patch<WithId & { Body: PolicyInput }>(
    '/v1/policies/:id',
    { schema: { params: POLICY_PARAMS, body: UPDATE_POLICY_BODY, response: { 200: POLICY } } },
    async (request) => {
      const credential = credentialOf(request);
      // Read and write in one transaction, so that another process sharing the file cannot delete
      // the policy or take its new name in between.
      return inTransaction(options.database, () => {
        const policy = policyFor(request, store, credential, 'policy:write');
        conflictOnName(store, credential.tenantId, request.body.name, policy.id);
        return publicPolicy(store.update(policy, request.body));
      });
    },
  );

  app.delete<WithId>('/v1/policies/:id', { schema: { params: POLICY_PARAMS } }, async (request, reply) => {
    const credential = credentialOf(request);
    const policy = inTransaction(options.database, () => {
      const found = policyFor(request, store, credential, 'policy:delete');
      store.delete(found.id);
      return found;
    });
    request.log.info({ key_id: credential.keyId, policy_id: policy.id }, 'Deleted a policy');
    return reply.code(204).send();
  });
}
