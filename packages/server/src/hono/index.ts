/**
 * `@agnes/errors-server/hono`: Hono handlers that send every error as an envelope, map Hono's own
 * failures to registry codes and give each request a valid request id.
 *
 * @example
 * const options = { logger };
 * app.use(errorsMiddleware(options));
 * app.onError(onError(options));
 * app.notFound(notFound({ ...options, app }));
 */
import type { IncomingMessage } from 'node:http';
import type { Context, ErrorHandler, Hono, MiddlewareHandler, NotFoundHandler } from 'hono';
import { bodyLimit as honoBodyLimit } from 'hono/body-limit';
import { pino } from 'pino';
import { createAgnesRenderer } from '../agnes.ts';
import { isMethodNotAllowed } from '../allow-header.ts';
import { recordRequestId, wasAnswered } from '../answered-requests.ts';
import { ABORTED_BODY_REASON } from '../failures.ts';
import type { ErrorLogger } from '../log.ts';
import type { ErrorRenderer } from '../renderer.ts';
import { echoablePath, hasInvalidPercentEncoding, mediaTypeOf, pathOf } from '../request-facts.ts';
import { REQUEST_ID_HEADER } from '../request-id.ts';
import { mapFrameworkFailure } from '../safe-checks.ts';
import { routedMethodsOf } from './allowed-methods.ts';
import { isClientAbort, mapBodyReadErrors } from './body-reads.ts';
import { joinVaryOfContext, removeStaleHeadersOfContext, skippedHonoCors, tidyVaryOfEnvelope } from './envelope-headers.ts';
import { contractErrorOfHonoFailure } from './failures.ts';
import { hasHonoRequestBody } from './request-body.ts';

/** Options of the Hono handlers. */
export interface HonoErrorsOptions {
  /** Renderer to use. @default an Agnes renderer with `docsBaseUrl` */
  renderer?: ErrorRenderer<any>;
  /** Docs base URL of the default renderer. @default 'https://docs.lasscyber.com' */
  docsBaseUrl?: string;
  /** Logger of error responses. @default a pino logger that writes to stdout */
  logger?: ErrorLogger;
}

/** Options of `notFound`. */
export interface HonoNotFoundOptions extends HonoErrorsOptions {
  /** The application, whose routes tell a 405 from a 404. Without it every unrouted request gets a 404. */
  app?: Hono<any, any, any>;
}

// Keyed by the context, because middleware such as Hono's `bodyLimit` replaces `c.req.raw` with a new `Request`.
const requestIds = new WeakMap<Context, string>();
let defaultLogger: ErrorLogger | undefined;

function settingsOf(options: HonoErrorsOptions) {
  return {
    renderer: options.renderer ?? createAgnesRenderer({ docsBaseUrl: options.docsBaseUrl }),
    logger: options.logger ?? (defaultLogger ??= pino({ name: '@agnes/errors-server' })),
  };
}
type Settings = ReturnType<typeof settingsOf>;

function idOf(c: Context, renderer: ErrorRenderer<any>): string {
  let id = requestIds.get(c);
  if (id === undefined) {
    id = renderer.resolveRequestId(c.req.raw.headers.get(REQUEST_ID_HEADER));
    requestIds.set(c, id);
    const incoming = incomingOf(c);
    if (incoming !== undefined) recordRequestId(incoming, id);
  }
  return id;
}

/** Returns Node's request object of a request served by `@hono/node-server`, or `undefined` elsewhere. */
function incomingOf(c: Context): IncomingMessage | undefined {
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
}

/** Returns the request id that the middleware gave a request, or `undefined` before it ran. */
export function requestIdOf(c: Context): string | undefined {
  return requestIds.get(c);
}

/** Renders a thrown value as an envelope. `corsSkipped` is set when the throw skipped a `hono/cors` middleware. */
function respond(thrown: unknown, c: Context, settings: Settings, corsSkipped = false): Response {
  // Node's clientError listener has already sent the response of this request, whose body failed
  // to parse, so this response is never written.
  if (wasAnswered(incomingOf(c))) return new Response(null, { status: 400 });
  const { renderer, logger } = settings;
  const error = mapFrameworkFailure(thrown, (value) => contractErrorOfHonoFailure(value, renderer, c));
  const response = renderer.toResponse(error, c.req.raw, { requestId: idOf(c, renderer), logger });
  removeStaleHeadersOfContext(c);
  joinVaryOfContext(c, response, corsSkipped);
  return response;
}

/**
 * Creates the middleware to register first. It keeps a valid inbound `X-Request-Id` or makes a fresh one and
 * sends it on every response. It also renders thrown values that are not `Error` objects, because
 * Hono passes only `Error` objects to `onError`.
 */
export function errorsMiddleware(options: HonoErrorsOptions = {}): MiddlewareHandler {
  const settings = settingsOf(options);
  const { renderer } = settings;
  return async (c, next) => {
    const id = idOf(c, renderer);
    // Hono sets `routeIndex` to the index of the handler that it runs, so this is the middleware's own.
    const ownIndex = c.req.routeIndex;
    try {
      // Hono decodes what it can and runs the route anyway, unlike Fastify and Express.
      if (hasInvalidPercentEncoding(rawPathOf(c))) {
        throw renderer.failure('badRequest', { reason: 'the path has invalid percent-encoding' });
      }
      mapBodyReadErrors(c, renderer);
      await next();
    } catch (thrown) {
      c.res = respond(thrown, c, settings, skippedHonoCors(c, ownIndex));
    }
    tidyVaryOfEnvelope(c);
    c.header(REQUEST_ID_HEADER, id);
  };
}

/** Returns the request path as sent, because Hono's `c.req.path` is already percent-decoded where it could be. */
function rawPathOf(c: Context): string {
  return pathOf(c.req.url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, ''));
}

/** Creates the error handler, for `app.onError`. */
export function onError(options: HonoErrorsOptions = {}): ErrorHandler {
  const settings = settingsOf(options);
  return (error, c) => respond(error, c, settings);
}

/**
 * Creates the handler for requests that no route took, for `app.notFound`. A path with invalid
 * percent-encoding gets a 400, a path routed only for other methods a 405, any other path a 404.
 */
export function notFound(options: HonoNotFoundOptions = {}): NotFoundHandler {
  const settings = settingsOf(options);
  const { renderer } = settings;
  return (c) => {
    const path = rawPathOf(c);
    let error;
    if (hasInvalidPercentEncoding(path)) {
      error = renderer.failure('badRequest', { reason: 'the path has invalid percent-encoding' });
    } else {
      const routed = options.app ? routedMethodsOf(options.app, c.req.path) : { allowed: [], hasOwnRoute: false };
      error = isMethodNotAllowed(routed, c.req.method)
        ? renderer.failure('methodNotAllowed', { allowed_methods: routed.allowed, method: c.req.method, path: echoablePath(path) })
        : renderer.failure('routeNotFound', { method: c.req.method, path: echoablePath(path) });
    }
    return respond(error, c, settings);
  };
}

/**
 * Creates Hono's `bodyLimit` middleware that raises the payload-too-large code with the limit in its
 * params. A body without `Content-Length` is read here, so a client that stops sending it gets the
 * bad-request code, as from the body readers of `c.req`.
 */
export function bodyLimit(maxBytes: number, options: HonoErrorsOptions = {}): MiddlewareHandler {
  const { renderer } = settingsOf(options);
  const limit = honoBodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw renderer.failure('payloadTooLarge', { max_bytes: maxBytes });
    },
  });
  return async (c, next) => {
    // Errors of later handlers pass unchanged: only a failure of the limit's own read is mapped.
    let passedOn = false;
    try {
      return await limit(c, () => {
        passedOn = true;
        return next();
      });
    } catch (error) {
      if (passedOn || !isClientAbort(c, error)) throw error;
      throw renderer.failure('badRequest', { reason: ABORTED_BODY_REASON }, { cause: error });
    }
  };
}

/**
 * Creates middleware that rejects a request body in another media type with a 415. Requests without
 * a body, or with an empty one, pass. An HTTP/1.x request on Node is judged by its `Transfer-Encoding`
 * and `Content-Length`. Any other request is judged by a `Content-Length` when it sends one, and else
 * by reading its body up to the first byte, which the route still reads in full. A request in an
 * accepted media type passes without that check.
 */
export function requireMediaType(mediaTypes: string[], options: HonoErrorsOptions = {}): MiddlewareHandler {
  const { renderer } = settingsOf(options);
  const accepted = new Set(mediaTypes.map((type) => type.toLowerCase()));
  return async (c, next) => {
    const content_type = mediaTypeOf(c.req.header('content-type'));
    if (!accepted.has(content_type) && (await hasBodyOrAbort(c, renderer))) {
      throw renderer.failure('unsupportedMediaType', { supported_media_types: [...accepted], content_type });
    }
    await next();
  };
}

/** Returns whether the request has a body, and raises the bad-request code when the client stops sending it. */
async function hasBodyOrAbort(c: Context, renderer: ErrorRenderer<any>): Promise<boolean> {
  try {
    return await hasHonoRequestBody(c, incomingOf(c));
  } catch (error) {
    if (!isClientAbort(c, error)) throw error;
    throw renderer.failure('badRequest', { reason: ABORTED_BODY_REASON }, { cause: error });
  }
}
