/**
 * `@agnes/sdk/openapi-fetch`: a middleware for openapi-fetch clients that turns error
 * responses and transport failures into the SDK's error classes, so that users of the
 * generated OpenAPI types get the same errors as users of the `Agnes` client.
 */
import { AgnesError } from './errors/agnes-error.ts';
import { APIUserAbortError } from './errors/transport.ts';
import { transportError } from './client/transport-error.ts';
import { errorFromResponse } from './parse/error-from-response.ts';

/** The parts of openapi-fetch's `Middleware` (0.17) that this middleware implements. */
export interface AgnesErrorsMiddleware {
  onResponse(options: { request: Request; response: Response }): Promise<undefined>;
  onError(options: { request: Request; error: unknown }): Error;
}

/**
 * Returns a middleware that throws the SDK's error for every response that is not a
 * success (`PermissionError` for a 403 `forbidden`, and so on), and turns a rejected
 * `fetch` into `APIConnectionError`, `APITimeoutError` or `APIUserAbortError`. Success
 * responses pass through unchanged. It does not retry.
 *
 * @example
 * const client = createClient<paths>({ baseUrl });
 * client.use(agnesErrors());
 */
export function agnesErrors(): AgnesErrorsMiddleware {
  return {
    async onResponse({ response }) {
      if (!response.ok) throw await errorFromResponse(response);
      return undefined;
    },
    onError({ request, error }) {
      if (error instanceof AgnesError) return error;
      if (request.signal.aborted) return new APIUserAbortError('The request was aborted by its signal', { cause: error });
      return transportError(error);
    },
  };
}
