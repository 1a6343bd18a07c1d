/** A fixed-window rate limit per key, such as an API key id or a client address: at most `max` requests in each minute. */

const WINDOW_MS = 60_000;

/** Result of counting one request. */
export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts requests per key in windows of one minute, in memory. */
export class RateLimiter {
  readonly #max: number;
  readonly #now: () => number;
  readonly #windows = new Map<string, { start: number; count: number }>();
  #lastPrune: number;

  constructor(max: number, now: () => number = Date.now) {
    this.#max = max;
    this.#now = now;
    this.#lastPrune = now();
  }

  /** Number of keys whose window is kept, ended ones included until the next prune. */
  get size(): number {
    return this.#windows.size;
  }

  /** Counts a request of `key`; once the limit is reached, returns the seconds until the window ends. */
  hit(key: string): RateLimitResult {
    const now = this.#now();
    let window = this.#currentWindow(key, now);
    if (window === undefined) {
      this.#prune(now);
      window = { start: now, count: 0 };
      this.#windows.set(key, window);
    }
    window.count += 1;
    return this.#resultOf(window.count <= this.#max, window.start, now);
  }

  /** Returns whether `key` may send one more request in this window, without counting one. */
  check(key: string): RateLimitResult {
    const now = this.#now();
    const window = this.#currentWindow(key, now);
    return this.#resultOf(window === undefined || window.count < this.#max, window?.start ?? now, now);
  }

  #currentWindow(key: string, now: number): { start: number; count: number } | undefined {
    const window = this.#windows.get(key);
    return window !== undefined && now - window.start < WINDOW_MS ? window : undefined;
  }

  #resultOf(allowed: boolean, start: number, now: number): RateLimitResult {
    if (allowed) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((start + WINDOW_MS - now) / 1000)) };
  }

  /**
   * Deletes the ended windows, at most once a minute, so that keys seen once, such as the addresses
   * of clients that never come back, do not pile up. The map then contains at most the keys seen in
   * the last two minutes.
   */
  #prune(now: number): void {
    if (now - this.#lastPrune < WINDOW_MS) return;
    this.#lastPrune = now;
    for (const [key, window] of this.#windows) {
      if (now - window.start >= WINDOW_MS) this.#windows.delete(key);
    }
  }
}
