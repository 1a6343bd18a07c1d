/**
 * The renderer: turns any thrown value into the status, headers and envelope of an error response.
 * Every adapter calls it, so every framework sends the same envelope, headers and log line.
 */
import {
  DEFAULT_DOCS_BASE_URL,
  docUrlOf,
  lookupsOf,
  type EnvelopeUnion,
  type ProblemDetailsMembers,
  type Registry,
} from '@agnes/errors';
import { ContractError, type ContractErrorOptions } from './contract-error.ts';
import { createDeprecationReporter, type DeprecatedCodeListener } from './deprecation.ts';
import { checkDetail } from './detail-checks.ts';
import {
  BAD_REQUEST_REASONS,
  FAILURE_KINDS,
  OPTIONAL_FAILURE_KINDS,
  SERVICE_UNAVAILABLE_STATUS,
  type BadRequestFallbackKind,
  type FailureCodes,
  type FailureFacts,
  type FailureKind,
} from './failures.ts';
import type { EnvelopeSchemaDocument } from './envelope-schemas.ts';
import type { ErrorLogger } from './log.ts';
import { withLimitedFieldErrors } from './field-error-limits.ts';
import { createParamSchemaCheck } from './param-schema.ts';
import { renderEnvelope, type RenderedError } from './render-envelope.ts';
import { resolveRequestId, generateRequestId, REQUEST_ID_HEADER } from './request-id.ts';
import { MISSING_MEDIA_TYPE, missingContentTypeDetail, pathOf } from './request-facts.ts';
import { clientErrorStatusOf, FRAMEWORK_STATUS_ADVICE } from './thrown-status.ts';
import { asContractError, codeOfContractError } from './safe-checks.ts';
import { logContractError, logMaskedError } from './log.ts';

/** Options of `createErrorRenderer`. */
export interface ErrorRendererOptions<R extends Registry<any>> {
  /** Registry whose codes are thrown and sent. */
  registry: R;
  /** Code that each server-detected failure is sent as; `internal` is used for anything unknown. */
  codes: FailureCodes<R>;
  /** Base URL of the docs site; `doc_url` is `<base>/errors/<code>`. @default 'https://docs.lasscyber.com' */
  docsBaseUrl?: string;
  /** Makes request ids for requests without a valid `X-Request-Id`. @default crypto.randomUUID */
  generateRequestId?: () => string;
  /** Whether `Accept: application/problem+json` gets the RFC 9457 form. @default true */
  problemDetails?: boolean;
  /**
   * The registry's published JSON Schema (draft 2020-12), such as `@agnes/errors/schema.json`. With it,
   * each public param must satisfy its member schema in the envelope of its code, checked with Ajv.
   * An error whose params break it is sent as the `internal` code and logged with the param, the
   * value and the rule. Each code's schema is compiled the first time that code is sent. Without it,
   * only the checks that the registry alone allows run: JSON-safe values, the `Retry-After` param,
   * and the params that the detail template names.
   * @example
   * import schema from '@agnes/errors/schema.json' with { type: 'json' };
   * createErrorRenderer({ registry, codes, schema });
   */
  schema?: EnvelopeSchemaDocument;
  /**
   * Called the first time this renderer sends each deprecated code, with the replacement to throw
   * instead. A listener that throws is logged at error level and does not change the response.
   * @example onDeprecatedCode: (notice) => logger.warn(notice, notice.message)
   */
  onDeprecatedCode?: DeprecatedCodeListener;
}

/** Facts about the request that failed, for the envelope and the log. */
export interface RenderContext {
  /** Id of the request; an invalid id is replaced by a fresh one. */
  requestId: string;
  /** HTTP method, for the log. */
  method?: string;
  /** Path without the query string, for the log and the RFC 9457 `instance`. */
  path?: string;
  /** The request's `Accept` header. */
  accept?: string | null | undefined;
  /** Logger of the request; without one nothing is logged. */
  logger?: ErrorLogger | undefined;
}

/** Context of `toResponse`: the rest is read from the `Request`. */
export interface ResponseContext {
  /** Id of the request. @default the valid inbound `X-Request-Id`, or a fresh id */
  requestId?: string;
  logger?: ErrorLogger | undefined;
}

/** A renderer bound to one registry and one configuration. */
export interface ErrorRenderer<R extends Registry<any> = Registry<any>> {
  readonly registry: R;
  readonly codes: FailureCodes<R>;
  readonly docsBaseUrl: string;
  /**
   * Renders any thrown value. A contract error whose code is in the registry is sent with its code,
   * params and headers, also when another copy of this package made it, such as its other build. Anything else is sent as the `internal` code with only the generic detail, and the
   * value is logged with the request id. A contract error whose envelope cannot be serialized is
   * handled the same way.
   */
  render(thrown: unknown, context: RenderContext): RenderedError<EnvelopeUnion<R> & ProblemDetailsMembers>;
  /** Renders any thrown value into a Web `Response`, reading the request id, path and `Accept` from `request`. */
  toResponse(thrown: unknown, request: Request, context?: ResponseContext): Response;
  /**
   * Creates the contract error that a server-detected failure is sent as. Without a code of its own,
   * `headersTooLarge` and `requestTimeout` become the `badRequest` error with a `reason`, and
   * `serviceUnavailable` becomes the `internal` error (500), because no other code is known to be
   * a 5xx.
   */
  failure<K extends FailureKind>(kind: K, facts: FailureFacts[K], options?: ContractErrorOptions): ContractError;
  /** Returns the inbound request id when it is valid, and a fresh one otherwise. */
  resolveRequestId(inbound: string | readonly string[] | null | undefined): string;
}

/**
 * Creates a renderer for a registry.
 *
 * @throws {TypeError} when `docsBaseUrl` is not an absolute http(s) URL, a failure code is not in
 * the registry, the `internal` code is not a 5xx, the `serviceUnavailable` code is not a 503, or
 * `schema` has no envelope for a code of the registry.
 * @example
 * const renderer = createErrorRenderer({ registry, codes, docsBaseUrl: 'https://docs.example.com' });
 * const { status, headers, body } = renderer.render(error, { requestId, accept });
 */
export function createErrorRenderer<R extends Registry<any>>(options: ErrorRendererOptions<R>): ErrorRenderer<R> {
  const { registry, codes } = options;
  const docsBaseUrl = options.docsBaseUrl ?? DEFAULT_DOCS_BASE_URL;
  const generate = options.generateRequestId ?? generateRequestId;
  const problemDetails = options.problemDetails ?? true;
  const entryByCode = lookupsOf(registry).entryByCode;
  checkFailureCodes(codes, entryByCode);
  const reportDeprecated = createDeprecationReporter(registry, options.onDeprecatedCode);
  const checkParamSchema = options.schema === undefined ? undefined : createParamSchemaCheck(options.schema, registry);
  docUrlOf(codes.internal, docsBaseUrl);

  const settings = { registry, docsBaseUrl, problemDetails, methodNotAllowedCode: codes.methodNotAllowed };

  function render(thrown: unknown, context: RenderContext): RenderedError<EnvelopeUnion<R> & ProblemDetailsMembers> {
    const requestId = resolveRequestId(context.requestId, generate);
    const { logger, method, path } = context;
    // The error may come from another copy of this package, so its code is looked up in this
    // renderer's registry and everything else is read through its public members.
    const contractError = asContractError(thrown);
    const code = contractError === undefined ? undefined : codeOfContractError(contractError);

    let failure: unknown = thrown;
    let reason: string;
    let advice: string | undefined;
    const thrownStatus = contractError === undefined ? clientErrorStatusOf(thrown) : undefined;
    if (contractError === undefined && thrownStatus !== undefined) {
      reason = `Unhandled error with HTTP status ${thrownStatus}`;
      advice = FRAMEWORK_STATUS_ADVICE;
    } else if (contractError === undefined) {
      reason = 'Unhandled error';
    } else if (code === undefined) {
      reason = 'Contract error without a string code';
    } else if (!entryByCode.has(code)) {
      reason = `Contract error ${code} is not in this renderer's registry`;
    } else {
      try {
        const entry = entryByCode.get(code)!;
        const params = code === codes.validationFailed ? withLimitedFieldErrors(contractError.params) : contractError.params;
        const detail: unknown = contractError.detail;
        checkDetail(entry, code, params, detail);
        const rendered = renderEnvelope(settings, code, params, detail as string, contractError.headers, requestId, context);
        // This runs after renderEnvelope because its own checks give clearer messages for values that
        // JSON cannot carry and for the Retry-After param. Nothing is sent before this check passes.
        checkParamSchema?.(entry, code, params);
        if (logger) logContractError(logger, { request_id: requestId, method, path, code, status: rendered.status }, params, contractError);
        reportDeprecated(code, requestId, logger);
        return rendered as RenderedError<EnvelopeUnion<R> & ProblemDetailsMembers>;
      } catch (renderError) {
        failure = new Error(`The envelope of ${code} could not be built, serialized or checked`, { cause: renderError });
        reason = `Contract error ${code} could not be sent`;
      }
    }

    const masked = renderEnvelope(settings, codes.internal, {}, undefined, undefined, requestId, context);
    if (logger) logMaskedError(logger, { request_id: requestId, method, path, code: codes.internal, status: masked.status }, failure, reason, advice);
    return masked as RenderedError<EnvelopeUnion<R> & ProblemDetailsMembers>;
  }

  return {
    registry,
    codes,
    docsBaseUrl,
    render,
    toResponse(thrown, request, context = {}) {
      const requestId = context.requestId ?? resolveRequestId(request.headers.get(REQUEST_ID_HEADER), generate);
      const path = pathOf(request.url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, ''));
      const rendered = render(thrown, {
        requestId,
        method: request.method,
        path,
        accept: request.headers.get('accept'),
        logger: context.logger,
      });
      return new Response(rendered.json, { status: rendered.status, headers: rendered.headers });
    },
    failure(kind, facts, errorOptions) {
      const code = codes[kind];
      if (code !== undefined) return new ContractError(registry, code, facts, withFailureDetail(kind, facts, errorOptions));
      // Only the optional kinds can be without a code. A closing server is no fault of the request,
      // so it must not get a 400.
      if (kind === 'serviceUnavailable') return new ContractError(registry, codes.internal, {}, errorOptions);
      const reason = BAD_REQUEST_REASONS[kind as BadRequestFallbackKind];
      return new ContractError(registry, codes.badRequest, { reason }, errorOptions);
    },
    resolveRequestId(inbound) {
      return resolveRequestId(inbound, generate);
    },
  };
}

/**
 * Returns the options of a failure's error with a detail for a body without `Content-Type`, which
 * every adapter reports as the media type `none`. A detail that the caller passed is kept.
 */
function withFailureDetail<K extends FailureKind>(kind: K, facts: FailureFacts[K], options: ContractErrorOptions | undefined): ContractErrorOptions | undefined {
  if (kind !== 'unsupportedMediaType' || options?.detail !== undefined) return options;
  const { content_type, supported_media_types } = facts as FailureFacts['unsupportedMediaType'];
  if (content_type !== MISSING_MEDIA_TYPE) return options;
  return { ...options, detail: missingContentTypeDetail(supported_media_types) };
}

function checkFailureCodes(codes: Readonly<Record<string, string | undefined>>, entryByCode: ReadonlyMap<string, { status: number }>): void {
  for (const kind of Object.keys(codes)) {
    if (!(FAILURE_KINDS as string[]).includes(kind)) {
      throw new TypeError(`Invalid failure kind "${kind}" in codes: use only ${FAILURE_KINDS.join(', ')}`);
    }
  }
  for (const kind of FAILURE_KINDS) {
    const code = codes[kind];
    if (code === undefined && (OPTIONAL_FAILURE_KINDS as readonly string[]).includes(kind)) continue;
    if (code === undefined) {
      throw new TypeError(`Missing failure code for "${kind}": every renderer needs one; add a code of the registry for it`);
    }
    if (!entryByCode.has(code)) {
      throw new TypeError(`Invalid failure code for "${kind}": "${code}" is not in the registry; use one of its codes`);
    }
  }
  const internalStatus = entryByCode.get(codes.internal as string)?.status ?? 0;
  if (internalStatus < 500) {
    throw new TypeError(
      `Invalid failure code for "internal": "${codes.internal}" has status ${internalStatus}; unknown errors need a 5xx code such as internal_error`,
    );
  }
  const unavailableCode = codes.serviceUnavailable;
  const unavailableStatus = unavailableCode === undefined ? undefined : entryByCode.get(unavailableCode)?.status;
  if (unavailableCode !== undefined && unavailableStatus !== SERVICE_UNAVAILABLE_STATUS) {
    throw new TypeError(
      `Invalid failure code for "serviceUnavailable": "${unavailableCode}" has status ${unavailableStatus}; ` +
        `use a ${SERVICE_UNAVAILABLE_STATUS} code such as service_unavailable, or leave it out`,
    );
  }
}
