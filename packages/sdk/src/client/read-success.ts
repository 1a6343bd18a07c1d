/** Reads the body of a 2xx response. */
import { UnexpectedResponseError } from '../errors/unexpected-response.ts';
import { isJsonContentType } from '../parse/content-type.ts';
import { contentTypeText } from '../parse/describe-body.ts';
import { MAX_ERROR_BODY_BYTES, readTextUpTo } from '../parse/read-body.ts';

/**
 * Returns the parsed JSON of a 2xx response, or `undefined` for an empty body. A body
 * that is not declared as JSON, or is not valid JSON, gives an `UnexpectedResponseError`.
 * Only the first 256 KiB of a body that is not declared as JSON are read. Rejects with
 * the stream's own error when a JSON body cannot be read.
 */
export async function readSuccess(response: Response): Promise<unknown> {
  const contentType = response.headers.get('content-type');
  const unexpected = (problem: string, text: string) =>
    new UnexpectedResponseError({
      status: response.status,
      detail: `Expected a JSON response from the API, got HTTP ${response.status} with ${problem}`,
      requestId: response.headers.get('x-request-id') ?? undefined,
      headers: response.headers,
      body: text.slice(0, MAX_ERROR_BODY_BYTES),
    });

  if (!isJsonContentType(contentType)) {
    const text = await readTextUpTo(response, MAX_ERROR_BODY_BYTES);
    if (text === '') return undefined;
    throw unexpected(contentTypeText(contentType), text);
  }
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw unexpected(`a body that is not valid JSON (${contentTypeText(contentType)})`, text);
  }
}
