/** Cuts short a response that has started, which is the only way left to tell the client that it failed. */
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Ends the response's connection once the bytes already written have been sent, without the last
 * chunk of a chunked body, so the client sees an incomplete response. Node 24 corks the socket for
 * the rest of the tick of a `response.write()`, so `destroy()` in that tick would drop the head and
 * the written bytes. `destroySoon()` ends the socket, which flushes them, and destroys it on
 * 'finish'. A response to a pipelined request gets its socket only once the responses before it
 * have been sent, so its connection is ended then, and those responses still reach the client.
 * NOTE: a client that stops reading keeps the socket open until it reads again or the connection
 * breaks, as it would for any response.
 */
export function cutResponse(response: ServerResponse): void {
  if (response.socket) {
    response.socket.destroySoon();
    return;
  }
  // The 'socket' listeners run before Node flushes the buffered start of this response, so the
  // connection is ended on the next tick, after that flush.
  response.once('socket', (socket: Socket) => process.nextTick(() => socket.destroySoon()));
}
