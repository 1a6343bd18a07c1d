/**
 * Errors that reach the adapter after the response has started, such as a handler that sends its
 * response and then rejects or calls `next(err)`. No error response can be sent then. A complete
 * response is left alone, so a keep-alive connection goes on serving the later requests on it. A
 * response that has started but not ended is cut short by closing the connection, because that is
 * the only way left to tell the client that it is incomplete.
 */
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { logResponseFault, logUnsentError, STARTED_RESPONSE_MESSAGE, type ErrorLogger } from '../log.ts';

/** Facts about the request for the log line. */
export interface LateErrorFacts {
  requestId: string;
  method: string | undefined;
  path: string;
}

/**
 * Logs a value thrown after the response started, at error level with its stack, and closes the
 * connection when the response has not ended. Only the log line is written, never an error response.
 */
export function handleLateError(thrown: unknown, response: ServerResponse, facts: LateErrorFacts, logger: ErrorLogger): void {
  const isComplete = response.writableEnded;
  const fields = { request_id: facts.requestId, method: facts.method, path: facts.path, status: response.statusCode };
  const message = isComplete
    ? 'Request failed after its response was sent in full, so no error response was sent'
    : STARTED_RESPONSE_MESSAGE;
  logUnsentError(logger, fields, thrown, message);
  if (!isComplete) closeConnectionOf(response);
}

/**
 * Closes the connection of a response that a handler started and then passed the request on
 * without ending. No handler is left to end it, and the client would otherwise wait for the rest.
 */
export function closeUnendedResponse(response: ServerResponse, facts: LateErrorFacts, logger: ErrorLogger): void {
  const fields = { request_id: facts.requestId, method: facts.method, path: facts.path, status: response.statusCode };
  logResponseFault(logger, fields, 'Handlers started the response and passed the request on without ending it, so the connection was closed');
  closeConnectionOf(response);
}

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
function closeConnectionOf(response: ServerResponse): void {
  if (response.socket) {
    response.socket.destroySoon();
    return;
  }
  // The 'socket' listeners run before Node flushes the buffered start of this response, so the
  // connection is ended on the next tick, after that flush.
  response.once('socket', (socket: Socket) => process.nextTick(() => socket.destroySoon()));
}
