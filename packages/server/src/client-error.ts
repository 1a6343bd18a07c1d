/**
 * Envelopes for requests that Node's HTTP parser rejects before any framework sees them, such as
 * a header value with a bare carriage return. Such requests get a 400 with a fresh request id.
 */
import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { ErrorLogger } from './log.ts';
import type { ErrorRenderer } from './renderer.ts';

/** Reasons of the 400 detail for the parser errors that are not malformed HTTP. */
const PARSER_ERROR_REASONS: Readonly<Record<string, string>> = {
  HPE_HEADER_OVERFLOW: 'the request headers are too large',
  ERR_HTTP_REQUEST_TIMEOUT: 'the request was not received in time',
};

/** Options of `createClientErrorListener`. */
export interface ClientErrorOptions {
  renderer: ErrorRenderer<any>;
  logger?: ErrorLogger;
}

/**
 * Creates a listener for the `clientError` event of a Node HTTP server, or for Fastify's
 * `clientErrorHandler` option. It answers with the `badRequest` code and closes the connection.
 *
 * @example
 * server.on('clientError', createClientErrorListener({ renderer, logger }));
 */
export function createClientErrorListener(options: ClientErrorOptions): (error: Error & { code?: string }, socket: Socket) => void {
  const { renderer, logger } = options;
  const listener = (error: Error & { code?: string }, socket: Socket): void => {
    // A reset or a half-written socket cannot take a response.
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    // Responses go out in the order of the requests, so the 400 waits for every response of an
    // earlier pipelined request on the same connection.
    afterEarlierResponses(socket, () => respond(error, socket), () => {
      logger?.error({ err_code: error.code, reason: error.message }, 'Request body failed to parse after its response started; closed the connection');
      socket.destroy();
    });
  };

  function respond(error: Error & { code?: string }, socket: Socket): void {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    // NOTE: without this listener Node sends 431 for HPE_HEADER_OVERFLOW and 408 for
    // ERR_HTTP_REQUEST_TIMEOUT, but the registry has no code for either status, so both get `badRequest`.
    const reason = PARSER_ERROR_REASONS[error.code ?? ''] ?? 'the request is not valid HTTP';
    const rendered = renderer.render(renderer.failure('badRequest', { reason }), {
      requestId: renderer.resolveRequestId(undefined),
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

  return listener;
}

type SocketWithResponse = Socket & { _httpMessage?: ServerResponse | null };

/**
 * Calls `then` once the socket has no response of an earlier request in flight, or `abandon` when
 * the failed request's own response has already started. Node keeps the
 * current response in the internal `_httpMessage` field, which its own `clientError` fallback also
 * reads, and assigns the next queued response to the socket when one finishes.
 */
function afterEarlierResponses(socket: SocketWithResponse, then: () => void, abandon: () => void): void {
  const response = socket._httpMessage;
  if (response === undefined || response === null || response.writableFinished) {
    then();
    return;
  }
  if (!response.req.complete) {
    // The bytes that failed are the body of this response's own request, so the 400 replaces
    // the response, unless the response has started and a second head would corrupt it.
    if (response.headersSent) abandon();
    else then();
    return;
  }
  response.once('close', () => afterEarlierResponses(socket, then, abandon));
}
