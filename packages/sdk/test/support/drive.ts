/** Runs a client call under vitest's fake timers, jumping the clock over each retry delay. */
import { vi } from 'vitest';
import type { RecordingLogger } from './logger.ts';

export interface DrivenCall<T> {
  value?: T;
  error?: unknown;
  /** The delay of each retry, in milliseconds, as the client logged it. */
  delays: number[];
}

/** Installs fake `setTimeout`, `clearTimeout` and `Date`; real I/O keeps running. */
export function useFakeClock(now = '2026-10-21T07:27:30Z'): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(new Date(now));
}

const RETRY_MESSAGE = 'Retrying request';

/** Maximum real time that a helper waits for sockets, in milliseconds, before it fails the test. */
const MAX_REAL_WAIT_MS = 10_000;

/** Waits on real `setImmediate` turns until `condition` holds; fails after 10 s of real time. */
export async function until(condition: () => boolean, what: string): Promise<void> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > MAX_REAL_WAIT_MS) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Waits for `call` to settle. Each time the client logs "Retrying request", the fake
 * clock advances by the logged delay, so no test waits in real time. It polls on real
 * `setImmediate` turns, which fake timers leave alone, so socket events keep flowing.
 */
export async function driveRetries<T>(call: Promise<T>, logger: RecordingLogger): Promise<DrivenCall<T>> {
  const delays: number[] = [];
  let outcome: { value?: T; error?: unknown } | undefined;
  call.then(
    (value) => (outcome = { value }),
    (error: unknown) => (outcome = { error }),
  );
  let seen = logger.entries.filter((entry) => entry.message === RETRY_MESSAGE).length;
  const start = performance.now();
  for (;;) {
    if (performance.now() - start > MAX_REAL_WAIT_MS) throw new Error('Timed out waiting for the call to settle');
    const retries = logger.entries.filter((entry) => entry.message === RETRY_MESSAGE);
    if (retries.length > seen) {
      const delay = retries[seen++]!.fields.delayMs as number;
      delays.push(delay);
      await vi.advanceTimersByTimeAsync(delay);
    } else if (outcome) {
      return { ...outcome, delays };
    } else {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
