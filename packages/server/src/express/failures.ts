/**
 * Express's own failures as contract errors: the `http-errors` that body-parser and raw-body raise
 * (each has a `type`), and the 400 that the router raises for a parameter that does not decode.
 */
import type { Request } from 'express';
import { isContractError, type ContractError } from '../contract-error.ts';
import { jsonSyntaxReason } from '../failures.ts';
import type { ErrorRenderer } from '../renderer.ts';
import { mediaTypeOf } from '../request-facts.ts';

interface HttpErrorLike extends Error {
  type?: unknown;
  status?: unknown;
  limit?: unknown;
}

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
export function contractErrorOfExpressFailure(
  error: unknown,
  renderer: ErrorRenderer<any>,
  request: Request,
  supportedMediaTypes: string[],
): ContractError | undefined {
  if (!(error instanceof Error) || isContractError(error)) return undefined;
  const { type, status, limit } = error as HttpErrorLike;
  const cause = { cause: error };

  if (error instanceof URIError && status === 400) {
    return renderer.failure('badRequest', { reason: 'the path has invalid percent-encoding' }, cause);
  }
  if (typeof type !== 'string' || typeof status !== 'number') return undefined;
  if (type === 'entity.parse.failed') {
    return renderer.failure('malformedJson', { reason: jsonSyntaxReason(error) }, cause);
  }
  if (type === 'entity.too.large' && typeof limit === 'number' && limit >= 1) {
    return renderer.failure('payloadTooLarge', { max_bytes: limit }, cause);
  }
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
    const content_type = mediaTypeOf(request.headers['content-type']);
    return renderer.failure('unsupportedMediaType', { supported_media_types: supportedMediaTypes, content_type }, cause);
  }
  const reason = BAD_REQUEST_REASON_BY_TYPE[type];
  return reason === undefined ? undefined : renderer.failure('badRequest', { reason }, cause);
}
