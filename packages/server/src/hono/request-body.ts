/**
 * Whether a Hono request has a body, for `requireMediaType`. An empty body counts as none on every
 * path, as in the Fastify and Express adapters, and the route still reads the body in full.
 */
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { hasRequestBody } from '../request-facts.ts';

/**
 * Returns whether a Hono request has a body of at least one byte.
 *
 * - An HTTP/1.x request on Node is decided from `Transfer-Encoding` and `Content-Length`, the
 *   headers that frame its body, because `@hono/node-server` gives a body stream to every POST.
 * - An HTTP/2 request on Node whose headers end the stream has none.
 * - Any other request with a valid `Content-Length` has one when that length is above 0.
 * - Otherwise, also for an invalid `Content-Length`, the body stream is read up to its first
 *   non-empty chunk or its end. This covers an HTTP/2 request that ends with an empty DATA frame
 *   and an empty body passed to `app.request()`.
 *   `c.req.raw` is then replaced by a `Request` whose body yields the first non-empty chunk and
 *   then the rest of the stream, as Hono's `bodyLimit` does, so the route reads the whole body.
 *
 * NOTE: in the last case the check waits for the first byte of the body, so a client that sends
 * the headers and then stalls keeps `requireMediaType` waiting until it sends data or goes away.
 * An HTTP/2 stream that the client resets ends its body stream without an error on
 * `@hono/node-server` 2.1, so such a request counts as having no body and reaches the route.
 */
export async function hasHonoRequestBody(c: Context, incoming: IncomingMessage | undefined): Promise<boolean> {
  const contentLength = c.req.header('content-length');
  if (incoming?.httpVersionMajor === 1) return hasRequestBody(contentLength, c.req.header('transfer-encoding'));
  if ((incoming as { stream?: { endAfterHeaders?: boolean } } | undefined)?.stream?.endAfterHeaders === true) return false;
  if (contentLength !== undefined && /^\d+$/.test(contentLength)) return Number(contentLength) > 0;
  if (c.req.raw.body === null) return false;
  return peekBody(c);
}

/** Reads the body of `c.req.raw` up to its first non-empty chunk and puts an intact copy back. */
async function peekBody(c: Context): Promise<boolean> {
  const reader = c.req.raw.body!.getReader();
  let first: Uint8Array | undefined;
  let done = false;
  // Each pass reads one chunk, and the loop ends at the first non-empty chunk or at the end of the stream.
  while (first === undefined && !done) {
    const chunk = await reader.read();
    done = chunk.done;
    if (chunk.value !== undefined && chunk.value.byteLength > 0) first = chunk.value;
  }
  const rest = new ReadableStream<Uint8Array>({
    start(controller) {
      if (first !== undefined) controller.enqueue(first);
      if (done) controller.close();
    },
    async pull(controller) {
      const chunk = await reader.read();
      if (chunk.done) controller.close();
      else controller.enqueue(chunk.value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  c.req.raw = new Request(c.req.raw, { body: rest, duplex: 'half' } as RequestInit);
  return first !== undefined;
}
