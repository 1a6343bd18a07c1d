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
