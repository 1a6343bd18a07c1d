/**
 * Failures of reading the request body through `c.req`: a JSON body that does not parse, and a body
 * that the client stopped sending. Both are client faults, so they get 400 codes instead of the
 * masked 500 that `onError` would send for the reader's own error.
 */
import type { Context, HonoRequest } from 'hono';
import type { ContractError } from '../contract-error.ts';
import { ABORTED_BODY_REASON, jsonSyntaxReason } from '../failures.ts';
import type { ErrorRenderer } from '../renderer.ts';

/** Methods of `HonoRequest` that read the body. `parseBody` reads through `arrayBuffer`. */
const BODY_READERS = ['json', 'text', 'arrayBuffer', 'bytes', 'blob', 'formData'] as const;
type BodyReader = (typeof BODY_READERS)[number];

/**
 * The aborted-body failure of each request. `hono/validator` replaces any error of `c.req.json()`
 * with its own `HTTPException`, so `onError` looks the failure up here.
 */
const abortedBodies = new WeakMap<HonoRequest, ContractError>();

/**
 * Makes the body readers of `c.req` raise registry codes: `malformedJson` for a JSON body that does
 * not parse, and `badRequest` for a body that the client stopped sending. Hono 4 rejects with the
 * `SyntaxError` of `JSON.parse`, which `onError` cannot tell from one thrown by other code.
 */
export function mapBodyReadErrors(c: Context, renderer: ErrorRenderer<any>): void {
  const request = c.req as Record<BodyReader, () => Promise<unknown>>;
  for (const name of BODY_READERS) {
    const read = request[name];
    request[name] = () =>
      read.call(request).catch((error: unknown) => {
        throw failureOfBodyRead(c, renderer, name, error);
      });
  }
}

/** Returns the aborted-body failure that a body reader of this request raised, if any. */
export function abortedBodyFailureOf(c: Context): ContractError | undefined {
  return abortedBodies.get(c.req);
}

/** Returns the contract error for an error of a body reader, or the error itself when it is not a client fault. */
function failureOfBodyRead(c: Context, renderer: ErrorRenderer<any>, reader: BodyReader, error: unknown): unknown {
  if (isClientAbort(c, error)) {
    const failure = renderer.failure('badRequest', { reason: ABORTED_BODY_REASON }, { cause: error });
    abortedBodies.set(c.req, failure);
    return failure;
  }
  if (reader === 'json' && error instanceof SyntaxError) {
    return renderer.failure('malformedJson', { reason: jsonSyntaxReason(error) }, { cause: error });
  }
  return error;
}

/**
 * Returns whether a body read failed because the client went away. `@hono/node-server` aborts the request's
 * signal when the connection closes before the response is sent, and rejects the read with the
 * Node request stream's own error (`aborted`, code ECONNRESET).
 */
export function isClientAbort(c: Context, error: unknown): boolean {
  if (c.req.raw.signal.aborted) return true;
  const incoming = (c.env as { incoming?: { errored?: unknown } } | undefined)?.incoming;
  return incoming?.errored != null && incoming.errored === error;
}
