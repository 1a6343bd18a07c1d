/** Request bodies that Agnes cannot read: invalid JSON, too large, or in an unsupported media type. */
import { defineError } from '../define.ts';

/** Params of `malformed_json`. */
export interface MalformedJsonParams {
  /**
   * Short parser message, such as `unexpected end of input at position 57`. Do not copy the body into it.
   * @minLength 1
   */
  reason: string;
}

/** Params of `payload_too_large`. */
export interface PayloadTooLargeParams {
  /**
   * Largest request body that the endpoint accepts, in bytes.
   * @asType integer
   * @minimum 1
   */
  max_bytes: number;
}

/** Params of `unsupported_media_type`. */
export interface UnsupportedMediaTypeParams {
  /**
   * Media types that the endpoint accepts, such as `application/json`.
   * @minItems 1
   * @uniqueItems true
   */
  supported_media_types: string[];
  /**
   * Media type from the request's `Content-Type` header without its parameters, or `none` when the header was missing.
   * @minLength 1
   */
  content_type: string;
}

export const bodyErrors = {
  malformed_json: defineError<MalformedJsonParams>()({
    status: 400,
    title: 'Malformed JSON',
    summary: 'the request body is not valid JSON',
    retry: {
      retryable: false,
      advice: 'fix the request body',
      reason: 'the same body cannot be parsed on a second try',
    },
    when:
      'The request declared a JSON body, but Agnes could not parse it, so none of its fields were checked. ' +
      'A body that parses but has missing or invalid fields returns ' +
      '[`validation_failed`](/errors/validation_failed) instead. Common causes:',
    causes: [
      'The body was built by joining strings and has a trailing comma, single quotes or an unescaped quote inside a policy name.',
      'The body was cut short, for example because the client stopped sending it after a timeout.',
      'The body is in another format, such as form data, but is sent with `Content-Type: application/json`.',
      'The body is empty on a request that requires one, such as `POST /v1/policies`.',
    ],
    fix: [
      'Read `detail`: it says where the parser stopped.',
      'Serialize the body with a JSON library instead of building it by hand.',
      'Check the exact bytes that the client sends, for example by logging the body before sending it.',
    ],
    detail: 'The request body is not valid JSON: {reason}.',
    params: { reason: 'detail' },
    example: { reason: 'unexpected end of input at position 57' },
    related: [
      { code: 'validation_failed', note: 'the body parsed but has invalid fields.' },
      { code: 'unsupported_media_type', note: 'the body is not declared as JSON.' },
      { href: '/api/errors', title: 'Errors' },
    ],
    since: '0.1.0',
  }),

  payload_too_large: defineError<PayloadTooLargeParams>()({
    status: 413,
    title: 'Payload too large',
    summary: 'the request body is larger than the endpoint accepts',
    retry: {
      retryable: false,
      advice: 'send a smaller body',
      reason: 'the same body exceeds the limit on every try',
    },
    when:
      'Each Agnes endpoint limits the size of the request body, and this body is larger than that limit. ' +
      'Agnes stops reading such a body and processes none of it. The limit in bytes is in `max_bytes`. Common causes:',
    causes: [
      'A bulk request, such as importing many policies at once, goes past the limit.',
      'The body carries data that the endpoint does not need, such as a base64-encoded file.',
      'The `Content-Length` header announces more bytes than the limit, even if the body is shorter.',
    ],
    fix: [
      'Compare the size of the body with `max_bytes`.',
      'Split bulk operations into several smaller requests, each with its own [idempotency key](/api/idempotency), so that a retried part is not applied twice.',
      'Remove data from the body that the endpoint does not need.',
    ],
    detail: 'The request body exceeds the limit of {max_bytes} bytes.',
    params: { max_bytes: 'public' },
    example: { max_bytes: 1048576 },
    related: [
      { href: '/api/idempotency', title: 'Idempotency', note: 'retry split requests safely.' },
      { href: '/api/errors', title: 'Errors' },
    ],
    since: '0.1.0',
  }),

  unsupported_media_type: defineError<UnsupportedMediaTypeParams>()({
    status: 415,
    title: 'Unsupported media type',
    summary: 'the request body is in a media type that the endpoint does not accept',
    retry: {
      retryable: false,
      advice: 'send the body in a supported media type',
      reason: 'the same media type is rejected on every try',
    },
    when:
      'The `Content-Type` header of the request names a media type that the endpoint cannot read, or is missing. ' +
      'The media types that the endpoint accepts are listed in `supported_media_types`. ' +
      'Most Agnes endpoints accept only `application/json`. Common causes:',
    causes: [
      'The request has a body but no `Content-Type` header.',
      'The client sends form data (`application/x-www-form-urlencoded` or `multipart/form-data`), which is the default of some HTTP libraries.',
      'The header has a typo, such as `application/jsn`, or names another type, such as `text/plain`.',
    ],
    fix: [
      'Send the body as JSON with the header `Content-Type: application/json`.',
      'Check how your HTTP library encodes a body by default, and pass the body as JSON explicitly.',
      'Compare the header with the types listed in `supported_media_types`.',
    ],
    detail: 'Content type {content_type} is not supported by this endpoint.',
    params: { supported_media_types: 'public', content_type: 'detail' },
    example: { supported_media_types: ['application/json'], content_type: 'application/x-www-form-urlencoded' },
    related: [
      { code: 'malformed_json', note: 'the body is declared as JSON but does not parse.' },
      { href: '/api/errors', title: 'Errors' },
    ],
    since: '0.1.0',
  }),
};
