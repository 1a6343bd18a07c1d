/**
 * The "SDK behaviour" sentence of a page, derived from the code's retry policy:
 * whether SDKs retry, how long they wait, and the entry's own reason.
 */
import type { ErrorEntry, RetryPolicy } from '@agnes/errors';
import { codeSpan } from './markdown.ts';

/**
 * Shortest Retry-After delay, in seconds, that the Agnes SDKs do not wait for with their
 * default options: they raise the error instead. It is both the default cap on server
 * hints (`maxRetryAfter` in TypeScript, `max_retry_after` in Python) and the default
 * time limit of a whole call. test/sdk-retry-rules.test.ts checks both SDKs against it.
 */
export const SDK_RETRY_AFTER_LIMIT_SECONDS = 60;

/** Methods that the Agnes SDKs retry only when the request carries an idempotency key. */
export const METHODS_RETRIED_ONLY_WITH_KEY: readonly string[] = ['POST', 'PATCH', 'DELETE'];

/**
 * Retry behaviour of the SDKs for a code: never, after the server's delay, after the
 * delay when the response has one and with backoff otherwise, or with backoff alone.
 */
export type RetryKind = 'never' | 'after-delay' | 'after-delay-or-backoff' | 'backoff';

/**
 * Returns how SDKs retry a code. `afterParamRequired` is true when every response of
 * the code carries the `retry.afterParam` delay. When the delay may be absent, SDKs
 * fall back to backoff.
 */
export function retryKindOf(retry: RetryPolicy, afterParamRequired: boolean): RetryKind {
  if (!retry.retryable) return 'never';
  if (retry.afterParam === undefined) return 'backoff';
  return afterParamRequired ? 'after-delay' : 'after-delay-or-backoff';
}

/**
 * Returns what SDKs do with a code, such as "SDKs do not retry 403s — there is
 * no recovery without a permission change." The sentence names the whole status
 * (`403s`) when `statusUniform` is true, because every code of that status is retried
 * the same way. Otherwise it names the code alone, so that it stays true for each code.
 */
export function retrySentence(code: string, entry: ErrorEntry<any>, kind: RetryKind, statusUniform: boolean): string {
  const subject = statusUniform ? `${entry.status}s` : `${codeSpan(code)} errors`;
  const reason = entry.retry.reason === undefined ? '' : ` — ${entry.retry.reason}`;
  const afterParam = codeSpan(entry.retry.afterParam ?? '');

  switch (kind) {
    case 'never':
      return `SDKs do not retry ${subject}${reason}.`;
    case 'after-delay':
      return [
        `SDKs retry ${subject} after the Retry-After delay, which the ${afterParam} member also gives in seconds${reason}.`,
        DELAY_LIMIT_RULE,
        IDEMPOTENCY_RULE,
      ].join(' ');
    case 'after-delay-or-backoff':
      return [
        `SDKs retry ${subject} after the Retry-After delay when the response has one, and otherwise with exponential backoff and jitter${reason}.`,
        `The ${afterParam} member gives the same delay in seconds.`,
        DELAY_LIMIT_RULE,
        IDEMPOTENCY_RULE,
      ].join(' ');
    case 'backoff':
      return `SDKs retry ${subject} with exponential backoff and jitter, up to their retry limit${reason}. ${IDEMPOTENCY_RULE}`;
  }
}

const DELAY_LIMIT_RULE =
  `With their default settings, a delay of ${SDK_RETRY_AFTER_LIMIT_SECONDS} seconds or more raises the error instead, ` +
  'for you to schedule the retry.';

const IDEMPOTENCY_RULE = `SDKs retry ${listOf(METHODS_RETRIED_ONLY_WITH_KEY.map(codeSpan))} request only when it carries an idempotency key.`;

/** Joins items as "a `A`, `B` or `C`". */
function listOf(items: readonly string[]): string {
  const last = items.at(-1) ?? '';
  return items.length > 1 ? `a ${items.slice(0, -1).join(', ')} or ${last}` : `a ${last}`;
}
