/** The abort signal of one call: the caller's signal and the call's timeout in one. */
import type { AgnesError } from '../errors/agnes-error.ts';
import { APITimeoutError, APIUserAbortError } from '../errors/transport.ts';

/** One call's signal, its deadline, and the error that an abort of it stands for. */
export interface CallSignal {
  readonly signal: AbortSignal;
  /** Time when the call times out, in milliseconds since the epoch. */
  readonly deadline: number;
  /** The error to throw once `signal` is aborted: a timeout or the caller's abort. */
  abortError(): AgnesError;
  /** Clears the timer and the listener on the caller's signal. */
  dispose(): void;
}

/** Starts the timeout of a call and links the caller's signal to it. */
export function startCallSignal(timeout: number, callerSignal: AbortSignal | undefined): CallSignal {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeout);
  const onCallerAbort = () => controller.abort();
  if (callerSignal?.aborted) controller.abort();
  else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });

  return {
    signal: controller.signal,
    deadline: Date.now() + timeout,
    abortError: () =>
      timedOut
        ? new APITimeoutError(`The call did not finish within its timeout of ${timeout} ms`, { retryable: false })
        : new APIUserAbortError('The request was aborted by its signal', { cause: callerSignal?.reason }),
    dispose: () => {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    },
  };
}

/** Waits `ms` milliseconds; rejects as soon as `signal` is aborted. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
