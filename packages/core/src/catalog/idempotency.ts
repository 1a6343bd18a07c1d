/** Errors of requests sent with an `Idempotency-Key` header. */
import { defineError } from '../define.ts';

/** Params of `idempotency_key_reused`. */
export interface IdempotencyKeyReusedParams {
  /**
   * Value of the `Idempotency-Key` header of the request.
   * @minLength 1
   * @maxLength 255
   */
  idempotency_key: string;
}

/** Params of `idempotency_request_in_progress`. */
export interface IdempotencyRequestInProgressParams {
  /**
   * Value of the `Idempotency-Key` header of the request.
   * @minLength 1
   * @maxLength 255
   */
  idempotency_key: string;
}

export const idempotencyErrors = {
  idempotency_key_reused: defineError<IdempotencyKeyReusedParams>()({
    status: 409,
    title: 'Idempotency key reused',
    summary: 'the Idempotency-Key was already used with a different request body',
    retry: {
      retryable: false,
      advice: 'use a new idempotency key for a different request',
      reason: 'the key stays bound to the body of the first request',
    },
    when:
      'Agnes stores the successful response of a request sent with an `Idempotency-Key` header, and returns that ' +
      'response again when the same key arrives with the same body. This request reused a key with a different body, ' +
      'so Agnes rejected it and left the first request as it was. Common causes:',
    causes: [
      'The client builds keys from a value that repeats, such as a timestamp in seconds or a counter that restarts.',
      'A retry changed the body, for example by adding a field or a new timestamp, but kept the key.',
      'Two different operations share one hard-coded key.',
    ],
    fix: [
      'Generate a new random key, such as a UUID, for each distinct operation.',
      'Reuse a key only to retry the same request with the same body.',
      'Read how Agnes matches keys and which requests honour them on the [idempotency](/api/idempotency) page.',
    ],
    detail: 'Idempotency-Key {idempotency_key} was already used with a different request body.',
    params: { idempotency_key: 'public' },
    example: { idempotency_key: '0b6f8a52-3c1e-4d7a-9f0e-6a2b1c9d8e47' },
    sdk: { typescript: 'IdempotencyKeyReusedError', python: 'IdempotencyKeyReusedError' },
    related: [
      { code: 'idempotency_request_in_progress', note: 'same key and body while the first request still runs.' },
      { code: 'conflict', note: 'same status, caused by the state of a resource.' },
      { href: '/api/idempotency', title: 'Idempotency' },
    ],
    since: '0.1.0',
  }),

  idempotency_request_in_progress: defineError<IdempotencyRequestInProgressParams>()({
    status: 409,
    title: 'Idempotent request in progress',
    summary: 'a request with the same Idempotency-Key is still being processed',
    retry: {
      retryable: true,
      advice: 'retry after a short delay with the same key and body',
      reason: 'a retry returns the result of the first request once it is stored',
    },
    when:
      'The first request sent with this `Idempotency-Key` has not finished yet, so Agnes has no result to return ' +
      'for the repeat. A retry with the same key and body after a short delay returns the response of the first ' +
      'request once it has succeeded, or runs the request again if the first one failed. Common causes:',
    causes: [
      'The client timed out and retried while the first request was still running.',
      'Two workers of the client sent the same request at the same time.',
      'A slow operation, such as a bulk policy update, runs longer than the client waits.',
    ],
    fix: [
      'Wait, then retry with the same key and the same body. The SDKs do this with backoff.',
      'Raise the client timeout for slow operations, so that the client does not retry too early.',
      'Make sure that only one worker sends each operation.',
    ],
    detail: 'A request with Idempotency-Key {idempotency_key} is still in progress. Retry later with the same key.',
    params: { idempotency_key: 'public' },
    example: { idempotency_key: '0b6f8a52-3c1e-4d7a-9f0e-6a2b1c9d8e47' },
    related: [
      { code: 'idempotency_key_reused', note: 'same key with a different body.' },
      { href: '/api/idempotency', title: 'Idempotency' },
    ],
    since: '0.1.0',
  }),
};
