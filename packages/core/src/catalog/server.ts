/** The 5xx family: faults of Agnes or of the services behind it. All of them are retryable. */
import { defineError } from '../define.ts';

/** Params of `bad_gateway`. */
export interface BadGatewayParams {
  /** Host or name of the upstream service. Logged only, because it reveals the internal network. */
  upstream?: string;
}

/** Params of `service_unavailable`. */
export interface ServiceUnavailableParams {
  /**
   * Seconds to wait before retrying, when Agnes can estimate them. It is the same value as the `Retry-After` header.
   * @asType integer
   * @minimum 0
   */
  retry_after?: number;
  /** Name of the dependency that is unavailable, such as the database. Logged only. */
  dependency?: string;
}

/** Params of `gateway_timeout`. */
export interface GatewayTimeoutParams {
  /** Host or name of the upstream service. Logged only, because it reveals the internal network. */
  upstream?: string;
}

export const serverErrors = {
  // Retryable because most faults behind a 500 are transient. The SDKs retry a request that is not
  // idempotent only when it carries an idempotency key, so a retry cannot apply a change twice.
  internal_error: defineError()({
    status: 500,
    title: 'Internal error',
    summary: 'Agnes failed while processing the request',
    retry: {
      retryable: true,
      advice: 'retry with backoff, and contact support with the request id if it persists',
      reason: 'most faults behind a 500 are transient',
    },
    when:
      'Agnes ran into a fault of its own and could not complete the request. ' +
      'The response carries no details of the fault, so that no internal data leaks, and Agnes logs the full error ' +
      'with the `request_id`. Most such faults are transient, so the SDKs retry this code with exponential backoff. ' +
      'They retry a `POST`, `PATCH` or `DELETE` request only when it carries an ' +
      '[idempotency key](/api/idempotency). Common causes:',
    causes: [
      'A dependency of Agnes, such as its database, failed for a moment.',
      'A deployment was in progress and the instance stopped during the request.',
      'A bug in Agnes met an input that it does not handle.',
    ],
    fix: [
      'Retry the request with backoff. Send requests that create or change data with an [idempotency key](/api/idempotency), so that a retry cannot apply them twice.',
      'If the error persists, contact support and quote the [request id](/api/request-ids) of the response.',
    ],
    detail: 'An internal error occurred. Retry later, or contact support with the request id.',
    params: {},
    example: {},
    related: [
      { code: 'service_unavailable', note: 'Agnes is temporarily unable to take requests.' },
      { href: '/api/request-ids', title: 'Request ids' },
      { href: '/api/idempotency', title: 'Idempotency' },
    ],
    since: '0.1.0',
  }),

  bad_gateway: defineError<BadGatewayParams>()({
    status: 502,
    title: 'Bad gateway',
    summary: 'a service behind Agnes returned an invalid response',
    retry: {
      retryable: true,
      advice: 'retry with backoff',
      reason: 'faults of upstream services are usually transient',
    },
    when:
      'Agnes passed part of the work to another service, and that service returned a response Agnes could not use. ' +
      'Agnes logs which service failed but does not name it in the response. Common causes:',
    causes: [
      'A service behind Agnes was restarting or being deployed.',
      'A service behind Agnes crashed while it was answering.',
    ],
    fix: [
      'Retry with backoff. The SDKs retry this code for you.',
      'If it persists for several minutes, contact support and quote the [request id](/api/request-ids) of the response.',
    ],
    detail: 'An upstream service returned an invalid response. Retry the request.',
    params: { upstream: 'internal' },
    example: {},
    related: [
      { code: 'gateway_timeout', note: 'the upstream service did not answer in time.' },
      { code: 'service_unavailable', note: 'Agnes itself is unavailable.' },
      { href: '/api/request-ids', title: 'Request ids' },
    ],
    since: '0.1.0',
  }),

  service_unavailable: defineError<ServiceUnavailableParams>()({
    status: 503,
    title: 'Service unavailable',
    summary: 'Agnes is temporarily unable to handle the request',
    retry: {
      retryable: true,
      advice: 'retry after the Retry-After delay, or with backoff',
      afterParam: 'retry_after',
      reason: 'Agnes is unavailable only for short periods',
    },
    when:
      'Agnes is overloaded or in maintenance, and does not process requests for a short time. ' +
      'When it knows how long, `retry_after` and the `Retry-After` header give the seconds to wait. Common causes:',
    causes: [
      'Planned maintenance is in progress.',
      'Agnes is shedding load during a spike of traffic.',
      'A dependency that every request needs, such as the database, is unavailable.',
    ],
    fix: [
      'Wait `retry_after` seconds when the response has it, and otherwise retry with exponential backoff. The SDKs do both, but raise the error when the delay is longer than their limit: schedule such a retry yourself.',
      'If it lasts longer than a few minutes, contact support and quote the [request id](/api/request-ids) of the response.',
    ],
    detail: 'The service is temporarily unavailable. Retry later.',
    params: { retry_after: 'public', dependency: 'internal' },
    example: { retry_after: 30 },
    related: [
      { code: 'internal_error', note: 'a fault while processing one request.' },
      { code: 'rate_limited', note: 'too many requests from this caller.' },
      { href: '/api/request-ids', title: 'Request ids' },
    ],
    since: '0.1.0',
  }),

  gateway_timeout: defineError<GatewayTimeoutParams>()({
    status: 504,
    title: 'Gateway timeout',
    summary: 'a service behind Agnes did not respond in time',
    retry: {
      retryable: true,
      advice: 'retry with backoff',
      reason: 'slow upstream services usually recover',
    },
    when:
      'Agnes waited for another service and stopped waiting when its time limit ran out. ' +
      'The request may still have taken effect in that service. Common causes:',
    causes: [
      'A service behind Agnes is slow under load.',
      'The request starts a long operation, such as a large bulk update.',
    ],
    fix: [
      'Retry with backoff. Send requests that create or change data with an [idempotency key](/api/idempotency), so that a retry cannot apply them twice.',
      'Split large operations into smaller requests.',
      'If timeouts persist, contact support and quote the [request id](/api/request-ids) of the response.',
    ],
    detail: 'An upstream service did not respond in time. Retry the request.',
    params: { upstream: 'internal' },
    example: {},
    related: [
      { code: 'bad_gateway', note: 'the upstream service answered with an invalid response.' },
      { href: '/api/idempotency', title: 'Idempotency' },
      { href: '/api/request-ids', title: 'Request ids' },
    ],
    since: '0.1.0',
  }),
};
