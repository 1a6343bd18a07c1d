/** Reads the body of a 2xx response. */
import { unexpectedResponse } from '../errors/unexpected-response.ts';
import { isJsonContentType } from '../parse/content-type.ts';
import { contentTypeText } from '../parse/describe-body.ts';
import { describeDecodeFailure, MAX_ERROR_BODY_BYTES, readTextUpTo } from '../parse/read-body.ts';

/**
 * Returns the parsed JSON of a 2xx response, or `undefined` for an empty body. A body
 * that is not declared as JSON, or is not valid JSON, gives an `UnexpectedResponseError`.
 * Only the first 256 KiB of a body that is not declared as JSON are read. A body that
 * cannot be decoded, such as a corrupt gzip body, or that is too large for a string
 * gives an `UnexpectedResponseError` too. Any other failure of the body stream, such
 * as a reset or an abort, rejects with the stream's own error.
 */
export async function readSuccess(response: Response): Promise<unknown> {
  const contentType = response.headers.get('content-type');
  const isJson = isJsonContentType(contentType);
  const text = await readReceivedBody(response, () =>
    isJson
      ? response.text()
      : readTextUpTo(response, MAX_ERROR_BODY_BYTES, (cause) => {
          throw cause;
        }),
  );
  if (text === '') return undefined;
  if (!isJson) throw unexpectedResponse(response, 'a JSON', contentTypeText(contentType), text);
  try {
    return JSON.parse(text);
  } catch {
    throw unexpectedResponse(response, 'a JSON', `a body that is not valid JSON (${contentTypeText(contentType)})`, text.slice(0, MAX_ERROR_BODY_BYTES));
  }
}

/**
 * Returns what `read` returns for the body of `response`. A body that cannot be decoded
 * or is too large for a string gives an `UnexpectedResponseError`, because a retry would
 * most likely get the same body. Other failures, such as a reset, reject unchanged.
 */
export async function readReceivedBody<T>(response: Response, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (cause) {
    const failure = describeDecodeFailure(cause);
    if (failure === undefined) throw cause;
    throw unexpectedResponse(response, 'a JSON', `a body that could not be read (${failure})`, '');
  }
}
