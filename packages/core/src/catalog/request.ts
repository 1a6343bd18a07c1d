/**
 * Requests that cannot be routed: an unparsable request line, headers above the limit, a request that
 * did not arrive in time, an unknown path or a wrong method.
 */
import { defineError } from '../define.ts';

/** Params of `bad_request`. */
export interface BadRequestParams {
  /**
   * Short description of the part that could not be parsed, such as `invalid percent-encoding in the path`.
   * @minLength 1
   */
  reason: string;
}

/** Params of `route_not_found`. */
export interface RouteNotFoundParams {
  /**
   * HTTP method of the request, such as `GET`.
   * @minLength 1
   */
  method: string;
  /**
   * Path of the request, such as `/v1/policies`. Leave out the query string, because it may contain secrets.
   * @minLength 1
   */
  path: string;
}

/** Params of `method_not_allowed`. */
export interface MethodNotAllowedParams {
  /**
   * Methods that the route accepts, the same list as the `Allow` response header.
   * @minItems 1
   * @uniqueItems true
   */
  allowed_methods: string[];
  /**
   * HTTP method of the request, such as `POST`.
   * @minLength 1
   */
  method: string;
  /**
   * Path of the request without the query string, such as `/v1/policies/pol_8c1d2e`.
   * @minLength 1
   */
  path: string;
}

export const requestErrors = {
  bad_request: defineError<BadRequestParams>()({
    status: 400,
    title: 'Bad request',
    summary: 'the request line, its percent-encoding or its query string could not be parsed',
    retry: {
      retryable: false,
      advice: 'fix the request before sending it again',
      reason: 'the same request cannot be parsed on a second try',
    },
    when:
      'Agnes could not parse the request before routing it, so no endpoint handled it. ' +
      'The path, the query string or their percent-encoding break the HTTP or URL syntax. Common causes:',
    causes: [
      'The path contains a broken percent-encoding: a `%` not followed by two hex digits (`%G1`), or bytes that are not UTF-8 (`%85`).',
      'A policy name or another value was put into the URL without encoding it, so it contains spaces, `#` or `?`.',
      'A query parameter has a value of the wrong form, such as `limit=ten`, or appears twice where only one is allowed.',
    ],
    fix: [
      'Read `detail`: it names the part of the request that could not be parsed.',
      "Build URLs with your HTTP library's URL encoder instead of joining strings, so that every path segment and query value is percent-encoded.",
      "Check the query parameters against the endpoint's reference: their names, their types and how often each may appear.",
    ],
    detail: 'The request could not be parsed: {reason}.',
    params: { reason: 'detail' },
    example: { reason: 'invalid percent-encoding in the path' },
    related: [
      { code: 'malformed_json', note: 'the body, not the request line, could not be parsed.' },
      { code: 'headers_too_large', note: 'the request line and headers are larger than Agnes accepts.' },
      { code: 'request_timeout', note: 'the request did not arrive whole in time.' },
      { code: 'validation_failed', note: 'the body parsed but has invalid fields.' },
      { href: '/api/errors', title: 'Errors' },
    ],
    since: '0.1.0',
  }),

  headers_too_large: defineError()({
    status: 431,
    title: 'Request headers too large',
    summary: 'the request line and headers are larger than Agnes accepts',
    retry: {
      retryable: false,
      advice: 'send smaller headers',
      reason: 'the same headers exceed the limit on every try',
    },
    when:
      'Agnes reads the request line and all headers before it routes a request, and stops reading when they are ' +
      'larger than its limit, so no endpoint handled the request and its body was not read. Common causes:',
    causes: [
      "The client sends many or large cookies, for example cookies that a web app on the same domain set for the API's host.",
      'A bearer token is very large, such as a JWT that carries many claims or group names.',
      'A proxy or an SDK middleware adds the same header again on every retry or redirect.',
      'A long query string, such as a list of many ids, makes the request line too large.',
    ],
    fix: [
      'Log the names and sizes of the headers that the client sends, without their values, and find the one that grows.',
      'Send credentials in the `Authorization` header only, and do not send browser cookies to the API host.',
      'Move long lists from the query string into the body of a `POST` request, if the endpoint has one.',
    ],
    detail: 'The request line and headers are larger than the server accepts.',
    params: {},
    example: {},
    related: [
      { code: 'payload_too_large', note: 'the body, not the headers, is too large.' },
      { code: 'bad_request', note: 'the request line or headers could not be parsed.' },
      { href: '/api/errors', title: 'Errors' },
    ],
    since: '0.1.0',
  }),

  // Retryable because Agnes closes the connection before it has the whole request. The SDKs retry a
  // request that is not idempotent only when it carries an idempotency key.
  request_timeout: defineError()({
    status: 408,
    title: 'Request timeout',
    summary: 'Agnes did not receive the whole request in time',
    retry: {
      retryable: true,
      advice: 'send the request again on a new connection',
      reason: 'the request did not arrive whole, and a second try may be faster',
    },
    when:
      'The client opened a connection but did not send the whole request, its headers and body, within the time ' +
      'limit of the server. Agnes stopped waiting and closed the connection. The SDKs retry this code with ' +
      'exponential backoff, and retry a `POST`, `PATCH` or `DELETE` request only when it carries an ' +
      '[idempotency key](/api/idempotency). Common causes:',
    causes: [
      'The client sends a large body over a slow or congested network.',
      'The client writes the body from a slow source, such as a stream that pauses, after the request has started.',
      'A proxy between the client and Agnes forwards the request too slowly.',
    ],
    fix: [
      'Build the whole body before you send the request, instead of streaming it from a slow source.',
      'Send large imports as several smaller requests, each with its own [idempotency key](/api/idempotency).',
      'Retry on a new connection with backoff, as the SDKs do.',
    ],
    detail: 'The server did not receive the whole request in time.',
    params: {},
    example: {},
    related: [
      { code: 'payload_too_large', note: 'the body is larger than the endpoint accepts.' },
      { code: 'gateway_timeout', note: 'Agnes, not the client, waited too long for a service behind it.' },
      { href: '/api/errors', title: 'Errors' },
    ],
    since: '0.1.0',
  }),

  route_not_found: defineError<RouteNotFoundParams>()({
    status: 404,
    title: 'Route not found',
    summary: 'no API route matches the request path',
    retry: {
      retryable: false,
      advice: 'fix the path of the request',
      reason: 'the same path matches no route on a second try',
    },
    when:
      'No endpoint of the Agnes API matches the path of the request. ' +
      'This code is about the URL itself: when the route exists but the resource does not, the response is ' +
      '[`resource_not_found`](/errors/resource_not_found) instead. Common causes:',
    causes: [
      'The path has a typo, such as `/v1/policy` instead of `/v1/policies`, or lacks the version prefix `/v1`.',
      'The path has a trailing or doubled slash, such as `/v1/policies/`, where the route has none.',
      "The client's base URL points at the docs or dashboard host instead of the API host.",
      'The client calls an endpoint that this Agnes version does not have.',
    ],
    fix: [
      'Compare the method and path in `detail` with the endpoint in the API reference.',
      'Remove trailing and doubled slashes, and check the spelling of every path segment.',
      'Check the base URL that your client or SDK is configured with.',
    ],
    detail: 'No route matches {method} {path}.',
    params: { method: 'detail', path: 'detail' },
    example: { method: 'GET', path: '/v1/policy/pol_8c1d2e' },
    related: [
      { code: 'resource_not_found', note: 'same status, the route exists but the resource does not.' },
      { code: 'method_not_allowed', note: 'the path exists but not for this method.' },
      { href: '/api/errors', title: 'Errors' },
    ],
    since: '0.1.0',
  }),

  method_not_allowed: defineError<MethodNotAllowedParams>()({
    status: 405,
    title: 'Method not allowed',
    summary: 'the route exists but does not accept the request method',
    retry: {
      retryable: false,
      advice: 'use one of the allowed methods',
      reason: 'the endpoint accepts the same methods on every try',
    },
    when:
      'The path matches an Agnes endpoint, but that endpoint does not support the HTTP method of the request. ' +
      'The methods it supports are listed in `allowed_methods` and in the `Allow` response header. Common causes:',
    causes: [
      'The request uses `PUT` on an endpoint that updates a policy with `PATCH`.',
      'The request sends `POST` to one resource, such as `/v1/policies/pol_8c1d2e`, but resources are created on the collection, `/v1/policies`.',
      'The request sends `DELETE` to a collection path instead of to one resource.',
    ],
    fix: [
      'Send the request again with one of the methods in `allowed_methods`.',
      'Check in the API reference which method and path perform the operation you want.',
      'If a proxy or HTTP library rewrites the method, configure it to send the method unchanged.',
    ],
    detail: 'Method {method} is not allowed on {path}.',
    params: { allowed_methods: 'public', method: 'detail', path: 'detail' },
    example: { allowed_methods: ['GET', 'PATCH', 'DELETE'], method: 'POST', path: '/v1/policies/pol_8c1d2e' },
    related: [
      { code: 'route_not_found', note: 'no route matches the path at all.' },
      { href: '/api/errors', title: 'Errors' },
    ],
    since: '0.1.0',
  }),
};
