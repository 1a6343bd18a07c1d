/**
 * Failures of `@fastify/multipart` (10.1) and of its parser, `@fastify/busboy` (3.2), as contract
 * errors. They are faults of the client's upload, but the plugin gives them statuses of their own
 * (413, 406, 400) or none, so the renderer would mask them as a 500 logged as a server fault.
 */
import type { FastifyRequest } from 'fastify';
import type { ContractError } from '../contract-error.ts';
import { ABORTED_BODY_REASON } from '../failures.ts';
import type { ErrorRenderer } from '../renderer.ts';
import { hasRequestBody, mediaTypeOf } from '../request-facts.ts';

const MULTIPART_FORM_DATA = 'multipart/form-data';

/**
 * `bad_request` reasons of the plugin's error codes, which `fastify.multipartErrors` lists. The
 * count limits are `limits.files`, `limits.parts` and `limits.fields` of the plugin's options, which
 * are not bytes, so they cannot fill the `max_bytes` of a 413.
 */
const BAD_REQUEST_REASONS: Readonly<Record<string, string>> = {
  FST_FILES_LIMIT: 'the multipart body has more files than the server accepts',
  FST_PARTS_LIMIT: 'the multipart body has more parts than the server accepts',
  FST_FIELDS_LIMIT: 'the multipart body has more fields than the server accepts',
  FST_PROTO_VIOLATION: 'a multipart field is named after a property of Object.prototype, such as __proto__',
  FST_INVALID_JSON_FIELD_ERROR: 'a multipart field with Content-Type application/json is not valid JSON',
  FST_MP_PREMATURE_CLOSE: ABORTED_BODY_REASON,
};

/** Reason of a request without a body to a route that reads a multipart body. */
const NO_MULTIPART_BODY_REASON = 'the request has no body, but this endpoint reads a multipart/form-data body';

/** Reason of a file above `limits.fileSize` when the limit cannot be read from the error. */
const FILE_TOO_LARGE_REASON = 'a file in the multipart body is larger than the server accepts';

/**
 * Returns the contract error for a failure of `@fastify/multipart` or its parser, or `undefined` for
 * any other value. The error is kept as the `cause`.
 */
export function contractErrorOfMultipartFailure(
  error: Error & { code?: unknown },
  renderer: ErrorRenderer<any>,
  request: FastifyRequest,
): ContractError | undefined {
  const cause = { cause: error };
  const { code } = error;
  if (code === 'FST_REQ_FILE_TOO_LARGE') {
    const fileSizeLimit = fileSizeLimitOf(error);
    if (fileSizeLimit === undefined) return renderer.failure('badRequest', { reason: FILE_TOO_LARGE_REASON }, cause);
    return renderer.failure('payloadTooLarge', { max_bytes: fileSizeLimit }, cause);
  }
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
    // The plugin raises this for a request without a body too, such as a GET, which has no media type to reject.
    if (!hasFastifyRequestBody(request)) {
      return renderer.failure('badRequest', { reason: NO_MULTIPART_BODY_REASON }, cause);
    }
    const contentType = mediaTypeOf(request.headers['content-type']);
    return renderer.failure('unsupportedMediaType', { supported_media_types: [MULTIPART_FORM_DATA], content_type: contentType }, cause);
  }
  if (typeof code === 'string' && Object.hasOwn(BAD_REQUEST_REASONS, code)) {
    return renderer.failure('badRequest', { reason: BAD_REQUEST_REASONS[code]! }, cause);
  }
  if (code === undefined && mediaTypeOf(request.headers['content-type']) === MULTIPART_FORM_DATA) {
    const reason = parserFailureReason(error.message);
    if (reason !== undefined) return renderer.failure('badRequest', { reason }, cause);
  }
  return undefined;
}

/**
 * Returns whether a request to a multipart route has a body. The headers that frame an HTTP/1.x
 * body decide it. An HTTP/2 request whose headers end the stream has none. Any other request has one
 * when it has a `Content-Type` header or a `Content-Length` other than 0, the headers for which
 * Fastify 5 parses a POST body. So an HTTP/2 request with a `Content-Type` that ends with an empty
 * DATA frame counts as having a body.
 */
function hasFastifyRequestBody(request: FastifyRequest): boolean {
  const { headers } = request;
  if (request.raw.httpVersionMajor === 1) return hasRequestBody(headers['content-length'], headers['transfer-encoding']);
  if ((request.raw as { stream?: { endAfterHeaders?: boolean } }).stream?.endAfterHeaders === true) return false;
  if (headers['content-length'] === '0') return false;
  return headers['content-type'] !== undefined || headers['content-length'] !== undefined;
}

/**
 * Returns the reason for an error of `@fastify/busboy`, which has no code, so only its message
 * identifies it. The caller checks first that the request is multipart, so another error with the
 * same message is not taken for one. NOTE: a later busboy that words its errors differently makes
 * them masked 500s again. The tests send both bodies.
 */
function parserFailureReason(message: string): string | undefined {
  if (message === 'Multipart: Boundary not found') return 'the multipart Content-Type has no boundary parameter';
  // Both "Unexpected end of multipart data" and "Part terminated early due to unexpected end of multipart data".
  if (/unexpected end of multipart data$/i.test(message)) return 'the multipart body ends before its closing boundary';
  return undefined;
}

/**
 * Returns the `limits.fileSize` that a file went past. The plugin puts the file part on the error,
 * and busboy sets `bytesRead` of a file that it cut to exactly that limit.
 */
function fileSizeLimitOf(error: Error): number | undefined {
  const file = (error as { part?: { file?: { truncated?: unknown; bytesRead?: unknown } } }).part?.file;
  if (file?.truncated !== true) return undefined;
  const { bytesRead } = file;
  return Number.isSafeInteger(bytesRead) && (bytesRead as number) > 0 ? (bytesRead as number) : undefined;
}
