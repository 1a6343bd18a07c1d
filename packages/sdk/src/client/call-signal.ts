/** The abort signal of one call: the caller's signal and the call's timeout in one. */
import type { AgnesError } from '../errors/agnes-error.ts';
import { APITimeoutError, APIUserAbortError } from '../errors/transport.ts';

/** One call's signal and its deadline. */
export interface CallSignal {
  /** Aborted by the call's timeout or the caller's signal, whichever comes first, with the error to throw as its reason. */
  readonly signal: AbortSignal & { readonly reason: AgnesError };
  /** Time when the call times out, in milliseconds since the epoch. */
  readonly deadline: number;
  /** Clears the timer and the listener on the caller's signal. */
  dispose(): void;
}

/** Starts the timeout of a call and links the caller's signal to it. */
export function startCallSignal(timeout: number, callerSignal: AbortSignal | undefined): CallSignal {
  const controller = new AbortController();
  const onCallerAbort = () => controller.abort(new APIUserAbortError('The request was aborted by its signal', { cause: callerSignal?.reason }));
  // The listener is attached before the timer starts, so that a signal whose addEventListener throws leaves no timer behind.
  if (callerSignal?.aborted) onCallerAbort();
  else callerSignal?.addEventListener('abort', onCallerAbort);
  const timer = setTimeout(() => {
    controller.abort(new APITimeoutError(`The call reached its timeout of ${timeout} ms`, { retryable: false }));
  }, timeout);

  return {
    signal: controller.signal,
    deadline: Date.now() + timeout,
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
    const timer = setTimeout(resolve, ms);
    // The listener stays after the delay ends, because the call's signal lives only as long as the call,
    // and a late abort only calls reject on a settled promise. A signal fires 'abort' at most once.
    signal.addEventListener('abort', onAbort);
  });
}
