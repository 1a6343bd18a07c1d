/**
 * Failures that servers detect themselves, before or around the handler, and the registry code that
 * each one is sent as. The adapters fill in the facts; the registry decides which facts the envelope
 * shows (public params), which only fill the detail, and which are left out.
 */
import type { CodeOf, FieldError, ParamsOf } from '@agnes/errors';

/** The facts that the server knows about each kind of failure, passed as the code's params. */
export interface FailureFacts {
  /** Anything that is not a contract error. */
  internal: {};
  /** A request that cannot be parsed, such as a path with invalid percent-encoding. */
  badRequest: { reason: string };
  /** A request line and headers above the server's limit, such as Node's `maxHeaderSize`. */
  headersTooLarge: {};
  /** A request that did not arrive whole within the server's `headersTimeout` or `requestTimeout`. */
  requestTimeout: {};
  /**
   * A request that arrived while the server closes, such as a pipelined request or a new request on a
   * kept-alive connection. It has no `retry_after`, because the server cannot know when another
   * instance or its own restart will take requests again.
   */
  serviceUnavailable: {};
  /** A body that is not valid JSON. `reason` never quotes the body. */
  malformedJson: { reason: string };
  /** No route matches the path. */
  routeNotFound: { method: string; path: string };
  /** Routes match the path, but none for this method. */
  methodNotAllowed: { allowed_methods: string[]; method: string; path: string };
  /** A body above the limit. */
  payloadTooLarge: { max_bytes: number };
  /** A body in a media type that the endpoint does not parse. */
  unsupportedMediaType: { supported_media_types: string[]; content_type: string };
  /** A body that fails schema validation. */
  validationFailed: { errors: FieldError[] };
}

/** Reason of the `malformedJson` failure for a JSON request whose body has no bytes. */
export const EMPTY_BODY_REASON = 'the body is empty';
/** `badRequest` reason of a body that the client stopped sending, for example by closing the connection. */
export const ABORTED_BODY_REASON = 'the request body was aborted';

/** A kind of failure. */
export type FailureKind = keyof FailureFacts;

/** Every kind of failure, for the check of a renderer's codes. */
export const FAILURE_KINDS = Object.keys({
  internal: true,
  badRequest: true,
  headersTooLarge: true,
  requestTimeout: true,
  serviceUnavailable: true,
  malformedJson: true,
  routeNotFound: true,
  methodNotAllowed: true,
  payloadTooLarge: true,
  unsupportedMediaType: true,
  validationFailed: true,
} satisfies Record<FailureKind, true>) as FailureKind[];

/** Codes of `R` that can be built from the facts `F`: every required param of the code is among them. */
export type CodeBuildableFrom<R, F> = { [C in CodeOf<R>]: F extends ParamsOf<R, C> ? C : never }[CodeOf<R>];

/** Kinds that a registry may leave without a code. */
export type OptionalFailureKind = BadRequestFallbackKind | 'serviceUnavailable';

/** Optional kinds that are sent as `badRequest` when the registry has no code for them. */
export type BadRequestFallbackKind = 'headersTooLarge' | 'requestTimeout';

/** The `badRequest` reason of each optional kind that falls back to `badRequest`. */
export const BAD_REQUEST_REASONS: { readonly [K in BadRequestFallbackKind]: string } = {
  headersTooLarge: 'the request headers are too large',
  requestTimeout: 'the request was not received in time',
};

/** Every optional kind, for the check of a renderer's codes. */
export const OPTIONAL_FAILURE_KINDS: readonly OptionalFailureKind[] = Object.keys({
  headersTooLarge: true,
  requestTimeout: true,
  serviceUnavailable: true,
} satisfies Record<OptionalFailureKind, true>) as OptionalFailureKind[];

/** Status that the `serviceUnavailable` code must have: load balancers and retrying clients expect a 503 from a closing server. */
export const SERVICE_UNAVAILABLE_STATUS = 503;

/**
 * The code that each failure is sent as. A code fits a failure when its params can be filled from
 * the failure's facts, so a code that needs a param the server cannot know fails to compile.
 */
export type FailureCodes<R> = {
  readonly [K in Exclude<FailureKind, OptionalFailureKind>]: CodeBuildableFrom<R, FailureFacts[K]>;
} & { readonly [K in OptionalFailureKind]?: CodeBuildableFrom<R, FailureFacts[K]> };

/**
 * Returns a short, safe reason for a JSON parse failure. Parser messages of V8 quote part of the
 * body, so only the kind of failure and the position are kept.
 */
export function jsonSyntaxReason(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  if (/end of (JSON )?input/i.test(message)) return 'unexpected end of input';
  const position = /position (\d+)/.exec(message);
  if (position) return `unexpected token at position ${position[1]}`;
  return 'it could not be parsed';
}
