/** SDK classes of each HTTP status family that the Agnes catalog uses. */
import type { SdkClassNames } from '../define.ts';

export const agnesFamilies = {
  400: { typescript: 'BadRequestError', python: 'BadRequestError' },
  401: { typescript: 'AuthenticationError', python: 'AuthenticationError' },
  403: { typescript: 'PermissionError', python: 'PermissionError' },
  404: { typescript: 'NotFoundError', python: 'NotFoundError' },
  405: { typescript: 'MethodNotAllowedError', python: 'MethodNotAllowedError' },
  408: { typescript: 'RequestTimeoutError', python: 'RequestTimeoutError' },
  409: { typescript: 'ConflictError', python: 'ConflictError' },
  413: { typescript: 'PayloadTooLargeError', python: 'PayloadTooLargeError' },
  415: { typescript: 'UnsupportedMediaTypeError', python: 'UnsupportedMediaTypeError' },
  422: { typescript: 'UnprocessableEntityError', python: 'UnprocessableEntityError' },
  429: { typescript: 'RateLimitError', python: 'RateLimitError' },
  431: { typescript: 'HeadersTooLargeError', python: 'HeadersTooLargeError' },
  500: { typescript: 'InternalServerError', python: 'InternalServerError' },
  502: { typescript: 'BadGatewayError', python: 'BadGatewayError' },
  503: { typescript: 'ServiceUnavailableError', python: 'ServiceUnavailableError' },
  504: { typescript: 'GatewayTimeoutError', python: 'GatewayTimeoutError' },
} as const satisfies Record<number, SdkClassNames>;
