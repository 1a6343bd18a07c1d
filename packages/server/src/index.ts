/**
 * `@agnes/errors-server`: the server side of the error contract. Handlers throw a contract error
 * with a registry code and typed params. The renderer turns it, or anything else that was thrown,
 * into the status, headers, envelope and log line. Framework adapters live in the entry points
 * `@agnes/errors-server/fastify`, `/express` and `/hono`.
 */
export {
  ContractError,
  createErrorClass,
  isContractError,
  type ContractErrorArgs,
  type ContractErrorClass,
  type ContractErrorOptions,
  type ErrorClassOptions,
} from './contract-error.ts';
export {
  createErrorRenderer,
  type ErrorRenderer,
  type ErrorRendererOptions,
  type RenderContext,
  type ResponseContext,
} from './renderer.ts';
export type { RenderedError } from './render-envelope.ts';
export type { DeprecatedCodeListener, DeprecatedCodeNotice } from './deprecation.ts';
export { jsonSyntaxReason, type CodeBuildableFrom, type FailureCodes, type FailureFacts, type FailureKind } from './failures.ts';
export { fieldErrorsFromAjv, fieldErrorsFromIssues, type AjvErrorLike, type StandardIssueLike } from './field-errors.ts';
export {
  MAX_ECHOED_KEY_LENGTH,
  MAX_FIELD_DETAIL_LENGTH,
  MAX_FIELD_ERRORS,
  MAX_POINTER_LENGTH,
  TOO_MANY_ERRORS_CODE,
  limitFieldErrors,
} from './field-error-limits.ts';
export { escapePointerToken } from './json-pointer.ts';
export { MAX_REQUEST_ID_LENGTH, REQUEST_ID_HEADER, generateRequestId, isValidRequestId, resolveRequestId } from './request-id.ts';
export { JSON_CONTENT_TYPE, PROBLEM_CONTENT_TYPE, prefersProblemJson } from './negotiation.ts';
export { echoablePath, hasInvalidPercentEncoding, mediaTypeOf, pathOf } from './request-facts.ts';
export type { ErrorLogFields, ErrorLogger } from './log.ts';
export { createClientErrorListener, type ClientErrorOptions } from './client-error.ts';
export { CUT_RESPONSE_FLUSH_TIMEOUT_MS, cutResponse } from './cut-response.ts';
export { AgnesError, agnesFailureCodes, createAgnesRenderer, type AgnesRendererOptions } from './agnes.ts';
