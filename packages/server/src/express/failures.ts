/**
 * Express's own failures as contract errors: the `http-errors` that body-parser and raw-body raise
 * (each has a `type`), the `node:zlib` error of a body that does not decompress, and the 400 that
 * the router raises for a parameter that does not decode.
 */
import * as zlib from 'node:zlib';
import type { Request } from 'express';
import { decompressionFailedReason, isDecompressionError, unsupportedCharsetReason, unsupportedCodingReason } from '../body-encoding.ts';
import { isContractError, type ContractError } from '../contract-error.ts';
import { jsonSyntaxReason } from '../failures.ts';
import type { ErrorRenderer } from '../renderer.ts';

interface HttpErrorLike extends Error {
  type?: unknown;
  status?: unknown;
  limit?: unknown;
  charset?: unknown;
}

/**
 * Content codings that body-parser 2.4 decodes, `zstd` only where `node:zlib` has it (Node 22.15
 * and 23.8 on). body-parser 2.2 does not decode `zstd`, so a reason leaves out the rejected coding.
 */
const DECODED_CODINGS: readonly string[] = ['gzip', 'deflate', 'br', ...('createZstdDecompress' in zlib ? ['zstd'] : [])];

/** Message of body-parser's `encoding.unsupported` error when its `inflate` option is `false`. */
const INFLATE_DISABLED_MESSAGE = 'content encoding unsupported';

/** `bad_request` reasons of body-parser and raw-body error types. */
const BAD_REQUEST_REASON_BY_TYPE: Readonly<Record<string, string>> = {
  'request.aborted': 'the request body was aborted',
  'request.size.invalid': 'the body length does not match Content-Length',
  'parameters.too.many': 'the body has too many parameters',
};

/**
 * Returns the contract error for a failure that Express or its body parsers raised, or `undefined`
 * for any other value, which the renderer then masks. The original error is kept as the `cause`.
 */
export function contractErrorOfExpressFailure(error: unknown, renderer: ErrorRenderer<any>, request: Request): ContractError | undefined {
  if (!(error instanceof Error) || isContractError(error)) return undefined;
  const { type, status, limit, charset } = error as HttpErrorLike;
  const cause = { cause: error };

  if (error instanceof URIError && status === 400) {
    return renderer.failure('badRequest', { reason: 'the path has invalid percent-encoding' }, cause);
  }
  // body-parser passes the error of its decompression stream on with status 400 and no `type`.
  if (status === 400 && type === undefined && isDecompressionError(error)) {
    return renderer.failure('badRequest', { reason: decompressionFailedReason(request.headers['content-encoding']) }, cause);
  }
  if (typeof type !== 'string' || typeof status !== 'number') return undefined;
  if (type === 'entity.parse.failed') {
    return renderer.failure('malformedJson', { reason: jsonSyntaxReason(error) }, cause);
  }
  if (type === 'entity.too.large' && typeof limit === 'number' && limit >= 1) {
    return renderer.failure('payloadTooLarge', { max_bytes: limit }, cause);
  }
  // Both are sent as 400, not 415, because the 415 envelope can only name media types, and the
  // media type itself is accepted.
  if (type === 'charset.unsupported') {
    return renderer.failure('badRequest', { reason: unsupportedCharsetReason(charset) }, cause);
  }
  if (type === 'encoding.unsupported') {
    return renderer.failure('badRequest', { reason: unsupportedCodingReasonOf(error, request) }, cause);
  }
  const reason = BAD_REQUEST_REASON_BY_TYPE[type];
  return reason === undefined ? undefined : renderer.failure('badRequest', { reason }, cause);
}

/** Returns the reason for a content coding that body-parser rejected, with the codings it would decode. */
function unsupportedCodingReasonOf(error: Error, request: Request): string {
  const header = request.headers['content-encoding'];
  if (error.message === INFLATE_DISABLED_MESSAGE) return unsupportedCodingReason(header, []);
  const rejected = String(header ?? '').trim().toLowerCase();
  return unsupportedCodingReason(header, DECODED_CODINGS.filter((coding) => coding !== rejected));
}
