/**
 * Response headers that a route or middleware may have set before it failed and that must not
 * reach the envelope sent in place of its response.
 */

/** Headers about the framing and content coding of a body, which would make a client misread the envelope. */
export const BODY_FRAMING_HEADERS = ['content-length', 'transfer-encoding', 'content-encoding', 'content-range', 'trailer'] as const;

/**
 * Headers that the adapters remove from a response before sending an envelope, unless the rendered
 * headers set them. Only codes that declare `retry-after` and `allow` may send them. The others
 * frame the body or describe the representation that was not sent. `cache-control`, `set-cookie`,
 * `vary` and CORS or security headers stay.
 */
export const STALE_HEADERS: readonly string[] = [
  'retry-after',
  'allow',
  ...BODY_FRAMING_HEADERS,
  'content-disposition',
  'content-language',
  'content-location',
  'etag',
  'last-modified',
];

/** The calls that `removeStaleHeaders` needs, which Node's `ServerResponse` and Fastify's reply both have. */
export interface HeaderTarget {
  hasHeader(name: string): boolean;
  removeHeader(name: string): unknown;
}

/**
 * Removes the `STALE_HEADERS` that `rendered` (lowercase names) does not set from a response whose
 * head has not been sent. It checks a fixed list of names rather than copying all headers, because
 * it runs for every error response.
 */
export function removeStaleHeaders(target: HeaderTarget, rendered: Readonly<Record<string, string>>): void {
  for (const name of STALE_HEADERS) {
    if (rendered[name] === undefined && target.hasHeader(name)) target.removeHeader(name);
  }
}

/**
 * Removes every one of the `STALE_HEADERS` from the headers of Hono's `c.res`. Hono copies those
 * headers over the ones of the response that an error handler returns, so a stale value there would
 * also replace a value that the envelope sets itself.
 */
export function removeStaleWebHeaders(headers: Headers): void {
  for (const name of STALE_HEADERS) {
    if (headers.has(name)) headers.delete(name);
  }
}
