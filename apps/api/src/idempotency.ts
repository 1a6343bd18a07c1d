/**
 * Idempotency keys of `POST` requests. The first request with a key runs and its successful
 * response is stored; a replay with the same body gets that response back. The same key with
 * another body, or while the first request still runs, is rejected.
 */
import { createHash } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { AgnesError } from '@agnes/errors-server';
import type { FastifyRequest } from 'fastify';
import { rawHeaderValuesOf } from './raw-headers.ts';

/** Header that carries the key. */
const IDEMPOTENCY_HEADER = 'idempotency-key';
const VALID_KEY = /^[\x21-\x7e]{1,255}$/;

/** Outcome of claiming an idempotency key: run the request, or replay the stored response. */
export type IdempotencyStart = { kind: 'run' } | { kind: 'replay'; status: number; body: unknown };

interface StoredRow {
  request_hash: string;
  state: 'in_progress' | 'done';
  status: number | null;
  body: string | null;
  claimed_at: number;
}

/**
 * Age after which a claim whose request never finished, because its process stopped, may be taken
 * over by a retry, in milliseconds. A request of this service takes far less.
 */
export const CLAIM_TIMEOUT_MS = 60_000;

/**
 * Returns the request's Idempotency-Key, or undefined without one.
 *
 * @throws {AgnesError} `bad_request` when the header was sent more than once.
 */
export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const values = rawHeaderValuesOf(request, IDEMPOTENCY_HEADER);
  if (values.length > 1) {
    throw new AgnesError('bad_request', { reason: `the Idempotency-Key header was sent ${values.length} times, but it must be sent once` });
  }
  return values[0];
}

/**
 * Returns a hash of what makes two requests the same: method, path and body. The body is hashed in
 * a canonical form with object keys sorted at every level, so the same fields in another order
 * count as the same body.
 */
export function requestHashOf(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${path}\n${JSON.stringify(canonicalOf(body ?? null))}`).digest('hex');
}

/** Returns a copy of a parsed JSON value whose objects have their keys in sorted order; array order is kept. */
function canonicalOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalOf);
  if (value === null || typeof value !== 'object') return value;
  // No prototype, so that a `__proto__` key is an own property like any other.
  const sorted: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(value).sort()) sorted[key] = canonicalOf((value as Record<string, unknown>)[key]);
  return sorted;
}

/** Stores idempotency keys per tenant in the database. */
export class IdempotencyStore {
  readonly #find;
  readonly #claim;
  readonly #complete;
  readonly #release;
  readonly #takeOver;
  readonly #now;

  constructor(database: DatabaseSync, now: () => number = Date.now) {
    this.#now = now;
    this.#find = database.prepare(
      'SELECT request_hash, state, status, body, claimed_at FROM idempotency_keys WHERE tenant_id = ? AND idempotency_key = ?',
    );
    this.#claim = database.prepare(
      "INSERT OR IGNORE INTO idempotency_keys (tenant_id, idempotency_key, request_hash, state, claimed_at) VALUES (?, ?, ?, 'in_progress', ?)",
    );
    // Only the claim that was read is replaced, so of two retries only one takes it over.
    this.#takeOver = database.prepare(
      "UPDATE idempotency_keys SET claimed_at = ? WHERE tenant_id = ? AND idempotency_key = ? AND state = 'in_progress' AND claimed_at = ?",
    );
    this.#complete = database.prepare(
      "UPDATE idempotency_keys SET state = 'done', status = ?, body = ? WHERE tenant_id = ? AND idempotency_key = ?",
    );
    this.#release = database.prepare("DELETE FROM idempotency_keys WHERE tenant_id = ? AND idempotency_key = ? AND state = 'in_progress'");
  }

  /**
   * Claims `key` for a request, or returns the stored response of an earlier one.
   *
   * @throws {AgnesError} `bad_request` for a key that is not 1 to 255 visible ASCII characters,
   * `idempotency_key_reused` for another body, `idempotency_request_in_progress` while the first runs.
   */
  start(tenantId: string, key: string, requestHash: string): IdempotencyStart {
    if (!VALID_KEY.test(key)) {
      throw new AgnesError('bad_request', { reason: 'the Idempotency-Key header must be 1 to 255 visible ASCII characters' });
    }
    // SQLite runs one statement at a time, so of two requests with a new key only one inserts the row.
    const now = this.#now();
    if (this.#claim.run(tenantId, key, requestHash, now).changes === 1) return { kind: 'run' };

    // The insert found the row. Another process sharing the file may have released it since.
    const stored = this.#find.get(tenantId, key) as unknown as StoredRow | undefined;
    if (stored === undefined) return this.start(tenantId, key, requestHash);
    if (stored.request_hash !== requestHash) throw new AgnesError('idempotency_key_reused', { idempotency_key: key });
    if (stored.state === 'in_progress') {
      const abandoned = now - stored.claimed_at >= CLAIM_TIMEOUT_MS;
      if (abandoned && this.#takeOver.run(now, tenantId, key, stored.claimed_at).changes === 1) return { kind: 'run' };
      throw new AgnesError('idempotency_request_in_progress', { idempotency_key: key });
    }
    return { kind: 'replay', status: stored.status ?? 200, body: JSON.parse(stored.body ?? 'null') };
  }

  /** Stores the successful response of a claimed key. */
  complete(tenantId: string, key: string, status: number, body: unknown): void {
    this.#complete.run(status, JSON.stringify(body), tenantId, key);
  }

  /** Frees a claimed key after a failed request, so that the client can retry with it. */
  release(tenantId: string, key: string): void {
    this.#release.run(tenantId, key);
  }
}
