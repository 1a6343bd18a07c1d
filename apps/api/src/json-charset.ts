/**
 * The charset check of JSON request bodies. Fastify 5 decodes every JSON body as UTF-8 and ignores its
 * `charset` parameter, so a Latin-1 body would be stored with U+FFFD in place of its accented
 * letters. This check rejects such a body before it is parsed.
 */
import { MIMEType } from 'node:util';
import { AgnesError, mediaTypeOf } from '@agnes/errors-server';
import type { FastifyRequest } from 'fastify';

/**
 * Charsets that a UTF-8 decoder reads correctly: `utf-8`, its WHATWG label `utf8`, and `us-ascii`,
 * whose bytes are a subset of UTF-8.
 */
const UTF8_COMPATIBLE_CHARSETS = new Set(['utf-8', 'utf8', 'us-ascii']);
/** Maximum length of a charset echoed in a detail, in characters. A longer value is not named. */
const MAX_ECHOED_CHARSET_LENGTH = 64;
/** An HTTP token (RFC 9110, section 5.6.2), the syntax of a charset name. */
const HTTP_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Returns the `charset` parameter of a `Content-Type` value, lowercased and without quotes. Returns
 * undefined when there is none or the value does not parse as a media type, which Fastify then
 * rejects with a 415.
 */
export function charsetOf(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  try {
    return new MIMEType(contentType).params.get('charset')?.toLowerCase() ?? undefined;
  } catch {
    return undefined;
  }
}

function hasBody(request: FastifyRequest): boolean {
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
}

/**
 * Fastify `preParsing` hook that raises 400 `bad_request` for a JSON body whose charset is not
 * UTF-8 or US-ASCII, in any case and quoted or not. The detail names the charset when it is a
 * short token, and requests UTF-8.
 */
export async function rejectNonUtf8Json(request: FastifyRequest): Promise<void> {
  if (!hasBody(request) || mediaTypeOf(request.headers['content-type']) !== 'application/json') return;
  const charset = charsetOf(request.headers['content-type']);
  if (charset === undefined || UTF8_COMPATIBLE_CHARSETS.has(charset)) return;
  const named = charset.length <= MAX_ECHOED_CHARSET_LENGTH && HTTP_TOKEN.test(charset) ? `the charset "${charset}"` : 'the charset of the body';
  throw new AgnesError('bad_request', { reason: `${named} is not supported. Send the body in UTF-8, with charset=utf-8 or without a charset` });
}
