/**
 * Envelopes for requests that Node's HTTP parser rejects before any framework sees them, such as
 * a header value with a bare carriage return. Such requests get a 400 with a fresh request id.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ErrorLogger } from './log.ts';
import type { ErrorRenderer } from './renderer.ts';

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
  return (error, socket) => {
    // A reset or a half-written socket cannot take a response.
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    // NOTE: without this listener Node sends 431 for HPE_HEADER_OVERFLOW and 408 for
    // ERR_HTTP_REQUEST_TIMEOUT, but the registry has no code for either status, so both get `badRequest`.
    const reason = error.code === 'HPE_HEADER_OVERFLOW' ? 'the request headers are too large' : 'the request is not valid HTTP';
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
  };
}
