/** The 429 family: short-term rate limits and the monthly request quota of a tenant. */
import { defineError } from '../define.ts';

/** Params of `rate_limited`. */
export interface RateLimitedParams {
  /**
   * Seconds to wait before retrying. It is the same value as the `Retry-After` header.
   * @asType integer
   * @minimum 0
   */
  retry_after: number;
  /** Name of the limit that was exceeded, such as the API key's per-minute limit. Logged only. */
  limit_name?: string;
}

/** Params of `quota_exceeded`. */
export interface QuotaExceededParams {
  /**
   * Requests per calendar month that the tenant may send.
   * @asType integer
   * @minimum 1
   */
  quota: number;
  /**
   * Time when the quota resets, in RFC 3339 format.
   * @format date-time
   */
  resets_at: string;
}

export const rateLimitErrors = {
  rate_limited: defineError<RateLimitedParams>()({
    status: 429,
    title: 'Rate limited',
    summary: 'too many requests in a short time',
    retry: {
      retryable: true,
      advice: 'wait for the Retry-After delay, then retry',
      afterParam: 'retry_after',
      reason: 'the limit accepts requests again once the delay has passed',
    },
    when:
      'Agnes limits how many requests each API key and each user may send in a short time. ' +
      'This request went over a limit, so Agnes did not process it. ' +
      'The `Retry-After` header and `retry_after` give the seconds to wait. Common causes:',
    causes: [
      'A loop or batch job sends requests without pausing.',
      'Many workers share one API key, so their requests count against one limit.',
      'A client retries failed requests at once, without backoff, which multiplies its traffic.',
    ],
    fix: [
      'Wait `retry_after` seconds before sending the next request. The SDKs do this for you, but raise the error when the delay is longer than their limit: schedule such a retry yourself.',
      'Retry with exponential backoff and jitter, and spread batch work over time.',
      'Check the limits of your tenant on the [rate limits](/administration/rate-limits) page.',
    ],
    detail: 'Rate limit exceeded. Retry after {retry_after} seconds.',
    params: { retry_after: 'public', limit_name: 'internal' },
    example: { retry_after: 30 },
    related: [
      { code: 'quota_exceeded', note: 'same status, the monthly quota is used up.' },
      { href: '/administration/rate-limits', title: 'Rate limits' },
    ],
    since: '0.1.0',
  }),

  quota_exceeded: defineError<QuotaExceededParams>()({
    status: 429,
    title: 'Quota exceeded',
    summary: 'the tenant has used up its monthly request quota',
    retry: {
      retryable: false,
      advice: 'wait for the quota to reset, or raise the quota',
      reason: 'requests keep failing until the monthly quota resets',
    },
    when:
      'Each tenant has a monthly quota of API requests, and the tenant of this credential has used all of it. ' +
      'Agnes rejects its requests until the quota resets at `resets_at`. ' +
      'Retrying sooner cannot succeed, so the SDKs do not retry this code. Common causes:',
    causes: [
      'Traffic grew past the quota of the plan, for example after a new integration went live.',
      'A runaway job or retry loop used much of the quota.',
      'Several services or environments share one tenant, and so one quota.',
    ],
    fix: [
      'Check the usage of the tenant on the [rate limits](/administration/rate-limits) page to find which API keys used the quota.',
      'Pause jobs that can wait until `resets_at`.',
      'Ask an owner of the tenant to raise the quota, as described on the [tenants](/administration/tenants) page.',
    ],
    detail: 'The monthly request quota of {quota} requests is used up. It resets at {resets_at}.',
    params: { quota: 'public', resets_at: 'public' },
    example: { quota: 100000, resets_at: '2026-11-01T00:00:00Z' },
    sdk: { typescript: 'QuotaExceededError', python: 'QuotaExceededError' },
    related: [
      { code: 'rate_limited', note: 'same status, a short-term limit that a retry can pass.' },
      { href: '/administration/rate-limits', title: 'Rate limits' },
      { href: '/administration/tenants', title: 'Tenants' },
    ],
    since: '0.1.0',
  }),
};
