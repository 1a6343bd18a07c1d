/**
 * `@agnes/errors-server/express`: Express middleware that gives each request a valid request id,
 * sends every error as an envelope and maps Express's own failures to registry codes.
 *
 * @example
 * const options = { logger };
 * app.use(requestId(options));
 * app.use(express.json());
 * // ...routes...
 * app.use(notFoundHandler(options));
 * app.use(errorHandler(options));
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { pino } from 'pino';
import { createAgnesRenderer } from '../agnes.ts';
import { recordedRequestIdOf, recordRequestId, wasAnswered } from '../answered-requests.ts';
import { EMPTY_BODY_REASON } from '../failures.ts';
import type { ErrorLogger } from '../log.ts';
import type { ErrorRenderer } from '../renderer.ts';
import { hasRequestBody, mediaTypeOf, pathOf } from '../request-facts.ts';
import { withExistingVary } from '../render-envelope.ts';
import { REQUEST_ID_HEADER } from '../request-id.ts';
import { removeStaleHeaders } from '../stale-headers.ts';
import { mapFrameworkFailure } from '../safe-checks.ts';
import { checkEmptyJsonBody } from './empty-body.ts';
import { trackFalsyThrows } from './falsy-throws.ts';
import { contractErrorOfExpressFailure } from './failures.ts';
import { closeUnendedResponse, handleLateError, type LateErrorFacts } from './late-errors.ts';
import { notFoundErrorOf } from './not-found.ts';

/** Options of the Express middleware. */
export interface ExpressErrorsOptions {
  /** Renderer to use. @default an Agnes renderer with `docsBaseUrl` */
  renderer?: ErrorRenderer<any>;
  /** Docs base URL of the default renderer. @default 'https://docs.lasscyber.com' */
  docsBaseUrl?: string;
  /** Logger of error responses. @default a pino logger that writes to stdout */
  logger?: ErrorLogger;
  /**
   * Ignored. body-parser fails with a 415 only for a charset or content coding that it does not
   * decode, and the adapter sends those as 400 `bad_request`.
   * @deprecated Remove it, because `requireMediaType(mediaTypes)` takes the media types of its 415 envelopes.
   */
  supportedMediaTypes?: string[];
}

let defaultLogger: ErrorLogger | undefined;

function settingsOf(options: ExpressErrorsOptions) {
  return {
    renderer: options.renderer ?? createAgnesRenderer({ docsBaseUrl: options.docsBaseUrl }),
    logger: options.logger ?? (defaultLogger ??= pino({ name: '@agnes/errors-server' })),
  };
}
type Settings = ReturnType<typeof settingsOf>;

function idOf(request: IncomingMessage, renderer: ErrorRenderer<any>): string {
  let id = recordedRequestIdOf(request);
  if (id === undefined) {
    id = renderer.resolveRequestId(request.headers[REQUEST_ID_HEADER]);
    recordRequestId(request, id);
  }
  return id;
}

/** Returns the request id that the middleware gave a request, or `undefined` before it ran. */
export function requestIdOf(request: IncomingMessage): string | undefined {
  return recordedRequestIdOf(request);
}

function factsOf(request: Request, renderer: ErrorRenderer<any>): LateErrorFacts {
  return { requestId: idOf(request, renderer), method: request.method, path: pathOf(request.originalUrl) };
}

/**
 * Renders a thrown value and writes it with Node's API, so no Express setting changes the body. A
 * value thrown after the response started is only logged.
 */
function sendError(thrown: unknown, request: Request, response: ServerResponse, settings: Settings): void {
  // Node's clientError listener has already sent the response of this request, whose body failed
  // to parse.
  if (wasAnswered(request)) return;
  const { renderer, logger } = settings;
  if (response.headersSent) {
    handleLateError(thrown, response, factsOf(request, renderer), logger);
    return;
  }
  const error = mapFrameworkFailure(thrown, (value) => contractErrorOfExpressFailure(value, renderer, request));
  const { requestId, method, path } = factsOf(request, renderer);
  const rendered = renderer.render(error, { requestId, method, path, accept: request.headers.accept, logger });
  const headers = withExistingVary(rendered.headers, response.getHeader('vary'));
  removeStaleHeaders(response, headers);
  response.writeHead(rendered.status, { ...headers, 'content-length': Buffer.byteLength(rendered.json) });
  response.end(rendered.json);
}

/**
 * Creates middleware that keeps a valid inbound `X-Request-Id` or makes a fresh one, and sends it on
 * every response. Register it first. It also rejects an empty JSON body with a 400, as Fastify and
 * Hono do, because `express.json()` would turn it into `{}`. For a chunked body it passes the
 * request on once the first bytes or the end of the body have arrived.
 */
export function requestId(options: ExpressErrorsOptions = {}): RequestHandler {
  const { renderer } = settingsOf(options);
  return (request, response, next) => {
    response.setHeader(REQUEST_ID_HEADER, idOf(request, renderer));
    checkEmptyJsonBody(request, (isEmpty) => {
      if (isEmpty) next(renderer.failure('malformedJson', { reason: EMPTY_BODY_REASON }));
      else next();
    });
  };
}

/**
 * Creates the error handler; register it last. A value thrown after the response started cannot be
 * sent, so it is logged at error level. The connection stays open when the response was complete,
 * and is closed when the response has not ended, to cut it short.
 */
export function errorHandler(options: ExpressErrorsOptions = {}): ErrorRequestHandler {
  const settings = settingsOf(options);
  // Express recognises an error handler by its four parameters.
  return (error, request, response, _next) => sendError(error, request, response, settings);
}

/**
 * Creates the handler for requests that no route took; register it after the routes. A handler that
 * threw a falsy value such as `null`, or a route of the request's method whose handlers all passed the
 * request on, gets a masked 500. A path with invalid percent-encoding gets a 400, a path routed for
 * other methods a 405, any other path a 404. Handlers registered with `.all` count as middleware, so
 * a guard in front of other routes keeps the 404 or 405, unless it is the only route of one exact
 * path. A response that a handler sent before passing the request on is left alone, and one that it
 * started without ending is cut short by closing the connection.
 */
export function notFoundHandler(options: ExpressErrorsOptions = {}): RequestHandler {
  const settings = settingsOf(options);
  trackFalsyThrows();
  return (request, response, next) => {
    // The router reports a synchronous falsy throw only after it has passed the request on to this
    // handler, so the decision waits until that call stack has unwound.
    queueMicrotask(() => {
      try {
        if (response.headersSent) {
          if (!response.writableEnded) closeUnendedResponse(response, factsOf(request, settings.renderer), settings.logger);
          return;
        }
        sendError(notFoundErrorOf(request, settings.renderer), request, response, settings);
      } catch (error) {
        next(error);
      }
    });
  };
}

/**
 * Creates middleware that rejects a request body in another media type with a 415. Requests
 * without a body pass.
 */
export function requireMediaType(mediaTypes: string[], options: ExpressErrorsOptions = {}): RequestHandler {
  const { renderer } = settingsOf(options);
  const accepted = new Set(mediaTypes.map((type) => type.toLowerCase()));
  return (request, _response, next) => {
    const content_type = mediaTypeOf(request.headers['content-type']);
    if (!hasRequestBody(request.headers['content-length'], request.headers['transfer-encoding']) || accepted.has(content_type)) {
      next();
      return;
    }
    next(renderer.failure('unsupportedMediaType', { supported_media_types: [...accepted], content_type }));
  };
}
