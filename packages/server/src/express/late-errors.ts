/**
 * Errors that reach the adapter after the response has started, such as a handler that sends its
 * response and then rejects or calls `next(err)`. No error response can be sent then. A complete
 * response is left alone, so a keep-alive connection goes on serving the later requests on it. A
 * response that has started but not ended is cut short by closing the connection, because that is
 * the only way left to tell the client that it is incomplete.
 */
import type { ServerResponse } from 'node:http';
import { cutResponse } from '../cut-response.ts';
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
  if (!isComplete) cutResponse(response);
}

/**
 * Closes the connection of a response that a handler started and then passed the request on
 * without ending. No handler is left to end it, and the client would otherwise wait for the rest.
 */
export function closeUnendedResponse(response: ServerResponse, facts: LateErrorFacts, logger: ErrorLogger): void {
  const fields = { request_id: facts.requestId, method: facts.method, path: facts.path, status: response.statusCode };
  logResponseFault(logger, fields, 'Handlers started the response and passed the request on without ending it, so the connection was closed');
  cutResponse(response);
}
