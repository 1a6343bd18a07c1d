/**
 * The charset checks of JSON request bodies. Fastify 5 decodes every JSON body as UTF-8 and ignores
 * its `charset` parameter, so a Latin-1 body would be stored with U+FFFD in place of its accented
 * letters. JSON in HTTP must be UTF-8 (RFC 8259, section 8.1). So a label of another charset is
 * rejected before the body is read, with a detail that names it, and a body whose bytes are not
 * UTF-8 is rejected before it is parsed, whatever its label.
 */
import { isUtf8 } from 'node:buffer';
import { MIMEType } from 'node:util';
import { AgnesError, mediaTypeOf } from '@agnes/errors-server';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';

/**
 * Charsets that a UTF-8 decoder reads correctly: `utf-8`, its WHATWG label `utf8`, and `us-ascii`,
 * whose bytes are a subset of UTF-8.
 */
const UTF8_COMPATIBLE_CHARSETS = new Set(['utf-8', 'utf8', 'us-ascii']);
/** Maximum length of a charset echoed in a detail, in characters. A longer value is not named. */
const MAX_ECHOED_CHARSET_LENGTH = 64;
/** An HTTP token (RFC 9110, section 5.6.2), the syntax of a charset name. */
const HTTP_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Advice of both charset errors. */
const UTF8_ADVICE = 'Send the body in UTF-8, with charset=utf-8 or without a charset';

/**
 * Returns the `charset` parameter of a `Content-Type` value, lowercased and without quotes. Returns
 * undefined when there is none or when Node's `MIMEType` cannot parse the value. It cannot parse
 * `application/json ; charset = latin1`, with spaces around `=`, although Fastify 5.12 parses such
 * a body as JSON, so the byte check of `addUtf8JsonParser` is what rejects a Latin-1 body there.
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
  throw new AgnesError('bad_request', { reason: `${named} is not supported. ${UTF8_ADVICE}` });
}

/**
 * Replaces Fastify's `application/json` parser with one that raises 400 `bad_request` for a body
 * whose bytes are not valid UTF-8, then parses the body with Fastify's own JSON parser. That parser
 * ignores a leading UTF-8 byte order mark, which RFC 8259 allows, and keeps Fastify's default
 * rejection of `__proto__` and `constructor.prototype` keys.
 */
export function addUtf8JsonParser<Logger extends FastifyBaseLogger>(
  app: FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, Logger>,
): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body: Buffer, done) => {
    if (!isUtf8(body)) {
      done(new AgnesError('bad_request', { reason: `the body is not valid UTF-8. ${UTF8_ADVICE}` }), undefined);
      return;
    }
    parseJson(request, body.toString('utf8'), done);
  });
}
