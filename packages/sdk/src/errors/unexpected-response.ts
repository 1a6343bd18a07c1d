/** A success response that is not what the API sends. */
import { APIError, type APIErrorInit } from './api-error.ts';

/**
 * A 2xx response whose body is not JSON, or not valid JSON, such as an HTML page from
 * a proxy or a bot check in front of the API, or whose body cannot be decoded (corrupt
 * gzip) or is too large for a string. It is never retried, because the same request
 * would most likely get the same body.
 */
export class UnexpectedResponseError extends APIError {
  override name = 'UnexpectedResponseError';

  constructor(init: Omit<APIErrorInit, 'code' | 'isKnownCode' | 'retryable' | 'params' | 'docUrl'>) {
    super({ ...init, code: 'unknown', isKnownCode: false, retryable: false, params: {}, docUrl: undefined });
  }
}

/**
 * Builds the error for a 2xx `response` whose `detail` reads "Expected `expected` response
 * from the API, got HTTP <status> with `problem`", such as "Expected a JSON response ...".
 */
export function unexpectedResponse(response: Response, expected: string, problem: string, body: unknown): UnexpectedResponseError {
  return new UnexpectedResponseError({
    status: response.status,
    detail: `Expected ${expected} response from the API, got HTTP ${response.status} with ${problem}`,
    requestId: response.headers.get('x-request-id') ?? undefined,
    headers: response.headers,
    body,
  });
}
