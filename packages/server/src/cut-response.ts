/** Cuts short a response that has started, which is the only way left to tell the client that it failed. */
import type { ServerResponse } from 'node:http';
import type { Http2ServerResponse } from 'node:http2';
import type { Socket } from 'node:net';

/**
 * Time that a cut HTTP/1 connection gets to send the bytes already written before it is destroyed,
 * in milliseconds. A client that reads gets a few megabytes within that time on most links (at
 * 10 Mbit/s, 5 s carry about 6 MB). A client that has stopped reading would otherwise hold the connection open with no
 * limit, and with it `server.close()`. Those bytes belong to a failed response, so losing them on a
 * slower link costs little: the client sees an incomplete response either way.
 */
export const CUT_RESPONSE_FLUSH_TIMEOUT_MS = 5_000;

/** `NGHTTP2_INTERNAL_ERROR`, the RST_STREAM code for a stream that the server failed to complete (RFC 9113, section 7). */
const HTTP2_INTERNAL_ERROR = 0x2;

/**
 * Cuts short a response that has started, so that the client sees it as incomplete. Call it when a
 * handler fails after the status line was sent, and send nothing more on the response afterwards.
 *
 * - HTTP/1.1: ends the connection once the bytes already written have been sent, without the last
 *   chunk of a chunked body. If the client does not take those bytes within
 *   `CUT_RESPONSE_FLUSH_TIMEOUT_MS`, the connection is destroyed. A response to a pipelined request
 *   gets its socket only once the responses before it have been sent, so those responses still reach
 *   the client. Its connection is ended then.
 * - HTTP/2 (`Http2ServerResponse`): resets only this response's stream with `INTERNAL_ERROR`, so the
 *   other streams of the connection go on. Data frames still queued for this stream may be dropped.
 * - A response without a real socket, such as that of Fastify's `inject()`, is destroyed.
 *
 * After the cut, `write()` and `end()` on an HTTP/1 response send nothing and call their callbacks.
 * A response that has already ended is left as it is.
 *
 * @throws {TypeError} when `response` is not a response of `node:http` or `node:http2`, such as a
 * Fastify `reply` in place of `reply.raw`.
 * @example
 * reply.raw.write('first rows\n');
 * // the next rows fail:
 * cutResponse(reply.raw);
 */
export function cutResponse(response: ServerResponse | Http2ServerResponse): void {
  if (!isResponse(response)) {
    throw new TypeError(
      `cutResponse expected a ServerResponse or Http2ServerResponse of node:http or node:http2, got ${describeArgument(response)}. ` +
        'Pass the raw response: reply.raw on Fastify, res on Express, c.env.outgoing on @hono/node-server',
    );
  }
  // A complete response needs no cut, and cutting it would end the connection or stream under the
  // responses after it.
  if (response.writableEnded) return;
  if (isHttp2Response(response)) {
    response.stream.close(HTTP2_INTERNAL_ERROR);
    return;
  }
  discardLaterOutput(response);
  if (response.socket) {
    endConnection(response, response.socket);
    return;
  }
  // The 'socket' listeners run before Node flushes the buffered start of this response, so the
  // connection is ended on the next tick, after that flush.
  response.once('socket', (socket: Socket) => process.nextTick(() => endConnection(response, socket)));
}

/**
 * Makes later `write()` and `end()` calls on the response send nothing, and calls their callbacks on
 * the next tick. Node buffers a response that has no socket yet until its socket is assigned and
 * then sends everything at once. So a last chunk written after the cut, as Hono's `stream()` helper
 * writes one after its error callback, would make the response look complete.
 */
function discardLaterOutput(response: ServerResponse): void {
  const discardWrite = (...args: unknown[]): boolean => {
    callLastCallback(args);
    return true;
  };
  const discardEnd = (...args: unknown[]): ServerResponse => {
    callLastCallback(args);
    return response;
  };
  response.write = discardWrite as ServerResponse['write'];
  response.end = discardEnd as ServerResponse['end'];
}

/** Calls the callback that `write()` and `end()` take as their last argument, on the next tick, as Node does. */
function callLastCallback(args: unknown[]): void {
  const callback = args.at(-1);
  if (typeof callback === 'function') process.nextTick(callback);
}

function isResponse(value: unknown): value is ServerResponse | Http2ServerResponse {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<'once' | 'write' | 'end' | 'destroy', unknown>>;
  return ['once', 'write', 'end', 'destroy'].every((name) => typeof candidate[name as keyof typeof candidate] === 'function') && 'writableEnded' in value;
}

function describeArgument(value: unknown): string {
  if (value === null || typeof value !== 'object') return String(value);
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' ? `an object of class ${name.slice(0, 64)}` : 'an object';
}

function isHttp2Response(response: ServerResponse | Http2ServerResponse): response is Http2ServerResponse {
  return 'stream' in response && typeof response.stream?.close === 'function';
}

/**
 * Ends the socket after its buffered bytes and destroys it if it is still open after
 * `CUT_RESPONSE_FLUSH_TIMEOUT_MS`. Node 24 corks the socket for the rest of the tick of a
 * `response.write()`, so `destroy()` in that tick would drop the head and the written bytes, while
 * `destroySoon()` ends the socket, which flushes them, and destroys it on 'finish'.
 */
function endConnection(response: ServerResponse, socket: Socket): void {
  // light-my-request, behind Fastify's inject(), gives the response a plain Writable as its socket.
  // Destroying the response makes inject() reject with LIGHT_ECONNRESET, as a reset connection would.
  if (typeof socket.destroySoon !== 'function') {
    response.destroy();
    return;
  }
  socket.destroySoon();
  if (socket.destroyed) return;
  // Unref'd, so that the timer alone does not keep the process running.
  const timer = setTimeout(() => socket.destroy(), CUT_RESPONSE_FLUSH_TIMEOUT_MS).unref();
  socket.once('close', () => clearTimeout(timer));
}
