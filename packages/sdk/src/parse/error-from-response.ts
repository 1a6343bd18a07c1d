/** Turns any HTTP response into one of the SDK's error classes, whatever its body. */
import { APIError } from '../errors/api-error.ts';
import { unexpectedResponse } from '../errors/unexpected-response.ts';
import { ERROR_CLASS_BY_CODE, FAMILY_CLASS_BY_STATUS, RETRY_POLICY_BY_CODE, type ErrorCode } from '../generated/errors.ts';
import { isRetryableResponse } from '../retry/retryable.ts';
import { isJsonContentType } from './content-type.ts';
import { contentTypeText, describeBody, shorten } from './describe-body.ts';
import { describeDecodeFailure, MAX_ERROR_BODY_BYTES, readTextUpTo } from './read-body.ts';

/** Envelope members that are not params: the base members and the RFC 9457 members. */
const ENVELOPE_MEMBERS = new Set(['detail', 'code', 'request_id', 'doc_url', 'type', 'title', 'status', 'instance']);

/** Maximum length of a code, in characters; a longer string is junk, not a code. */
const MAX_CODE_LENGTH = 128;

/**
 * Reads a response that is not a success and returns its error: the class of a known
 * code, else the family class of the status, else `APIError`. It never rejects: HTML,
 * text, empty, invalid, huge and undecodable bodies give an error with a short `detail`, and the
 * body is kept on `body` (parsed JSON, or text up to 256 KiB). A 2xx response gives an
 * `UnexpectedResponseError`.
 *
 * @example
 * const response = await fetch(url);
 * if (!response.ok) throw await errorFromResponse(response);
 */
export async function errorFromResponse(response: Response): Promise<APIError> {
  const { status, headers } = response;
  const contentType = headers.get('content-type');
  let decodeFailure: string | undefined;
  const text = await readTextUpTo(response, MAX_ERROR_BODY_BYTES, (cause) => {
    decodeFailure = describeDecodeFailure(cause);
  });
  const json = isJsonContentType(contentType) ? parseJson(text) : undefined;
  const body = json === undefined ? text : json;

  if (status >= 200 && status < 300) {
    return unexpectedResponse(response, 'an error', contentTypeText(contentType), body);
  }

  const envelope: Record<string, unknown> = isRecord(json) ? json : {};
  const rawCode = envelope.code;
  const code = typeof rawCode === 'string' && rawCode !== '' && rawCode.length <= MAX_CODE_LENGTH ? rawCode : 'unknown';
  const knownCode = typeof rawCode === 'string' && Object.hasOwn(ERROR_CLASS_BY_CODE, rawCode) ? (rawCode as ErrorCode) : undefined;
  const ErrorClass = knownCode ? ERROR_CLASS_BY_CODE[knownCode] : Object.hasOwn(FAMILY_CLASS_BY_STATUS, status) ? FAMILY_CLASS_BY_STATUS[status]! : APIError;

  // fromEntries defines own properties, so a member named `__proto__` stays a plain member.
  const params = Object.fromEntries(Object.entries(envelope).filter(([name]) => !ENVELOPE_MEMBERS.has(name)));

  const detail =
    firstText(envelope.detail, envelope.title, envelope.message, json) ??
    (decodeFailure ? `HTTP ${status} with a body that could not be read (${decodeFailure})` : describeBody(status, contentType, text, json !== undefined));
  return new ErrorClass({
    status,
    code,
    isKnownCode: knownCode !== undefined,
    requestId: firstText(envelope.request_id, headers.get('x-request-id')),
    docUrl: firstText(envelope.doc_url),
    detail: shorten(detail),
    params,
    headers,
    body,
    retryable: isRetryableResponse(status, knownCode && RETRY_POLICY_BY_CODE[knownCode]),
  });
}

/** Parses JSON text; `undefined` when it is empty or invalid. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns the first value that is a non-blank string. */
function firstText(...values: unknown[]): string | undefined {
  return values.find((value): value is string => typeof value === 'string' && value.trim() !== '');
}
