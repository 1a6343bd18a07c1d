/** Errors about the resources of a tenant: one that does not exist, or a change that conflicts with their state. */
import { defineError } from '../define.ts';

/** Params of `resource_not_found`. */
export interface ResourceNotFoundParams {
  /**
   * Type of the resource in snake_case, such as `policy` or `api_key`.
   * @pattern ^[a-z][a-z0-9]*(_[a-z0-9]+)*$
   */
  resource: string;
  /**
   * Id that the request named, as it was sent.
   * @minLength 1
   */
  id: string;
  /** Tenant that was searched, logged only. */
  tenant_id?: string;
}

/** Params of `conflict`. */
export interface ConflictParams {
  /**
   * Type of the resource in snake_case, such as `policy`.
   * @pattern ^[a-z][a-z0-9]*(_[a-z0-9]+)*$
   */
  resource: string;
  /**
   * The rule that the request would break, as a sentence fragment such as `a policy named "baseline" already exists in this tenant`.
   * @minLength 1
   */
  reason: string;
  /** Id of the existing resource that the request conflicts with, logged only. */
  conflicting_id?: string;
}

export const resourceErrors = {
  resource_not_found: defineError<ResourceNotFoundParams>()({
    status: 404,
    title: 'Resource not found',
    summary: 'no resource of this type with this id exists in the tenant',
    retry: {
      retryable: false,
      advice: 'check the id of the resource',
      reason: 'the same id is not found on a second try',
    },
    when:
      'The route exists, but the tenant of the credential has no resource of the requested type with this id. ' +
      'The response names both in `resource` and `id`. Common causes:',
    causes: [
      'The id has a typo or was cut short when it was copied.',
      'The resource was deleted, for example a policy that another admin of the tenant removed.',
      'The id belongs to another type of resource, such as an API key id used in a policy path.',
    ],
    fix: [
      'Compare `resource` and `id` in the response with the resource you meant.',
      'List the resources of that type, such as `GET /v1/policies`, to find the current id.',
      'If you work with several tenants, check that the credential belongs to the tenant that owns the resource, as the [tenants](/administration/tenants) page explains.',
    ],
    detail: 'No {resource} with id {id} was found.',
    params: { resource: 'public', id: 'public', tenant_id: 'internal' },
    example: { resource: 'policy', id: 'pol_8c1d2e' },
    related: [
      { code: 'route_not_found', note: 'same status, no route matches the path.' },
      { code: 'forbidden', note: 'the resource exists but the credential may not use it.' },
      { href: '/administration/tenants', title: 'Tenants' },
    ],
    since: '0.1.0',
  }),

  conflict: defineError<ConflictParams>()({
    status: 409,
    title: 'Conflict',
    summary: 'the request conflicts with the current state of a resource',
    retry: {
      retryable: false,
      advice: 'resolve the conflict, then send the request again',
      reason: 'the conflict stays until the state of the resource changes',
    },
    when:
      'The request is valid, but applying it would break a rule about the current state of a resource in the tenant, ' +
      'such as the rule that policy names are unique within a tenant. Agnes changed nothing. Common causes:',
    causes: [
      'A policy with the same name already exists in the tenant, for example because a create request was sent twice.',
      'The request renames a resource to a name that another resource of the tenant already uses.',
      'The resource is in a state that does not allow the action, such as removing the last `owner` of a tenant.',
    ],
    fix: [
      'Read `detail`: it names the rule that the request would break.',
      'Fetch the current state of the resource, and update the existing resource instead of creating a new one where that is what you meant.',
      'Send create requests with an [idempotency key](/api/idempotency), so that a retry returns the first result instead of a conflict.',
    ],
    detail: 'Conflict on {resource}: {reason}.',
    params: { resource: 'public', reason: 'detail', conflicting_id: 'internal' },
    example: { resource: 'policy', reason: 'a policy named "production-baseline" already exists in this tenant' },
    related: [
      { code: 'idempotency_key_reused', note: 'same status, caused by an idempotency key.' },
      { href: '/api/idempotency', title: 'Idempotency' },
      { href: '/administration/roles-and-permissions', title: 'Roles & permissions', note: 'rules about owners.' },
    ],
    since: '0.1.0',
  }),
};
