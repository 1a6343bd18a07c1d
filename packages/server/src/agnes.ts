/** Conveniences bound to the Agnes catalog: its error class, failure codes and renderer. */
import { agnesRegistry, type AgnesRegistry, type ErrorCode } from '@agnes/errors';
import agnesSchema from '@agnes/errors/schema.json' with { type: 'json' };
import { createErrorClass, type ContractError, type ContractErrorClass } from './contract-error.ts';
import type { FailureCodes } from './failures.ts';
import { createErrorRenderer, type ErrorRenderer, type ErrorRendererOptions } from './renderer.ts';

/**
 * The error that Agnes services throw, typed by the Agnes catalog.
 *
 * @example
 * throw new AgnesError('forbidden', { scope: 'policy:delete', credential_tenant_id: 'globex' });
 */
export const AgnesError: ContractErrorClass<AgnesRegistry> = createErrorClass(agnesRegistry, { name: 'AgnesError' });
/** An error of the Agnes catalog with the code `C`. */
export type AgnesError<C extends ErrorCode = ErrorCode> = ContractError<C>;

/** The Agnes code of each failure that servers detect themselves. */
export const agnesFailureCodes = {
  internal: 'internal_error',
  badRequest: 'bad_request',
  headersTooLarge: 'headers_too_large',
  requestTimeout: 'request_timeout',
  serviceUnavailable: 'service_unavailable',
  malformedJson: 'malformed_json',
  routeNotFound: 'route_not_found',
  methodNotAllowed: 'method_not_allowed',
  payloadTooLarge: 'payload_too_large',
  unsupportedMediaType: 'unsupported_media_type',
  validationFailed: 'validation_failed',
} as const satisfies FailureCodes<AgnesRegistry>;

/** Options of `createAgnesRenderer`: those of `createErrorRenderer` without the registry and its schema. */
export interface AgnesRendererOptions extends Omit<ErrorRendererOptions<AgnesRegistry>, 'registry' | 'codes' | 'schema'> {
  /** Replaces some of the Agnes failure codes. */
  codes?: Partial<FailureCodes<AgnesRegistry>>;
}

/**
 * Creates a renderer for the Agnes catalog. Public params are checked against the catalog's published
 * schema, `@agnes/errors/schema.json`, so an error whose params would break it is sent as a 500.
 */
export function createAgnesRenderer(options: AgnesRendererOptions = {}): ErrorRenderer<AgnesRegistry> {
  return createErrorRenderer({
    ...options,
    registry: agnesRegistry,
    codes: { ...agnesFailureCodes, ...options.codes },
    schema: agnesSchema,
  });
}
