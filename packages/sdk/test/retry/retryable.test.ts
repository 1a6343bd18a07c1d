import { describe, expect, it } from 'vitest';
import { isRetryableResponse } from '../../src/retry/retryable.ts';

const RETRYABLE = { retryable: true };
const FINAL = { retryable: false };

describe('isRetryableResponse', () => {
  it.each([
    { status: 403, policy: RETRYABLE, expected: false, why: 'a 403 is never retried, even with a retryable policy' },
    { status: 403, policy: undefined, expected: false, why: 'an unknown 403 is not retried' },
    { status: 409, policy: RETRYABLE, expected: true, why: 'a retryable policy wins over the status' },
    { status: 503, policy: FINAL, expected: false, why: 'a final policy wins over a transient status' },
    { status: 408, policy: undefined, expected: true, why: '408 is transient' },
    { status: 429, policy: undefined, expected: true, why: '429 is transient' },
    { status: 502, policy: undefined, expected: true, why: '502 is transient' },
    { status: 503, policy: undefined, expected: true, why: '503 is transient' },
    { status: 504, policy: undefined, expected: true, why: '504 is transient' },
    { status: 500, policy: undefined, expected: false, why: '500 without a known code is not transient' },
    { status: 400, policy: undefined, expected: false, why: '400 is not transient' },
    { status: 520, policy: undefined, expected: false, why: 'an unknown status is not transient' },
  ])('$status: $why', ({ status, policy, expected }) => {
    expect(isRetryableResponse(status, policy)).toBe(expected);
  });
});
