/**
 * Load shedding while the server closes. `errorsServerOptions()` turns off Fastify's own 503
 * (`return503OnClosing: false`), whose body is not an envelope and carries no request id. From the
 * plugin's `preClose` hook on, the plugin responds to each new request with the registry's
 * service-unavailable code instead. Requests already past their `onRequest` hooks finish normally.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SERVICE_UNAVAILABLE_STATUS } from '../failures.ts';
import type { ErrorLogger } from '../log.ts';

/** Message suffix of the log line of a request that the closing server did not serve. */
const CLOSING_LOG_REASON = 'the server is closing';

/**
 * Sets `Connection: close` on the reply of a request that the closing server does not serve, so that
 * the client sends its next request on a new connection, which a load balancer can route to another
 * instance. HTTP/2 forbids the header, so such a reply goes without it, as Fastify's own 503 does.
 */
export function closeConnectionAfter(request: FastifyRequest, reply: FastifyReply): void {
  if (request.raw.httpVersionMajor !== 2) reply.header('connection', 'close');
}

/**
 * Wraps a logger so that the line of the closing server's 503 is written at info level, without
 * the error, like a 4xx line. A planned shutdown is not a fault of the server: an error line for
 * each request that arrives during every deployment would raise alerts without a fault to fix.
 * Fastify 5.12 also logs its own 503 at info level. Other lines keep their level, such as that of
 * a 503 envelope that could not be built and was sent as the masked 500.
 */
export function closingLoggerOf(logger: ErrorLogger, code: string): ErrorLogger {
  const wrapped: ErrorLogger = {
    info: (object, message) => logger.info(object, message),
    error: (object, message) => {
      // Only the line of a contract error that was sent carries `params`; a masked line has none.
      const { err: _error, ...fields } = object as { err?: unknown; code?: unknown; status?: unknown; params?: unknown };
      const isClosingLine = fields.code === code && fields.status === SERVICE_UNAVAILABLE_STATUS && fields.params !== undefined;
      if (isClosingLine) logger.info(fields, `${message} because ${CLOSING_LOG_REASON}`);
      else logger.error(object, message);
    },
  };
  // The renderer reads stacks for its size checks only from a logger that reports its level.
  if (logger.isLevelEnabled !== undefined) wrapped.isLevelEnabled = (level) => logger.isLevelEnabled!(level);
  return wrapped;
}
