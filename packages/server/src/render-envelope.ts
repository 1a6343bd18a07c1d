/**
 * Builds one error response from a code and its params: the envelope from the core's
 * `buildEnvelope`, its JSON text, and the headers that go with it.
 */
import { buildEnvelope, lookupsOf, type Registry } from '@agnes/errors';
import { allowHeaderOf } from './allow-header.ts';
import { isHttpToken } from './http-token.ts';
import { checkPublicParams } from './param-checks.ts';
import { JSON_CONTENT_TYPE, PROBLEM_CONTENT_TYPE, prefersProblemJson } from './negotiation.ts';
import { instanceOfPath } from './request-facts.ts';
import { REQUEST_ID_HEADER } from './request-id.ts';
import { BODY_FRAMING_HEADERS } from './stale-headers.ts';
import { joinVary } from './vary.ts';

/** An error response, ready for any framework to send. */
export interface RenderedError<Body = Record<string, unknown>> {
  /** HTTP status of the code. */
  status: number;
  /**
   * Response headers, lowercase: `content-type`, `x-request-id`, `vary: Accept` when the RFC 9457
   * form is enabled, and `retry-after` or `allow` when they apply. An extra header of the thrower
   * whose name or value is not valid is left out.
   */
  headers: Record<string, string>;
  /** The envelope, built by `buildEnvelope`. */
  body: Body;
  /** The envelope as JSON text, which adapters send unchanged. */
  json: string;
}

/** The renderer settings that building a response needs. */
export interface EnvelopeSettings {
  registry: Registry<any>;
  docsBaseUrl: string;
  problemDetails: boolean;
  /** Code whose `allowed_methods` param becomes the `Allow` header. */
  methodNotAllowedCode: string;
}

/**
 * Header names that extra headers may not set: those the renderer sets itself, and those about the
 * framing, encoding or connection of the response, which would make a client misread the envelope.
 */
const RESERVED_HEADERS = new Set([
  'content-type',
  REQUEST_ID_HEADER,
  'retry-after',
  'allow',
  'vary',
  // The adapters send the envelope as plain JSON of a known length.
  ...BODY_FRAMING_HEADERS,
  // Hop-by-hop headers, which belong to one connection (RFC 9110, section 7.6.1).
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'upgrade',
]);
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Builds the response of one code.
 *
 * @throws when a public param breaks the envelope schema (see `checkPublicParams`), the Allow header
 * would be invalid (see `allowHeaderOf`), or the envelope cannot be built or serialized. The renderer
 * then sends its internal code instead.
 */
export function renderEnvelope(
  settings: EnvelopeSettings,
  code: string,
  params: object,
  detail: string | undefined,
  extraHeaders: Readonly<Record<string, string>> | undefined,
  requestId: string,
  request: { path?: string | undefined; accept?: string | null | undefined },
): RenderedError {
  const entry = lookupsOf(settings.registry).entryByCode.get(code);
  if (entry === undefined) throw new TypeError(`Unknown error code "${code}": it is not in the renderer's registry`);
  checkPublicParams(entry, code, params);
  const values = params as Record<string, unknown>;
  const allow = code === settings.methodNotAllowedCode ? allowHeaderOf(code, values.allowed_methods) : undefined;

  const problem = settings.problemDetails && prefersProblemJson(request.accept);
  const instance = problem && request.path !== undefined ? instanceOfPath(request.path) : undefined;
  const body = buildEnvelope(settings.registry, code, params, {
    requestId,
    docsBaseUrl: settings.docsBaseUrl,
    detail,
    problem: problem ? { instance } : undefined,
  }) as unknown as Record<string, unknown>;
  const json = JSON.stringify(body);

  const headers: Record<string, string> = {
    'content-type': problem ? PROBLEM_CONTENT_TYPE : JSON_CONTENT_TYPE,
    [REQUEST_ID_HEADER]: requestId,
  };
  // The body depends on Accept, so a shared cache must not give one client's form to another.
  if (settings.problemDetails) headers.vary = 'Accept';
  const retryAfter = entry.retry.afterParam === undefined ? undefined : values[entry.retry.afterParam];
  if (Number.isSafeInteger(retryAfter) && (retryAfter as number) >= 0) headers['retry-after'] = String(retryAfter);
  if (allow !== undefined) headers.allow = allow;
  if (extraHeaders !== undefined) addExtraHeaders(headers, extraHeaders);
  return { status: entry.status, headers, body, json };
}

/**
 * Returns whether a header name is one that extra headers may not set, such as `content-type` or
 * `transfer-encoding`. `name` must be lowercase.
 */
export function isReservedHeader(name: string): boolean {
  return RESERVED_HEADERS.has(name);
}

/**
 * Adds the thrower's headers from a plain object or a Web `Headers` object, without reserved names
 * and invalid names or values. Anything else is dropped whole, because the keys of a string or an
 * array are indexes.
 */
function addExtraHeaders(headers: Record<string, string>, extraHeaders: Readonly<Record<string, string>>): void {
  const entries: Iterable<[string, unknown]> | undefined = isPlainObject(extraHeaders)
    ? Object.entries(extraHeaders)
    : isWebHeaders(extraHeaders) ? extraHeaders.entries() : undefined;
  if (entries === undefined) return;
  for (const [name, value] of entries) {
    const lowerName = name.toLowerCase();
    if (RESERVED_HEADERS.has(lowerName) || !isHttpToken(name) || typeof value !== 'string' || !HEADER_VALUE.test(value)) continue;
    headers[lowerName] = value;
  }
}

function isWebHeaders(value: unknown): value is Headers {
  return typeof Headers === 'function' && value instanceof Headers;
}

function isPlainObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Returns the headers of a rendered error with its `vary` joined to a Vary value that the response
 * already has, such as `Origin` from a CORS middleware, so that sending them keeps both.
 */
export function withExistingVary(headers: Readonly<Record<string, string>>, existing: unknown): Readonly<Record<string, string>> {
  const own = headers.vary;
  let earlier = '';
  if (typeof existing === 'string') earlier = existing;
  else if (Array.isArray(existing)) earlier = existing.join(', ');
  if (own === undefined || earlier.trim() === '') return headers;
  return { ...headers, vary: joinVary(earlier, own)! };
}
