/**
 * Facts about a request that error envelopes and logs may carry. Each comes from input that the
 * client controls, so each is reduced to a short value that is safe to echo.
 */

/** Longest path echoed in a detail or an `instance`, in characters; longer paths are cut. */
const MAX_ECHOED_PATH_LENGTH = 256;
/** Longest media type echoed in a detail, in characters. */
const MAX_ECHOED_MEDIA_TYPE_LENGTH = 100;

/** Scheme and authority of an absolute-form request target, such as `http://host:80`. */
const ABSOLUTE_FORM_PREFIX = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;

/**
 * Returns the path of a request target without its query string or fragment. An absolute-form
 * target (`http://user:secret@host/path`) loses its scheme and authority, which may hold credentials.
 */
export function pathOf(url: string): string {
  const path = url.replace(ABSOLUTE_FORM_PREFIX, '');
  const end = path.search(/[?#]/);
  const cut = end === -1 ? path : path.slice(0, end);
  return path === url || cut.startsWith('/') ? cut : `/${cut}`;
}

/** Returns whether a path holds a `%` sequence that does not decode, such as `/%85` or `/%zz`. */
export function hasInvalidPercentEncoding(path: string): boolean {
  if (!path.includes('%')) return false;
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

/** Marks the end of a path that `echoablePath` cut; it cannot occur in the encoded path itself. */
const CUT_MARK = '\u2026';

/**
 * Returns a path that is safe to echo in a detail. Characters outside RFC 3986 are percent-encoded,
 * and a `%` that starts no escape becomes `%25`. A path of more than 256 characters is cut and ends
 * with `…`, so a reader can tell it from a shorter path. `*`, the target of `OPTIONS *`, stays `*`.
 *
 * @example
 * echoablePath('/v1/é') // '/v1/%C3%A9'
 */
export function echoablePath(path: string): string {
  const safe = encodedPath(path);
  return safe.length <= MAX_ECHOED_PATH_LENGTH ? safe : `${cutPath(safe)}${CUT_MARK}`;
}

/**
 * Returns the `instance` member of a problem+json body: the path encoded as by `echoablePath`, a
 * valid URI reference. Returns `undefined` for a path of more than 256 characters, because a cut
 * path would name another resource.
 */
export function instanceOfPath(path: string): string | undefined {
  const safe = encodedPath(path);
  return safe.length <= MAX_ECHOED_PATH_LENGTH ? safe : undefined;
}

function encodedPath(path: string): string {
  const encoded = path.replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/gu, encodeCharacter);
  if (encoded === '*') return encoded;
  return encoded.startsWith('/') ? encoded : `/${encoded}`;
}

/** Cuts an encoded path to the echo limit, before an escape that would be split in two. */
function cutPath(encoded: string): string {
  return encoded.slice(0, MAX_ECHOED_PATH_LENGTH).replace(/%[0-9A-Fa-f]?$/, '');
}

/** Media type that `mediaTypeOf` returns for a request without a `Content-Type` header. */
export const MISSING_MEDIA_TYPE = 'none';

/**
 * Returns the media type of a `Content-Type` header without parameters, lowercased, or `none` when
 * the header is missing. A value that is not a `type/subtype` token pair becomes `invalid`.
 */
export function mediaTypeOf(contentType: string | null | undefined): string {
  if (contentType === undefined || contentType === null || contentType.trim() === '') return MISSING_MEDIA_TYPE;
  const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  const valid = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(mediaType);
  return valid && mediaType.length <= MAX_ECHOED_MEDIA_TYPE_LENGTH ? mediaType : 'invalid';
}

/**
 * Returns the detail of a 415 for a request that has a body but no media type, because its
 * `Content-Type` header is missing or empty. It states that and names the media types to send,
 * because a detail such as "Content type none is not supported" reads as if the client had sent a
 * media type named `none`.
 *
 * @example
 * missingContentTypeDetail(['application/json'])
 * // 'The request has a body but its Content-Type header is missing or empty. Send Content-Type: application/json.'
 */
export function missingContentTypeDetail(supportedMediaTypes: readonly string[]): string {
  const missing = 'The request has a body but its Content-Type header is missing or empty.';
  if (supportedMediaTypes.length === 0) return `${missing} Send a Content-Type header that names the media type of the body.`;
  if (supportedMediaTypes.length === 1) return `${missing} Send Content-Type: ${supportedMediaTypes[0]}.`;
  return `${missing} Send Content-Type with one of ${supportedMediaTypes.join(', ')}.`;
}

/**
 * Returns whether an HTTP/1.x request has a body, from its `Transfer-Encoding` and `Content-Length`
 * headers, which frame it (RFC 9112, section 6.3). A `Content-Length` of 0 means no body.
 * NOTE: only HTTP/1.x frames a body with these headers. An HTTP/2 request can send a body with
 * neither of them, so callers decide HTTP/2 requests from the stream or from what the framework parsed.
 */
export function hasRequestBody(contentLength: string | null | undefined, transferEncoding: string | null | undefined): boolean {
  if (transferEncoding !== undefined && transferEncoding !== null) return true;
  return Number(contentLength ?? 0) > 0;
}

function encodeCharacter(character: string): string {
  try {
    return encodeURIComponent(character);
  } catch {
    // A lone surrogate has no UTF-8 form: send the replacement character U+FFFD instead.
    return '%EF%BF%BD';
  }
}
