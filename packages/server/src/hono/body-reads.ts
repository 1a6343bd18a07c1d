/**
 * Failures of reading the request body through `c.req`: a JSON body that does not parse, a body
 * with a content coding that nothing decoded or that does not decompress, and a body that the
 * client stopped sending. All are client faults, so they get 400 codes instead of the masked 500
 * that `onError` would send for the reader's own error.
 */
import type { Context, HonoRequest } from 'hono';
import { decompressionFailedReason, hasContentCoding, isDecompressionError, unsupportedCodingReason } from '../body-encoding.ts';
import type { ContractError } from '../contract-error.ts';
import { ABORTED_BODY_REASON, EMPTY_BODY_REASON, jsonSyntaxReason } from '../failures.ts';
import type { ErrorRenderer } from '../renderer.ts';

/** Methods of `HonoRequest` that read the body. `parseBody` reads through `arrayBuffer`. */
const BODY_READERS = ['json', 'text', 'arrayBuffer', 'bytes', 'blob', 'formData'] as const;
type BodyReader = (typeof BODY_READERS)[number];

/**
 * The aborted-body failure of each request. `hono/validator` replaces any error of `c.req.json()`
 * with its own `HTTPException`, so `onError` looks the failure up here.
 */
const bodyReadFailures = new WeakMap<HonoRequest, ContractError>();

/**
 * Makes the body readers of `c.req` raise registry codes: `malformedJson` for a JSON body that does
 * not parse, and `badRequest` for a body that the client stopped sending or whose content coding
 * was not decoded or does not decompress. Hono 4 rejects with the `SyntaxError` of `JSON.parse`,
 * which `onError` cannot tell from one thrown by other code.
 */
export function mapBodyReadErrors(c: Context, renderer: ErrorRenderer<any>): void {
  const request = c.req as Record<BodyReader, () => Promise<unknown>>;
  // A middleware that decodes the body replaces `c.req.raw` and may drop its `Content-Encoding`,
  // so the reason of a failed decompression reads the header of the request as received.
  const received = c.req.raw;
  for (const name of BODY_READERS) {
    const read = request[name];
    request[name] = () =>
      read.call(request).catch((error: unknown) => {
        throw failureOfBodyRead(c, renderer, name, error, received);
      });
  }
}

/**
 * Returns the failure that a body reader of this request raised, if any: an aborted body or JSON
 * that does not parse. `hono/validator` replaces it with a bare 400 `HTTPException`, so the adapter
 * looks it up by request to send its reason.
 */
export function bodyReadFailureOf(c: Context): ContractError | undefined {
  return bodyReadFailures.get(c.req);
}

/** Returns the contract error for an error of a body reader, or the error itself when it is not a client fault. */
function failureOfBodyRead(c: Context, renderer: ErrorRenderer<any>, reader: BodyReader, error: unknown, received: Request): unknown {
  const failure = contractErrorOfBodyRead(c, renderer, reader, error, received);
  if (failure === undefined) return error;
  bodyReadFailures.set(c.req, failure);
  return failure;
}

function contractErrorOfBodyRead(
  c: Context,
  renderer: ErrorRenderer<any>,
  reader: BodyReader,
  error: unknown,
  received: Request,
): ContractError | undefined {
  const cause = { cause: error };
  if (isClientAbort(c, error)) return renderer.failure('badRequest', { reason: ABORTED_BODY_REASON }, cause);
  // A `DecompressionStream` of a middleware rejects the read with the code of `node:zlib`.
  if (isDecompressionError(error)) {
    return renderer.failure('badRequest', { reason: decompressionFailedReason(received.headers.get('content-encoding')) }, cause);
  }
  if (reader !== 'json' || !(error instanceof SyntaxError)) return undefined;
  // Hono decodes no content coding. A middleware that decodes the body is expected to remove the
  // header, so a coding still named here was not decoded.
  const coding = c.req.header('content-encoding');
  if (hasContentCoding(coding)) return renderer.failure('badRequest', { reason: unsupportedCodingReason(coding, []) }, cause);
  // The same reason as Fastify and Express give. NOTE: an empty chunked body cannot be distinguished from
  // a cut one here, because the reader has consumed it, so it keeps the parser's reason.
  const reason = c.req.header('content-length') === '0' ? EMPTY_BODY_REASON : jsonSyntaxReason(error);
  return renderer.failure('malformedJson', { reason }, cause);
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
