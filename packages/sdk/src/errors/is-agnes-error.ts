/** The type guard for SDK errors, and the types it narrows to. */
import type { ERROR_CLASS_BY_CODE, ErrorCode, PublicParamsByCode } from '../generated/errors.ts';
import { AGNES_ERROR_BRAND, type AgnesError } from './agnes-error.ts';

/** The error of one known code: its class, the code as a literal, and its public params. */
export type AgnesErrorOf<C extends ErrorCode> = InstanceType<(typeof ERROR_CLASS_BY_CODE)[C]> & {
  readonly code: C;
  readonly isKnownCode: true;
  readonly params: PublicParamsByCode[C];
};

/** The error of any known code, discriminated by `code`, so that a `switch` over it can be exhaustive. */
export type KnownAgnesError = { [C in ErrorCode]: AgnesErrorOf<C> }[ErrorCode];

/**
 * Checks whether a value is an error of this SDK, and of one known code when `code` is
 * given. It reads a brand that every copy of the package shares, so it also works
 * where `instanceof` fails because two copies of the package are loaded.
 *
 * @example
 * if (isAgnesError(error, 'rate_limited')) console.log(error.params.retry_after);
 */
export function isAgnesError(value: unknown): value is AgnesError;
export function isAgnesError<C extends ErrorCode>(value: unknown, code: C): value is AgnesErrorOf<C>;
export function isAgnesError(value: unknown, code?: ErrorCode): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { [AGNES_ERROR_BRAND]?: unknown; code?: unknown; isKnownCode?: unknown };
  if (candidate[AGNES_ERROR_BRAND] !== true) return false;
  return code === undefined || (candidate.code === code && candidate.isKnownCode === true);
}
