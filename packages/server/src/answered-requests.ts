/**
 * Marks that the adapters and the `clientError` listener leave on Node's request object. When a
 * request's body fails to parse, Node reports it to that listener, and the framework later gets an
 * error from the same body. The adapters record each request's id, so that the listener's 400 and
 * log line carry it. The listener marks the requests it has sent a 400 for, so that the adapters
 * do not render and log a second error for them.
 */
import type { IncomingMessage } from 'node:http';

/** Key of the mark; `Symbol.for` makes it the same in the ESM and the CommonJS build. */
const ANSWERED = Symbol.for('@agnes/errors-server.answeredByClientErrorListener');

/** Key of the request id that an adapter gave the request. */
const REQUEST_ID = Symbol.for('@agnes/errors-server.requestId');

type MarkedRequest = IncomingMessage & { [ANSWERED]?: true; [REQUEST_ID]?: string };

/** Records the request id that an adapter gave a request. */
export function recordRequestId(request: IncomingMessage, requestId: string): void {
  (request as MarkedRequest)[REQUEST_ID] = requestId;
}

/** Returns the request id that an adapter gave a request, or `undefined` when none did. */
export function recordedRequestIdOf(request: IncomingMessage | undefined): string | undefined {
  return (request as MarkedRequest | undefined)?.[REQUEST_ID];
}

/** Marks a request whose error response the `clientError` listener has written. */
export function markAnswered(request: IncomingMessage): void {
  (request as MarkedRequest)[ANSWERED] = true;
}

/** Returns whether the `clientError` listener has written the error response of a request. */
export function wasAnswered(request: IncomingMessage | undefined): boolean {
  return (request as MarkedRequest | undefined)?.[ANSWERED] === true;
}
