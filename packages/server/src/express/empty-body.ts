/**
 * Detection of a JSON request body of zero bytes, which `express.json()` turns into `{}` while
 * Fastify and Hono reject it as malformed JSON.
 */
import type { IncomingMessage } from 'node:http';
import { mediaTypeOf } from '../request-facts.ts';

/** Methods whose body Express apps and Fastify do not parse. */
const BODYLESS_METHODS = new Set(['GET', 'HEAD', 'TRACE']);

/**
 * Calls `done(true)` when a JSON request of a method with a body declares `Content-Length: 0` or
 * sends a chunked body of zero bytes, and `done(false)` for any other request. A chunked body is
 * decided when its first bytes or its end arrive, without consuming them, so a body parser that
 * runs later reads the whole body. When the connection closes before that, `done` is not called.
 */
export function checkEmptyJsonBody(request: IncomingMessage, done: (isEmpty: boolean) => void): void {
  if (BODYLESS_METHODS.has(request.method ?? '') || mediaTypeOf(request.headers['content-type']) !== 'application/json') {
    done(false);
    return;
  }
  if (request.headers['transfer-encoding'] === undefined) {
    done(request.headers['content-length'] === '0');
    return;
  }
  // A body that another reader has started on is left to it, because waiting here would pause it.
  if (request.readableDidRead || request.readableFlowing === true) {
    done(false);
    return;
  }
  if (request.readableLength > 0 || request.complete) {
    done(request.readableLength === 0);
    return;
  }
  waitForFirstBytes(request, done);
}

/**
 * Waits for the body's first bytes or its end. A `readable` listener pauses the stream, so nothing
 * is read here. Once the listener is removed, Node resumes the stream for the `data` listeners that
 * the body parser attaches, or leaves it for the next reader.
 */
function waitForFirstBytes(request: IncomingMessage, done: (isEmpty: boolean) => void): void {
  const stop = () => {
    request.off('readable', onReadable);
    request.off('end', onEnd);
    request.off('close', stop);
  };
  // `readable` fires when bytes are buffered or when the body has ended with none.
  const onReadable = () => {
    stop();
    done(request.readableLength === 0);
  };
  // `end` fires in place of `readable` when the body had already ended empty before the listener.
  const onEnd = () => {
    stop();
    done(true);
  };
  request.on('readable', onReadable);
  request.on('end', onEnd);
  request.on('close', stop);
}
