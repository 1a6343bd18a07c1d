/**
 * The "SDK behaviour" sentence of a page, derived from the code's retry policy:
 * whether SDKs retry, how long they wait, and the entry's own reason.
 */
import type { ErrorEntry, RetryPolicy } from '@agnes/errors';
import { codeSpan } from './markdown.ts';

type RetryKind = 'never' | 'after-delay' | 'backoff';

function retryKindOf(retry: RetryPolicy): RetryKind {
  if (!retry.retryable) return 'never';
  return retry.afterParam === undefined ? 'backoff' : 'after-delay';
}

/**
 * Returns what SDKs do with a code, such as "SDKs do not retry 403s — there is
 * no recovery without a permission change." The sentence names the whole status
 * (`403s`) when every code of that status is retried the same way. Otherwise it
 * names the code alone, so that it stays true for each code.
 */
export function retrySentence(code: string, entry: ErrorEntry<any>, sameStatus: readonly ErrorEntry<any>[]): string {
  const kind = retryKindOf(entry.retry);
  const uniform = sameStatus.every((other) => retryKindOf(other.retry) === kind);
  const subject = uniform ? `${entry.status}s` : `${codeSpan(code)} errors`;
  const reason = entry.retry.reason === undefined ? '' : ` — ${entry.retry.reason}`;

  switch (kind) {
    case 'never':
      return `SDKs do not retry ${subject}${reason}.`;
    case 'after-delay':
      return (
        `SDKs retry ${subject} after the Retry-After delay, which the ` +
        `${codeSpan(entry.retry.afterParam as string)} member also gives in seconds${reason}. ${IDEMPOTENCY_RULE}`
      );
    case 'backoff':
      return `SDKs retry ${subject} with exponential backoff and jitter, up to their retry limit${reason}. ${IDEMPOTENCY_RULE}`;
  }
}

const IDEMPOTENCY_RULE =
  'A request that is not idempotent, such as a `POST`, is retried only when it carries an idempotency key.';
