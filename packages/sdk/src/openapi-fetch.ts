/**
 * `@agnes/sdk/openapi-fetch`: a middleware for openapi-fetch clients that turns error
 * responses, success responses that are not JSON, and transport failures into the SDK's
 * error classes, so that users of the generated OpenAPI types get the same errors as
 * users of the `Agnes` client.
 */
import { AgnesError } from './errors/agnes-error.ts';
import { APIUserAbortError } from './errors/transport.ts';
import { readReceivedBody, readSuccess } from './client/read-success.ts';
import { transportError } from './client/transport-error.ts';
import { errorFromResponse } from './parse/error-from-response.ts';

/** The parts of openapi-fetch's `Middleware` (0.17) that this middleware implements. */
export interface AgnesErrorsMiddleware {
  onResponse(options: { request: Request; response: Response; options?: { parseAs?: string } }): Promise<undefined>;
  onError(options: { request: Request; error: unknown }): Error;
}

/**
 * Returns a middleware that throws the SDK's error for every response that is not a
 * success (`PermissionError` for a 403 `forbidden`, and so on), throws
 * `UnexpectedResponseError` for a 2xx whose body openapi-fetch would fail to parse as
 * JSON (such as a proxy's HTML page) or cannot decode (such as a corrupt gzip body),
 * and turns a rejected `fetch`, or a 2xx body that fails while it streams, into
 * `APIConnectionError`, `APITimeoutError` or `APIUserAbortError`. With `parseAs:
 * 'stream'` the body is not read, so its failures reach the caller unchanged. Other
 * success responses pass through unchanged. It does not retry.
 *
 * @example
 * const client = createClient<paths>({ baseUrl });
 * client.use(agnesErrors());
 */
export function agnesErrors(): AgnesErrorsMiddleware {
  return {
    async onResponse({ request, response, options }) {
      if (!response.ok) throw await errorFromResponse(response);
      // openapi-fetch parses a 2xx with JSON.parse, which throws a SyntaxError for an HTML
      // page, and lets a body that fails midway reject with a raw TypeError or DOMException.
      // A copy of the body is read here, so the response that openapi-fetch reads, and
      // returns to the caller, stays the original. The body is read twice, and JSON parsed twice.
      const parseAs = options?.parseAs ?? 'json';
      if (parseAs === 'stream' || response.body === null) return undefined;
      const copy = response.clone();
      try {
        await (parseAs === 'json' ? readSuccess(copy) : readReceivedBody(copy, () => copy.arrayBuffer()));
      } catch (cause) {
        await response.body.cancel().catch(() => {});
        throw toAgnesError(request, cause);
      }
      return undefined;
    },
    onError: ({ request, error }) => toAgnesError(request, error),
  };
}

/**
 * Wraps a failed `fetch` or body read in the SDK's error. An abort by a signal from
 * `AbortSignal.timeout()`, whose reason is a `TimeoutError`, becomes `APITimeoutError`.
 */
function toAgnesError({ signal, url }: Request, cause: unknown): AgnesError {
  if (cause instanceof AgnesError) return cause;
  if (signal.aborted && signal.reason?.name !== 'TimeoutError') return new APIUserAbortError('The request was aborted by its signal', { cause });
  return transportError(signal.aborted ? signal.reason : cause, url);
}
