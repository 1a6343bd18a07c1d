/** The 401 family: requests without a credential, or with one that Agnes does not accept. */
import { defineError } from '../define.ts';

/** Params of `invalid_api_key`. */
export interface InvalidApiKeyParams {
  /**
   * First 8 characters of the key that was sent. Logged only. Deprecated, because it puts part of
   * a secret key in the logs: pass `key_sha256_prefix` instead.
   * @deprecated Pass `key_sha256_prefix` instead.
   */
  key_prefix?: string;
  /**
   * First 12 hex characters of the SHA-256 of the key that was sent, to match a log line against
   * stored key hashes without logging any part of the key. Logged only.
   */
  key_sha256_prefix?: string;
}

/** Params of `api_key_revoked`. */
export interface ApiKeyRevokedParams {
  /**
   * Id of the revoked key as the API keys page shows it, such as `key_3f9a1b`. It is an id, not the secret key.
   * @minLength 1
   */
  key_id: string;
  /** User who revoked the key, logged only. */
  revoked_by_user_id?: string;
}

/** Params of `token_expired`. */
export interface TokenExpiredParams {
  /**
   * Time when the token expired, from its `exp` claim, in RFC 3339 format.
   * @format date-time
   */
  expired_at: string;
  /** User the token was issued to, logged only. */
  user_id?: string;
}

/** Params of `session_expired`. */
export interface SessionExpiredParams {
  /** User whose session expired, logged only. */
  user_id?: string;
}

export const authenticationErrors = {
  unauthenticated: defineError()({
    status: 401,
    title: 'Unauthenticated',
    summary: 'the request carries no credential',
    retry: {
      retryable: false,
      advice: 'send an API key or a user JWT',
      reason: 'the request needs a credential first',
    },
    when:
      'Every Agnes endpoint requires a credential: an API key, or the JWT of a signed-in user, ' +
      'sent as a bearer token in the `Authorization` header. This request had none, so Agnes cannot tell who sent it. ' +
      'Common causes:',
    causes: [
      'The `Authorization` header is missing, often because the variable that holds the API key is empty where the client runs.',
      'The credential is sent without the `Bearer` scheme, in another header, or in the query string.',
      'A proxy or a redirect drops the `Authorization` header. Many HTTP clients remove it when they follow a redirect to another host.',
    ],
    fix: [
      'Send `Authorization: Bearer <credential>` with every request.',
      'For server-to-server calls, create an [API key](/administration/api-keys) with the scopes you need. For users, sign in to get a JWT.',
      'Check that the variable or secret that holds the credential is set in the environment where the client runs.',
    ],
    detail: 'Authentication required: send an API key or a JWT as a bearer token in the Authorization header.',
    params: {},
    example: {},
    related: [
      { code: 'invalid_api_key', note: 'a key was sent but is not known.' },
      { code: 'token_expired', note: 'a JWT was sent but has expired.' },
      { href: '/administration/api-keys', title: 'API keys' },
    ],
    since: '0.1.0',
  }),

  invalid_api_key: defineError<InvalidApiKeyParams>()({
    status: 401,
    title: 'Invalid API key',
    summary: 'the API key is not known to Agnes',
    retry: {
      retryable: false,
      advice: 'send a valid API key',
      reason: 'the same key is rejected on every try',
    },
    when:
      'The request sent an API key that matches no key of any tenant. ' +
      'Agnes does not say whether a similar key exists, so that keys cannot be guessed. ' +
      'A key that exists but was revoked returns [`api_key_revoked`](/errors/api_key_revoked) instead. Common causes:',
    causes: [
      'The key was copied incompletely, or with extra whitespace or a line break.',
      'The key belongs to another Agnes environment, such as a staging key sent to production.',
      'The key was deleted, so Agnes no longer has a record of it.',
    ],
    fix: [
      'Copy the key again from where you stored it when it was created, because Agnes shows the whole key only once.',
      'Trim whitespace and line breaks from the value before sending it.',
      'If the key is lost, create a new one on the [API keys](/administration/api-keys) page and delete the old one.',
    ],
    detail: 'The API key is not valid. Check the key or create a new one.',
    params: { key_prefix: 'internal', key_sha256_prefix: 'internal' },
    example: {},
    related: [
      { code: 'api_key_revoked', note: 'same status, the key exists but was revoked.' },
      { code: 'unauthenticated', note: 'no credential was sent.' },
      { href: '/administration/api-keys', title: 'API keys' },
    ],
    since: '0.1.0',
  }),

  api_key_revoked: defineError<ApiKeyRevokedParams>()({
    status: 401,
    title: 'API key revoked',
    summary: 'the API key was revoked and can no longer be used',
    retry: {
      retryable: false,
      advice: 'use an active API key',
      reason: 'a revoked key cannot be restored',
    },
    when:
      'The API key is known to Agnes, but an owner or admin of its tenant revoked it, so it no longer authenticates any request. ' +
      'A revoked key cannot be restored. Common causes:',
    causes: [
      'An owner or admin revoked the key after it leaked, or while rotating keys.',
      'A deployment still uses the old key after a rotation.',
      'The key was revoked together with the account of the user who created it.',
    ],
    fix: [
      'Look up the key id from `detail` on the [API keys](/administration/api-keys) page to see who revoked it and when.',
      'Create a new key with the same scopes, or ask an owner or admin to create one.',
      'Replace the old key in every deployment and secret store that holds it.',
    ],
    detail: 'API key {key_id} has been revoked. Use an active key.',
    params: { key_id: 'detail', revoked_by_user_id: 'internal' },
    example: { key_id: 'key_3f9a1b' },
    related: [
      { code: 'invalid_api_key', note: 'same status, the key is not known at all.' },
      { href: '/administration/api-keys', title: 'API keys' },
      { href: '/administration/roles-and-permissions', title: 'Roles & permissions', note: 'who may revoke keys.' },
    ],
    since: '0.1.0',
  }),

  token_expired: defineError<TokenExpiredParams>()({
    status: 401,
    title: 'Token expired',
    summary: 'the JWT of the user has expired',
    retry: {
      retryable: false,
      advice: 'get a new token, then send the request again',
      reason: 'the client needs a new token first',
    },
    when:
      "The request carried a user JWT whose `exp` claim is in the past. Agnes accepts a JWT only until it expires, " +
      'so the client needs a new token before it can call the API again. Common causes:',
    causes: [
      'A long-running browser tab or script kept using the token of an old session.',
      'The client caches the token and does not refresh it before it expires.',
      'The clock of the client is wrong, so the client believes an expired token is still valid.',
    ],
    fix: [
      'Refresh the token, or sign in again, and send the request with the new token.',
      'Refresh tokens shortly before their `exp` time instead of waiting for a 401.',
      'For unattended scripts, use an [API key](/administration/api-keys), which does not depend on a user session.',
    ],
    detail: 'The token expired at {expired_at}. Sign in again to get a new one.',
    params: { expired_at: 'detail', user_id: 'internal' },
    example: { expired_at: '2026-10-21T07:28:00Z' },
    related: [
      { code: 'unauthenticated', note: 'no credential was sent.' },
      { code: 'email_not_verified', note: 'the JWT is valid but the user has not verified their email.' },
      { href: '/administration/users', title: 'Users' },
    ],
    since: '0.1.0',
  }),

  session_expired: defineError<SessionExpiredParams>()({
    status: 401,
    title: 'Session expired',
    summary: 'the sign-in session of the user has ended',
    retry: {
      retryable: false,
      advice: 'sign in again, then send the request again',
      reason: 'the client needs a new token first',
    },
    when:
      'The request carried a user JWT from a sign-in session that has ended. ' +
      'Older Agnes gateways send this code when the token of the session expires. ' +
      'Current gateways send [`token_expired`](/errors/token_expired) in the same case, ' +
      'which also says when the token expired. Common causes:',
    causes: [
      'The user signed in long ago and the browser tab or script kept using the token of that session.',
      'The client does not refresh the token before its `exp` time.',
      'The request went through an older gateway that has not moved to `token_expired` yet.',
    ],
    fix: [
      'Sign in again, or refresh the token, and send the request with the new token.',
      'Handle `token_expired` in the same place as this code, because newer gateways send it instead.',
      'For unattended scripts, use an [API key](/administration/api-keys), which does not depend on a user session.',
    ],
    detail: 'The session has expired. Sign in again to get a new token.',
    params: { user_id: 'internal' },
    example: {},
    related: [
      { code: 'token_expired', note: 'the code that replaces this one.' },
      { code: 'unauthenticated', note: 'no credential was sent.' },
      { href: '/administration/users', title: 'Users' },
    ],
    since: '0.1.0',
    deprecated: {
      since: '0.1.0',
      replacement: 'token_expired',
      reason: '`token_expired` also gives the time when the token expired.',
    },
  }),
};
