/** The media types that the SDK reads as JSON. */

/** `application/json` or any `application/<subtype>+json`, with or without parameters, in any case. */
const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json[\t ]*(?:;|$)/i;

/** Checks whether a `Content-Type` value names a JSON media type, such as `application/problem+json; charset=utf-8`. */
export function isJsonContentType(contentType: string | null): boolean {
  return contentType !== null && JSON_MEDIA_TYPE.test(contentType.trim());
}
