/**
 * Fastify's own failures (content type parsing, body limits, schema validation) and those of common
 * plugins (`@fastify/compress`, `@fastify/multipart`) as contract errors.
 */
import type { FastifyRequest } from 'fastify';
import { decompressionFailedReason, hasContentCoding, isDecompressionError, unsupportedCodingReason } from '../body-encoding.ts';
import { isContractError, type ContractError } from '../contract-error.ts';
import { fieldErrorsFromAjv, type AjvErrorLike } from '../field-errors.ts';
import { ABORTED_BODY_REASON, EMPTY_BODY_REASON } from '../failures.ts';
import type { ErrorRenderer } from '../renderer.ts';
import { mediaTypeOf } from '../request-facts.ts';
import { appliedBodyLimitOf } from './body-limit.ts';
import { contractErrorOfMultipartFailure } from './multipart-failures.ts';

/** Longest Fastify validation message used as a `bad_request` reason, in characters. */
const MAX_REASON_LENGTH = 200;

interface FastifyErrorLike extends Error {
  code?: string;
  statusCode?: unknown;
  validation?: readonly AjvErrorLike[];
  validationContext?: string;
}

/**
 * Returns the contract error for a failure that Fastify raised itself, or `undefined` for any other
 * value, which the renderer then masks. Fastify's own error is kept as the `cause`.
 */
export function contractErrorOfFastifyFailure(
  error: unknown,
  renderer: ErrorRenderer<any>,
  request: FastifyRequest,
  supportedMediaTypes: string[],
): ContractError | undefined {
  if (!(error instanceof Error) || isContractError(error)) return undefined;
  const { code, statusCode } = error as FastifyErrorLike;
  const coding = request.headers['content-encoding'];
  const cause = { cause: error };
  // Node destroys the request stream with an `aborted` error (code ECONNRESET) when the client
  // closes the connection before the whole body arrived, and Fastify's body reader passes that
  // error on. Comparing with the stream's own error keeps an ECONNRESET of the handler's outbound
  // calls a 500.
  if (error === request.raw.errored) return renderer.failure('badRequest', { reason: ABORTED_BODY_REASON }, cause);
  // Fastify gives the error of a `preParsing` hook's stream, such as a gunzip stream, status 400.
  if (statusCode === 400 && isDecompressionError(error)) {
    return renderer.failure('badRequest', { reason: decompressionFailedReason(coding) }, cause);
  }
  switch (code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      if (isUndecodedBody(request)) return renderer.failure('badRequest', { reason: unsupportedCodingReason(coding, []) }, cause);
      return renderer.failure('malformedJson', { reason: 'it could not be parsed' }, cause);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return renderer.failure('malformedJson', { reason: EMPTY_BODY_REASON }, cause);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return renderer.failure('payloadTooLarge', { max_bytes: appliedBodyLimitOf(request) }, cause);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return renderer.failure(
        'unsupportedMediaType',
        { supported_media_types: supportedMediaTypes, content_type: mediaTypeOf(request.headers['content-type']) },
        cause,
      );
    // The request decompression of `@fastify/compress` (9.2): a body that does not decompress, and
    // a coding outside its `requestEncodings`.
    case 'FST_CP_ERR_INVALID_CONTENT':
      return renderer.failure('badRequest', { reason: decompressionFailedReason(coding) }, cause);
    case 'FST_CP_ERR_INVALID_CONTENT_ENCODING':
      return renderer.failure('badRequest', { reason: unsupportedCodingReason(coding, []) }, cause);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return renderer.failure('badRequest', { reason: 'the body length does not match Content-Length' }, cause);
    case 'FST_ERR_BAD_URL':
      return renderer.failure('badRequest', { reason: 'the path has invalid percent-encoding' }, cause);
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return renderer.failure('badRequest', { reason: 'a path parameter is too long' }, cause);
    case 'FST_ERR_VALIDATION':
      return validationFailure(error as FastifyErrorLike, renderer);
    default:
      return contractErrorOfMultipartFailure(error, renderer, request);
  }
}

/**
 * A body that fails its schema is a validation failure with one item per field. A query string,
 * path parameter or header that fails is a bad request, because field pointers refer to the body.
 */
function validationFailure(error: FastifyErrorLike, renderer: ErrorRenderer<any>): ContractError {
  if (error.validationContext === 'body') {
    return renderer.failure('validationFailed', { errors: fieldErrorsFromAjv(error.validation) }, { cause: error });
  }
  // Fastify builds this message from the schema path and Ajv's rule text, never from the value.
  const reason = error.message.length > MAX_REASON_LENGTH ? `${error.message.slice(0, MAX_REASON_LENGTH)}…` : error.message;
  return renderer.failure('badRequest', { reason: reason || 'invalid request parameters' }, { cause: error });
}

/**
 * Returns whether the body still has the content coding that its `Content-Encoding` names. Fastify
 * decodes no coding, so the body is decoded only when a `preParsing` hook, such as the one of
 * `@fastify/compress`, returned a new stream. That hook may leave the header in place, so the
 * check compares the stream that the parser read with the request itself.
 */
function isUndecodedBody(request: FastifyRequest): boolean {
  if (!hasContentCoding(request.headers['content-encoding'])) return false;
  const payload = payloadStreamOf(request);
  return payload === undefined || payload === request.raw;
}

/**
 * Returns the stream that Fastify's content-type parser read: `request.raw`, or the stream that the
 * last `preParsing` hook returned. Fastify 5.12 keeps it under a symbol that it does not export.
 */
function payloadStreamOf(request: FastifyRequest): unknown {
  const key = Object.getOwnPropertySymbols(request).find((symbol) => symbol.description === 'fastify.RequestPayloadStream');
  // NOTE: without that symbol, as in a later Fastify, a decoded body that keeps its header is also
  // reported as not decoded.
  return key === undefined ? undefined : (request as unknown as Record<symbol, unknown>)[key];
}
