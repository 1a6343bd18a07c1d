/**
 * Content codings (`Content-Encoding`) and charsets of request bodies, and the `bad_request`
 * reasons of bodies that a server cannot decode. A reason names the coding or charset when it is a
 * short token, and never quotes the body.
 */

import { isHttpToken } from './http-token.ts';

/** Maximum length of a coding list or charset echoed in a reason, in characters. */
const MAX_ECHOED_TOKEN_LENGTH = 64;

/**
 * Codes of the errors that `node:zlib` raises for data that it cannot decompress, from zlib
 * (`Z_DATA_ERROR`, `Z_BUF_ERROR`), Brotli (`ERR__ERROR_FORMAT_PADDING_2`) and Zstandard
 * (`ZSTD_error_prefix_unknown`). Node 24's `DecompressionStream` rejects with a `TypeError` that
 * carries the same codes.
 */
const DECOMPRESSION_ERROR_CODE = /^(?:Z_[A-Z_]+|ERR__ERROR_[A-Z0-9_]+|ZSTD_error_\w+)$/;

/** A `Content-Encoding` value as Node, Fastify and the Fetch API's `Headers` return it. */
type CodingHeader = string | readonly string[] | null | undefined;

/** Returns the codings of a `Content-Encoding` value, lowercased, without `identity`, which means no coding. */
function codingsOf(header: CodingHeader): string[] {
  if (header === undefined || header === null) return [];
  return [header]
    .flat()
    .join(',')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
}

/**
 * Returns whether a `Content-Encoding` value names a coding. A missing header and `identity`, in
 * any case and with spaces around it, mean that the body is sent as it is.
 */
export function hasContentCoding(header: CodingHeader): boolean {
  return codingsOf(header).length > 0;
}

/** Returns `values` joined and quoted when they are tokens short enough to echo, or `undefined`. */
function quotedTokens(values: readonly string[]): string | undefined {
  const text = values.join(', ');
  if (values.length === 0 || text.length > MAX_ECHOED_TOKEN_LENGTH || !values.every(isHttpToken)) return undefined;
  return `"${text}"`;
}

/**
 * Returns the reason for a body whose content coding the server does not decode. The reason offers
 * the codings in `decoded`, which the server does decode, and a body without a coding.
 *
 * @example
 * unsupportedCodingReason('x-custom', ['gzip', 'br'])
 * // 'the content coding "x-custom" is not supported. Send the body compressed with gzip or br, or without Content-Encoding'
 */
export function unsupportedCodingReason(header: CodingHeader, decoded: readonly string[]): string {
  const coding = quotedTokens(codingsOf(header));
  const subject = coding === undefined ? 'the content coding of the body is' : `the content coding ${coding} is`;
  const advice = decoded.length === 0
    ? 'Send the body without Content-Encoding'
    : `Send the body compressed with ${listOf(decoded)}, or without Content-Encoding`;
  return `${subject} not supported. ${advice}`;
}

/** Returns the reason for a body that failed to decompress, such as a cut or corrupt gzip stream. */
export function decompressionFailedReason(header: CodingHeader): string {
  const coding = quotedTokens(codingsOf(header));
  return coding === undefined
    ? 'the body could not be decompressed'
    : `the body could not be decompressed with the content coding ${coding}`;
}

/** Returns the reason for a body in a charset that the body parser does not decode. */
export function unsupportedCharsetReason(charset: unknown): string {
  const name = typeof charset === 'string' ? quotedTokens([charset.toLowerCase()]) : undefined;
  return `${name === undefined ? 'the charset of the body is' : `the charset ${name} is`} not supported. Send the body in UTF-8`;
}

/** Returns whether `error` is the error of `node:zlib` for data that does not decompress. */
export function isDecompressionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code } = error as { code?: unknown };
  return typeof code === 'string' && DECOMPRESSION_ERROR_CODE.test(code);
}

/** Returns `['a', 'b', 'c']` as `a, b or c`. */
function listOf(items: readonly string[]): string {
  if (items.length === 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}
