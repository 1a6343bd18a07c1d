/**
 * Authentication of the example service: a bearer API key, checked against the stored hashes, then
 * the rate limit of the key and the email verification of its user.
 */
import type { DatabaseSync } from 'node:sqlite';
import { AgnesError } from '@agnes/errors-server';
import type { FastifyRequest } from 'fastify';
import { hashApiKey } from './database.ts';
import { rawHeaderValuesOf } from './raw-headers.ts';
import type { RateLimiter } from './rate-limit.ts';

/** The caller of an authenticated request. */
export interface Credential {
  keyId: string;
  tenantId: string;
  scopes: ReadonlySet<string>;
  userId: string | undefined;
}

interface ApiKeyRow {
  id: string;
  tenant_id: string;
  scopes: string;
  user_id: string | null;
  email_verified: number;
}

/** Sent with every 401, because HTTP requires a challenge on 401 responses (RFC 9110, section 15.5.2). */
const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="agnes"' };
const BEARER = /^Bearer +([^\s]+)$/i;
/**
 * Shortest unknown key whose fingerprint is logged. A fingerprint of a shorter key would let a
 * reader of the log find the key by trying every value of that length.
 */
const MIN_KEY_LENGTH_FOR_FINGERPRINT = 16;
/** Hex characters of the key's SHA-256 that its fingerprint keeps: 48 bits. */
const FINGERPRINT_HEX_LENGTH = 12;

const credentials = new WeakMap<FastifyRequest, Credential>();

/** Returns the credential of an authenticated request. */
export function credentialOf(request: FastifyRequest): Credential {
  const credential = credentials.get(request);
  if (!credential) throw new Error('credentialOf called on a request that the authentication hook did not process');
  return credential;
}

/** Rate limits of the authentication hook. */
export interface AuthLimits {
  /** Counts the requests of each API key. */
  perKey: RateLimiter;
  /** Counts the failed authentications, the 401s, of each client address. */
  failuresPerAddress: RateLimiter;
}

/**
 * Creates the hook that authenticates each request of the API. A client address whose failures
 * used up their budget gets 429 before its credential is checked, so its response does not show
 * whether a key is valid.
 */
export function createAuthHook(database: DatabaseSync, limits: AuthLimits) {
  const findKey = database.prepare('SELECT id, tenant_id, scopes, user_id, email_verified FROM api_keys WHERE key_hash = ?');

  /** Returns the stored row of the request's bearer key, or raises a 401 error. */
  const findCredential = (request: FastifyRequest): ApiKeyRow => {
    const headers = rawHeaderValuesOf(request, 'authorization');
    if (headers.length > 1) {
      const detail = `Authentication failed: the Authorization header was sent ${headers.length} times. Send it once, with one bearer credential.`;
      throw new AgnesError('unauthenticated', {}, { detail, headers: CHALLENGE });
    }
    const header = headers[0];
    const match = header === undefined ? null : BEARER.exec(header);
    if (!match) throw new AgnesError('unauthenticated', {}, { headers: CHALLENGE });
    const key = match[1] as string;

    const keyHash = hashApiKey(key);
    const row = findKey.get(keyHash) as ApiKeyRow | undefined;
    if (!row) {
      // The 401's log line carries the start of the key's SHA-256, an internal param, in place of
      // any part of the key. It matches the start of `key_hash` in a database that stores the key,
      // such as the database of another environment, so an operator can tell such a key from a key
      // with a typo.
      const params = key.length >= MIN_KEY_LENGTH_FOR_FINGERPRINT ? { key_sha256_prefix: keyHash.slice(0, FINGERPRINT_HEX_LENGTH) } : {};
      throw new AgnesError('invalid_api_key', params, { headers: { 'WWW-Authenticate': 'Bearer realm="agnes", error="invalid_token"' } });
    }
    return row;
  };

  return async (request: FastifyRequest): Promise<void> => {
    const blocked = limits.failuresPerAddress.check(request.ip);
    if (!blocked.allowed) {
      throw new AgnesError('rate_limited', { retry_after: blocked.retryAfterSeconds, limit_name: `auth_failures_per_address:${request.ip}` });
    }
    let row: ApiKeyRow;
    try {
      row = findCredential(request);
    } catch (error) {
      if (error instanceof AgnesError && error.status === 401) limits.failuresPerAddress.hit(request.ip);
      throw error;
    }

    const limit = limits.perKey.hit(row.id);
    if (!limit.allowed) {
      throw new AgnesError('rate_limited', { retry_after: limit.retryAfterSeconds, limit_name: `per_key:${row.id}` });
    }
    // Email verification belongs to users; an API key has no user and no email to verify.
    if (row.user_id !== null && row.email_verified === 0) {
      throw new AgnesError('email_not_verified', { user_id: row.user_id ?? undefined });
    }
    credentials.set(request, {
      keyId: row.id,
      tenantId: row.tenant_id,
      scopes: new Set(row.scopes.split(' ')),
      userId: row.user_id ?? undefined,
    });
  };
}

/** Raises `forbidden` unless the credential has `scope`. */
export function requireScope(credential: Credential, scope: string): void {
  if (!credential.scopes.has(scope)) {
    throw new AgnesError('forbidden', { scope, credential_tenant_id: credential.tenantId });
  }
}
