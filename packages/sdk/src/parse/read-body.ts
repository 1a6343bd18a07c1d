/** Reads the start of a response body, so that a huge error page cannot exhaust memory. */

/** Largest part of an error body that the SDK reads, in bytes; the rest is dropped. */
export const MAX_ERROR_BODY_BYTES = 262_144;

/**
 * Returns the body as text, decoded as UTF-8, up to `limit` bytes, and cancels the rest
 * of the stream. A body that fails midway, or was already read, gives what arrived
 * before the failure, after `onError` received the failure. It rejects only when
 * `onError` throws.
 */
export async function readTextUpTo(response: Response, limit: number, onError?: (cause: unknown) => void): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  try {
    const reader = response.body?.getReader();
    while (reader) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value.subarray(0, limit - size), { stream: true });
      size += value.byteLength;
      if (size >= limit) {
        reader.cancel().catch(() => {});
        break;
      }
    }
  } catch (cause) {
    // A connection that breaks while the body streams leaves a partial body; describe what arrived.
    onError?.(cause);
  }
  return text + decoder.decode();
}

/** Node's codes of a body that cannot be decompressed (zlib `Z_*`, brotli `ERR__*`) or made a string. */
const DECODE_FAILURE_CODE = /^(Z_|ERR__|ERR_STRING_TOO_LONG$)/;

/**
 * Returns the reason why a body that arrived could not be decoded, such as a corrupt
 * gzip body or one too large for a string, or `undefined` for any other failure, such
 * as a reset connection or an abort. Node's `fetch` wraps a decompression error in a
 * "terminated" TypeError, so the error and its `cause` are both checked.
 */
export function describeDecodeFailure(error: unknown): string | undefined {
  for (const candidate of [error, (error as { cause?: unknown } | null | undefined)?.cause]) {
    if (candidate instanceof RangeError || (candidate instanceof Error && DECODE_FAILURE_CODE.test(String((candidate as { code?: unknown }).code)))) {
      return candidate.message;
    }
  }
  return undefined;
}
