/** Reads the start of a response body, so that a huge error page cannot exhaust memory. */

/** Largest part of an error body that the SDK reads, in bytes; the rest is dropped. */
export const MAX_ERROR_BODY_BYTES = 262_144;

/**
 * Returns the body as text, decoded as UTF-8, up to `limit` bytes, and cancels the rest
 * of the stream. A body that fails midway, or was already read, gives what arrived
 * before the failure: this function never rejects.
 */
export async function readTextUpTo(response: Response, limit: number): Promise<string> {
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
  } catch {
    // A connection that breaks while the body streams leaves a partial body; describe what arrived.
  }
  return text + decoder.decode();
}
