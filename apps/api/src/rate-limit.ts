/** A fixed-window rate limit per API key: at most `max` requests in each minute. */

const WINDOW_MS = 60_000;

/** Result of counting one request. */
export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts requests per key in windows of one minute, in memory. */
export class RateLimiter {
  readonly #max: number;
  readonly #now: () => number;
  readonly #windows = new Map<string, { start: number; count: number }>();

  constructor(max: number, now: () => number = Date.now) {
    this.#max = max;
    this.#now = now;
  }

  /** Counts a request of `keyId`; once the limit is reached, returns the seconds until the window ends. */
  hit(keyId: string): RateLimitResult {
    const now = this.#now();
    let window = this.#windows.get(keyId);
    if (window === undefined || now - window.start >= WINDOW_MS) {
      window = { start: now, count: 0 };
      this.#windows.set(keyId, window);
    }
    window.count += 1;
    if (window.count <= this.#max) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000)) };
  }
}
