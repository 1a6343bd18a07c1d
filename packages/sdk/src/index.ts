/**
 * `@agnes/sdk`: typed errors of the Agnes API, a parser that turns any HTTP response
 * into one of them, and a small fetch client whose retries follow the error contract.
 * The openapi-fetch middleware is the separate entry `@agnes/sdk/openapi-fetch`.
 */
export { AgnesError } from './errors/agnes-error.ts';
export { APIError, type APIErrorInit } from './errors/api-error.ts';
export { APIConnectionError, APITimeoutError, APIUserAbortError } from './errors/transport.ts';
export { InvalidOptionError } from './errors/invalid-option.ts';
export { UnexpectedResponseError } from './errors/unexpected-response.ts';
export { isAgnesError, type AgnesErrorOf, type KnownAgnesError } from './errors/is-agnes-error.ts';
export * from './generated/errors.ts';
export { errorFromResponse } from './parse/error-from-response.ts';
export { Agnes } from './client/agnes.ts';
export type { AgnesOptions, Logger, RequestOptions } from './client/options.ts';
export { RetryBudget, type RetryBudgetOptions } from './retry/budget.ts';
