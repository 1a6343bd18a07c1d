/** The 403 family: authenticated callers that may not perform the action. */
import { defineError } from '../define.ts';

/** Params of `forbidden`. */
export interface ForbiddenParams {
  /**
   * The scope the credential lacks, such as `policy:delete`.
   * @pattern ^[a-z_]+:[a-z_]+$
   */
  scope: string;
  /** Tenant of the credential; logged only, because naming it could leak another tenant. */
  credential_tenant_id?: string;
  /** Tenant of the requested resource; logged only. */
  resource_tenant_id?: string;
}

/** Params of `email_not_verified`. */
export interface EmailNotVerifiedParams {
  /** Id of the JWT user; logged only. */
  user_id?: string;
}

export const permissionErrors = {
  forbidden: defineError<ForbiddenParams>()({
    status: 403,
    title: 'Forbidden',
    summary: 'authenticated but not authorised for this resource',
    retry: {
      retryable: false,
      advice: 'request additional permissions',
      reason: 'there is no recovery without a permission change',
    },
    when:
      'The request authenticated successfully but the credential lacks the\n' +
      'permission needed to perform the action. Common causes:',
    causes: [
      'The API key is missing a scope (e.g. tries to delete a policy with\nonly `policy:read`).',
      'The credential belongs to tenant A but the request targets a\nresource in tenant B (a cross-tenant access attempt).',
      'The role attached to the user does not allow the action (e.g. a\n`viewer` trying to mutate something).',
      'A specialised case: the JWT user has not verified their email — see\n[`email_not_verified`](/errors/email_not_verified) which surfaces\nwith the same 403 status but a different `code`.',
    ],
    fix: [
      'Compare the action you attempted against the\n[role matrix](/administration/roles-and-permissions).',
      'If you control the API key, mint one with the right scope set.',
      'If you are a member without the right role, ask an owner or admin\nto grant it.',
      'If the resource simply belongs to a different tenant, switch\ntenants in the dashboard or use a key from the right tenant.',
    ],
    detail: 'Permission denied: missing scope {scope}.',
    params: { scope: 'detail', credential_tenant_id: 'internal', resource_tenant_id: 'internal' },
    example: { scope: 'policy:delete' },
    related: [
      { href: '/administration/roles-and-permissions', title: 'Roles & permissions' },
      { href: '/administration/api-keys', title: 'API keys', note: 'scope picker.' },
      { code: 'email_not_verified', note: 'same status,\ndifferent cause.' },
    ],
    since: '0.1.0',
  }),

  email_not_verified: defineError<EmailNotVerifiedParams>()({
    status: 403,
    title: 'Email not verified',
    summary: 'the JWT user must verify their email address before calling the API',
    retry: {
      retryable: false,
      advice: 'verify the email address, then sign in again',
      reason: 'the user has to verify their email first',
    },
    when:
      'The request carried a valid JWT, but the user it belongs to has not\n' +
      'verified their email address yet. Agnes blocks every API call from such a\n' +
      'user, whatever their role. Common causes:',
    causes: [
      'The user signed up and has not clicked the link in the verification email.',
      'The verification link expired (links are valid for 24 hours) before it was used.',
      'The user changed their email address, which must be verified again.',
    ],
    fix: [
      'Open the verification email and follow its link; check the spam folder\nif it is not in the inbox.',
      'If the link expired, request a new one from the sign-in page.',
      'Sign in again after verifying, so that the new JWT carries the verified\nstate.',
      'API keys are not affected: for server-to-server calls, use an\n[API key](/administration/api-keys) instead of a user JWT.',
    ],
    detail: 'Email address not verified: verify it before calling the API.',
    params: { user_id: 'internal' },
    example: {},
    sdk: { typescript: 'EmailNotVerifiedError', python: 'EmailNotVerifiedError' },
    related: [
      { code: 'forbidden', note: 'same status, different cause.' },
      { href: '/administration/users', title: 'Users and email verification' },
    ],
    since: '0.1.0',
  }),
};
