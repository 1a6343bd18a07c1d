/**
 * Envelopes for requests that Node's HTTP parser rejects before any framework gets them, such as
 * a header value with a bare carriage return (400), headers above the limit (431) or a request that
 * did not arrive in time (408). Such requests get the request's id when its head was parsed, and a
 * fresh id otherwise.
 */
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { ContractError } from './contract-error.ts';
import { BAD_REQUEST_REASONS, type BadRequestFallbackKind } from './failures.ts';
import type { ErrorLogger } from './log.ts';
import type { ErrorRenderer } from './renderer.ts';
import { markAnswered, recordedRequestIdOf } from './answered-requests.ts';
import { REQUEST_ID_HEADER } from './request-id.ts';
import { pathOf } from './request-facts.ts';

/** The failure that each parser error is sent as, when it is not malformed HTTP. */
const PARSER_ERROR_KINDS: Readonly<Record<string, BadRequestFallbackKind>> = {
  HPE_HEADER_OVERFLOW: 'headersTooLarge',
  ERR_HTTP_REQUEST_TIMEOUT: 'requestTimeout',
};

/** Reason of the 400 detail for malformed HTTP. */
const INVALID_HTTP_REASON = 'the request is not valid HTTP';

/** Reasons of the 400 detail for parser errors that are more specific than malformed HTTP. */
const BAD_REQUEST_REASONS_BY_ERROR: Readonly<Record<string, string>> = {
  // Node sends 413 for it without a listener, but the limit is on chunk extensions, not on the body.
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 'the chunk extensions are too large',
};

/**
 * Returns the failure that a parser error is sent as: headers above Node's `maxHeaderSize`, a
 * request not received within `headersTimeout` or `requestTimeout`, or malformed HTTP.
 */
function failureOf(renderer: ErrorRenderer<any>, error: ClientError): ContractError {
  const kind = kindOf(error);
  return kind === undefined ? renderer.failure('badRequest', { reason: reasonOf(error) }) : renderer.failure(kind, {});
}

/** Returns the optional failure kind of a parser error, if it has one. */
function kindOf(error: ClientError): BadRequestFallbackKind | undefined {
  const code = error.code ?? '';
  return Object.hasOwn(PARSER_ERROR_KINDS, code) ? PARSER_ERROR_KINDS[code] : undefined;
}

/** Returns the reason of a parser error, for the 400 detail and the log. */
function reasonOf(error: ClientError): string {
  const kind = kindOf(error);
  if (kind !== undefined) return BAD_REQUEST_REASONS[kind];
  const code = error.code ?? '';
  return Object.hasOwn(BAD_REQUEST_REASONS_BY_ERROR, code) ? BAD_REQUEST_REASONS_BY_ERROR[code]! : INVALID_HTTP_REASON;
}

/** Options of `createClientErrorListener`. */
export interface ClientErrorOptions {
  renderer: ErrorRenderer<any>;
  logger?: ErrorLogger;
}

/** Parser error of a client that closed its side of the connection in the middle of a request. */
const CLIENT_CLOSED_MID_REQUEST = 'HPE_INVALID_EOF_STATE';

type ClientError = Error & { code?: string };

/**
 * Creates a listener for the `clientError` event of a Node HTTP server, or for Fastify's
 * `clientErrorHandler` option. It responds with the code of the failure and closes the connection.
 *
 * @example
 * server.on('clientError', createClientErrorListener({ renderer, logger }));
 */
export function createClientErrorListener(options: ClientErrorOptions): (error: ClientError, socket: Socket) => void {
  const { renderer, logger } = options;

  function respond(error: ClientError, socket: Socket, request: IncomingMessage | undefined): void {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    // The framework gets this request's body error too, and must not log a second error for it.
    if (request !== undefined) markAnswered(request);
    const rendered = renderer.render(failureOf(renderer, error), {
      requestId: requestIdOf(request),
      method: request?.method,
      path: request?.url === undefined ? undefined : pathOf(request.url),
      accept: request?.headers.accept,
      logger,
    });
    const head = [
      `HTTP/1.1 ${rendered.status} ${STATUS_CODES[rendered.status] ?? 'Error'}`,
      ...Object.entries(rendered.headers).map(([name, value]) => `${name}: ${value}`),
      `content-length: ${Buffer.byteLength(rendered.json)}`,
      'connection: close',
    ];
    socket.end(`${head.join('\r\n')}\r\n\r\n${rendered.json}`);
  }

  /**
   * Returns the id of a failed request: the one an adapter gave it, else its valid inbound
   * `X-Request-Id`, else a fresh one. A request whose head did not parse gets a fresh id.
   */
  function requestIdOf(request: IncomingMessage | undefined): string {
    return recordedRequestIdOf(request) ?? renderer.resolveRequestId(request?.headers[REQUEST_ID_HEADER]);
  }

  function abandon(error: ClientError, socket: Socket, request: IncomingMessage): void {
    const reason = reasonOf(error);
    // The fault is the client's, so the line is at info level like every 4xx line.
    logger?.info(
      { request_id: requestIdOf(request), err_code: error.code, reason, method: request.method, path: pathOf(request.url ?? '') },
      `Request failed after its response started (${reason}); closed the connection`,
    );
    socket.destroy();
  }

  return (error, socket) => {
    // A reset or a half-written socket cannot take a response.
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    // The client has gone away, and an adapter logs the aborted body as its own 400. Responses of
    // earlier pipelined requests still go out before the connection closes.
    if (error.code === CLIENT_CLOSED_MID_REQUEST) {
      afterEarlierResponses(socket, () => socket.end(), () => socket.end());
      return;
    }
    // Responses go out in the order of the requests, so the envelope waits for every response of an
    // earlier pipelined request on the same connection.
    afterEarlierResponses(
      socket,
      (request) => respond(error, socket, request),
      (request) => abandon(error, socket, request),
    );
  };
}

/** A socket as Node's HTTP server keeps it; both fields are internal to Node. */
type ServerSocket = Socket & {
  _httpMessage?: ServerResponse | null;
  parser?: { incoming?: IncomingMessage | null } | null;
};

/**
 * Calls `then` once no earlier response is in flight on the socket, or `abandon` when the failed
 * bytes belong to a request whose response has already started. Both get the failed request when
 * its head was parsed. Node's own `clientError` fallback reads the same internal fields:
 * `_httpMessage` (the response being sent) and `parser.incoming` (the request being parsed).
 */
function afterEarlierResponses(
  socket: ServerSocket,
  then: (request: IncomingMessage | undefined) => void,
  abandon: (request: IncomingMessage) => void,
): void {
  const incoming = socket.parser?.incoming ?? null;
  const response = socket._httpMessage ?? null;
  const inFlight = response !== null && !response.writableFinished;

  if (incoming !== null && !incoming.complete) {
    // The failed bytes are the body of a request whose head was parsed.
    if (response !== null && response.req === incoming) {
      // The envelope can replace that request's response only while the response has not started.
      if (response.headersSent) abandon(incoming);
      else then(incoming);
    } else if (inFlight) {
      // An earlier request's response is still going out, and this request's response comes next.
      response.once('close', () => afterEarlierResponses(socket, then, abandon));
    } else {
      // The request's response has been sent already, so an envelope would be a second response.
      abandon(incoming);
    }
    return;
  }
  if (inFlight) {
    response.once('close', () => afterEarlierResponses(socket, then, abandon));
    return;
  }
  then(undefined);
}
