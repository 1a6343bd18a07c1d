/**
 * `@agnes/errors-server/fastify`: the Fastify plugin. It sends every error as an envelope, maps
 * Fastify's own failures to registry codes, and gives each request a valid request id.
 *
 * @example
 * const app = Fastify({ logger: true, ...errorsServerOptions() });
 * await app.register(errorsPlugin);
 */
import type { IncomingMessage } from 'node:http';
import type { Http2Server, Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import type {
  FastifyBaseLogger,
  FastifyError,
  FastifyInstance,
  FastifyPluginCallback,
  FastifyReply,
  FastifyRequest,
  RouteGenericInterface,
} from 'fastify';
import { createAgnesRenderer } from '../agnes.ts';
import { isMethodNotAllowed } from '../allow-header.ts';
import { recordedRequestIdOf, recordRequestId, wasAnswered } from '../answered-requests.ts';
import { createClientErrorListener } from '../client-error.ts';
import { cutResponse } from '../cut-response.ts';
import { logUnsentError, type ErrorLogger } from '../log.ts';
import type { ErrorRenderer } from '../renderer.ts';
import { echoablePath, hasInvalidPercentEncoding, pathOf } from '../request-facts.ts';
import { isReservedHeader, withExistingVary } from '../render-envelope.ts';
import { REQUEST_ID_HEADER } from '../request-id.ts';
import { removeStaleHeaders, STALE_HEADERS } from '../stale-headers.ts';
import { asContractError, mapFrameworkFailure } from '../safe-checks.ts';
import { routedMethodsOf } from './allowed-methods.ts';
import { closeConnectionAfter, closingLoggerOf } from './closing.ts';
import { contractErrorOfFastifyFailure } from './failures.ts';
import { pluginOrderError, routesWithDefaultErrorHandler } from './plugin-order.ts';
import { createSecondIdWarning, requestIdHeaderError } from './request-id-checks.ts';
import { createSecondChanceArmer, replacementLoggerOf } from './second-chance.ts';

export { serializeRequest, type LoggedRequest } from './request-log.ts';

/** Options of `errorsPlugin` and `errorsServerOptions`. */
export interface FastifyErrorsOptions {
  /** Renderer to use. @default an Agnes renderer with `docsBaseUrl` */
  renderer?: ErrorRenderer<any>;
  /** Docs base URL of the default renderer. @default 'https://docs.lasscyber.com' */
  docsBaseUrl?: string;
  /** Logger of error responses. @default the request's logger, `request.log` */
  logger?: ErrorLogger;
  /** Media types in the 415 envelope. @default the types of Fastify's built-in parsers */
  supportedMediaTypes?: string[];
}

/** Methods checked for a 405 besides those of the routes registered after the plugin. */
const STANDARD_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const DEFAULT_MEDIA_TYPES = ['application/json', 'text/plain'];

/** Returns the request id of a request, resolving and recording it on the first call. */
function requestIdOfRaw(raw: IncomingMessage, renderer: ErrorRenderer<any>): string {
  let id = recordedRequestIdOf(raw);
  if (id === undefined) {
    id = renderer.resolveRequestId(raw.headers[REQUEST_ID_HEADER]);
    recordRequestId(raw, id);
  }
  return id;
}

function rendererOf(options: FastifyErrorsOptions): ErrorRenderer<any> {
  return options.renderer ?? createAgnesRenderer({ docsBaseUrl: options.docsBaseUrl });
}

/** Returns the JSON text unchanged, so that neither a route's serializer nor its response schema rewrites it. */
const sendAsIs = (payload: unknown) => payload as string;

/**
 * Replies of the not-found and framework-error paths whose envelope is being sent. Fastify passes
 * an error of their hooks to the application's error handler, which is `sendError` again. Thrown
 * errors come through Fastify's error handler, where the armed second handler covers them.
 */
const sendingEnvelope = new WeakSet<FastifyReply>();

/**
 * The path that reached `sendError`: Fastify's error handler, given as the function that arms the
 * reply's next error handler, or `'direct'` when the plugin calls it itself.
 */
type ErrorPath = ((reply: FastifyReply) => void) | 'direct';

/** Renders a thrown value and sends it. */
function sendError(
  thrown: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  renderer: ErrorRenderer<any>,
  options: FastifyErrorsOptions,
  path: ErrorPath,
): void {
  // Node's clientError listener has already sent the response of this request, whose body failed
  // to parse.
  if (wasAnswered(request.raw)) {
    reply.hijack();
    return;
  }
  if (sendingEnvelope.has(reply)) {
    sendWithoutHooks(thrown, request, reply, renderer, options);
    return;
  }
  // The route wrote part of its response through `reply.raw` and then threw.
  if (reply.raw.headersSent) {
    closeStartedResponse(thrown, request, reply, renderer, options);
    return;
  }
  // A contract error needs no mapping, so the common case skips reading Fastify's error codes.
  const error = asContractError(thrown) ?? mapFrameworkFailure(thrown, (value) => contractErrorOfFastifyFailure(
    value,
    renderer,
    request,
    options.supportedMediaTypes ?? DEFAULT_MEDIA_TYPES,
  ));
  const rendered = renderFor(error, request, renderer, options);
  // A string goes out in one write with the headers; a Buffer would take a second, slower writev.
  const headers = withExistingVary(rendered.headers, reply.getHeader('vary'));
  // If a hook or serializer fails on this envelope, its error goes to the armed handler, or comes
  // back here on the direct paths. A WeakSet costs more than arming, so only those paths use it.
  if (path === 'direct') sendingEnvelope.add(reply);
  else path(reply);
  // Fastify sets `Connection: close` when a body fails to parse, which HTTP/2 does not allow: Node
  // would drop it with a warning.
  if (request.raw.httpVersionMajor === 2) reply.removeHeader('connection');
  removeStaleHeaders(reply, headers);
  reply.code(rendered.status).headers(headers).serializer(sendAsIs).send(rendered.json);
}

/** Renders a thrown value with the facts of the request and the plugin's logger. */
function renderFor(thrown: unknown, request: FastifyRequest, renderer: ErrorRenderer<any>, options: FastifyErrorsOptions) {
  return renderer.render(thrown, {
    requestId: requestIdOfRaw(request.raw, renderer),
    method: request.method,
    path: pathOf(request.url),
    accept: request.headers.accept,
    logger: options.logger ?? request.log,
  });
}

/**
 * Sends the service-unavailable envelope to a request that arrived while the server closes, with
 * `Connection: close`, and logs it at info level (see `closingLoggerOf`).
 */
function sendServiceUnavailable(
  request: FastifyRequest,
  reply: FastifyReply,
  renderer: ErrorRenderer<any>,
  options: FastifyErrorsOptions,
  code: string,
): void {
  closeConnectionAfter(request, reply);
  const logger = closingLoggerOf(options.logger ?? request.log, code);
  // The stack would not be logged, so it is not recorded either.
  const error = renderer.failure('serviceUnavailable', {}, { captureStack: false });
  sendError(error, request, reply, renderer, { ...options, logger }, 'direct');
}

/**
 * Logs a value thrown after the response started and closes the connection: the status line is
 * gone, so the client can only learn of the failure by the connection closing.
 */
function closeStartedResponse(
  thrown: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  renderer: ErrorRenderer<any>,
  options: FastifyErrorsOptions,
): void {
  const fields = { request_id: requestIdOfRaw(request.raw, renderer), method: request.method, path: pathOf(request.url), status: reply.raw.statusCode };
  logUnsentError(options.logger ?? request.log, fields, thrown);
  reply.hijack();
  cutResponse(reply.raw);
}

/**
 * Sends the envelope of an error thrown while an earlier envelope was being sent, such as by an
 * `onSend` hook, straight to the socket: the hooks and serializers that failed are not run again.
 */
function sendWithoutHooks(
  thrown: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  renderer: ErrorRenderer<any>,
  options: FastifyErrorsOptions,
): void {
  if (reply.raw.headersSent) {
    closeStartedResponse(thrown, request, reply, renderer, options);
    return;
  }
  reply.hijack();
  // The reply still has the status of the envelope that failed, which `sendError` set.
  const logger = replacementLoggerOf(options.logger ?? request.log, reply.statusCode);
  const rendered = renderFor(thrown, request, renderer, { ...options, logger });
  const earlier = earlierHeadersOf(reply);
  const own = { ...withExistingVary(rendered.headers, reply.getHeader('vary')), 'content-length': String(Buffer.byteLength(rendered.json)) };
  try {
    reply.raw.writeHead(rendered.status, { ...earlier, ...own });
  } catch {
    // Node rejected a header value that an earlier hook set, so the envelope goes without them.
    reply.raw.writeHead(rendered.status, own);
  }
  reply.raw.end(rendered.json);
}

/**
 * Returns the headers set on the reply before the envelope's hooks failed, such as those of a CORS
 * hook, without the ones that the envelope sets itself, `STALE_HEADERS` and hop-by-hop headers.
 */
function earlierHeadersOf(reply: FastifyReply): Record<string, string | string[]> {
  const earlier: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value === undefined || isReservedHeader(name) || STALE_HEADERS.includes(name)) continue;
    earlier[name] = typeof value === 'number' ? String(value) : value;
  }
  return earlier;
}

/**
 * Types of `genReqId` and `frameworkErrors` that fit Fastify on HTTP/1, HTTPS and HTTP/2 servers,
 * so that `Fastify({ http2: true, ...errorsServerOptions() })` needs no cast.
 */
type RequestIdOfAnyServer = ((raw: IncomingMessage) => string) & ((raw: Http2ServerRequest) => string);
type FrameworkErrorsOfAnyServer = ((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => void) &
  ((
    error: FastifyError,
    request: FastifyRequest<RouteGenericInterface, Http2Server, Http2ServerRequest>,
    reply: FastifyReply<RouteGenericInterface, Http2Server, Http2ServerRequest, Http2ServerResponse>,
  ) => void);

/**
 * Options for the Fastify factory, to spread into `Fastify({ ... })`, which a plugin cannot set.
 * `genReqId` makes Fastify's own log lines carry the contract's request id. Spread the options
 * last, because a `genReqId` after them would replace it. `frameworkErrors` turns
 * a path with invalid percent-encoding into a 400 envelope. `clientErrorHandler` responds with an
 * envelope to requests that Node's HTTP parser rejects. `return503OnClosing: false` stops Fastify's
 * own 503 body for requests that arrive while the server closes, so the plugin sends an envelope.
 */
export function errorsServerOptions(options: FastifyErrorsOptions = {}) {
  const renderer = rendererOf(options);
  return {
    genReqId: ((raw: IncomingMessage) => requestIdOfRaw(raw, renderer)) as RequestIdOfAnyServer,
    frameworkErrors: ((error: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
      sendError(error, request, reply, renderer, options, 'direct')) as FrameworkErrorsOfAnyServer,
    clientErrorHandler: clientErrorHandlerOf(renderer, options.logger),
    return503OnClosing: false,
  };
}

type ClientErrorListener = ReturnType<typeof createClientErrorListener>;

/**
 * Returns Fastify's `clientErrorHandler`. Fastify calls it with `this` bound to the instance, so
 * without a configured logger each instance's requests are logged through that instance's logger.
 */
function clientErrorHandlerOf(renderer: ErrorRenderer<any>, logger: ErrorLogger | undefined) {
  if (logger !== undefined) return createClientErrorListener({ renderer, logger });
  const listenerByInstance = new WeakMap<FastifyInstance, ClientErrorListener>();
  return function clientErrorHandler(this: FastifyInstance, ...args: Parameters<ClientErrorListener>): void {
    let listener = listenerByInstance.get(this);
    if (listener === undefined) {
      listener = createClientErrorListener({ renderer, logger: withRequestIdLabel(this.log, requestIdLogLabelOf(this)) });
      listenerByInstance.set(this, listener);
    }
    listener(...args);
  };
}

/**
 * Returns the field name of the request id in Fastify's log lines. Fastify 5.12 keeps it in its log
 * controller, under a symbol that it does not export, and still reports the older top-level
 * `requestIdLogLabel` option in `initialConfig`.
 */
function requestIdLogLabelOf(fastify: FastifyInstance): string {
  const instance = fastify as unknown as Record<symbol, { requestIdLogLabel?: unknown } | undefined>;
  const controllerKey = Object.getOwnPropertySymbols(fastify).find((key) => key.description === 'fastify.logController');
  const label = controllerKey === undefined ? undefined : instance[controllerKey]?.requestIdLogLabel;
  if (typeof label === 'string' && label !== '') return label;
  return fastify.initialConfig.requestIdLogLabel ?? 'reqId';
}

/**
 * Wraps an instance's logger so that each line also carries the request id under Fastify's
 * `requestIdLogLabel` (`reqId` by default), like the lines Fastify writes for a request. A request
 * that Node's parser rejects never reaches Fastify, so no request logger has that field bound.
 */
function withRequestIdLabel(log: FastifyBaseLogger, label: string): ErrorLogger {
  const labelled = (object: object) => ({ [label]: (object as { request_id?: unknown }).request_id, ...object });
  const levels = log as FastifyBaseLogger & { isLevelEnabled?: (level: string) => boolean };
  return {
    info: (object, message) => log.info(labelled(object), message),
    error: (object, message) => log.error(labelled(object), message),
    isLevelEnabled: (level) => levels.isLevelEnabled?.(level) ?? true,
  };
}

/** Decoration that marks an instance, and the instances inside it, as having the plugin. */
const REGISTERED = Symbol.for('@agnes/errors-server.fastifyPlugin');

const plugin: FastifyPluginCallback<FastifyErrorsOptions> = (fastify, options, done) => {
  // A second registration would throw from Fastify's setNotFoundHandler inside the plugin loader,
  // which does not catch it, so the process would crash instead of `ready()` failing.
  if (fastify.hasDecorator(REGISTERED)) {
    done(
      new Error(
        'errorsPlugin is registered twice on the same instance or on an instance inside one that has it. ' +
          'Register it once, on the root instance',
      ),
    );
    return;
  }
  const headerError = requestIdHeaderError(fastify);
  if (headerError !== undefined) {
    done(headerError);
    return;
  }
  fastify.decorate(REGISTERED, true);
  const renderer = rendererOf(options);
  const methods = new Set(STANDARD_METHODS);

  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) methods.add(method.toUpperCase());
  });

  // From this hook on, requests that arrive get a 503 envelope; `errorsServerOptions()` turns
  // Fastify's own 503 off. A registry without a service-unavailable code leaves such requests served
  // as usual, as Fastify serves them with its 503 off, rather than sent as a 500 on each deployment.
  // NOTE: a preClose hook registered before the plugin runs first, and requests that arrive while
  // it waits are also served as usual.
  const serviceUnavailableCode = renderer.codes.serviceUnavailable;
  let closing = false;
  if (serviceUnavailableCode !== undefined) {
    fastify.addHook('preClose', (next) => {
      closing = true;
      next();
    });
  }

  // Every response carries the request id. When Fastify made an id of its own, `request.id` is
  // replaced by the contract's id, and a warning with the fix is logged once per instance.
  const warnOfSecondId = createSecondIdWarning(options.logger);
  fastify.addHook('onRequest', (request, reply, next) => {
    const id = requestIdOfRaw(request.raw, renderer);
    if (request.id !== id) {
      warnOfSecondId(request, id);
      request.id = id;
    }
    reply.header(REQUEST_ID_HEADER, id);
    if (closing) {
      sendServiceUnavailable(request, reply, renderer, options, serviceUnavailableCode!);
      return;
    }
    next();
  });

  const armSecondChance = createSecondChanceArmer((error, request, reply) => sendWithoutHooks(error, request, reply, renderer, options));
  fastify.setErrorHandler((error, request, reply) => sendError(error, request, reply, renderer, options, armSecondChance));

  // Fastify gives a route its error handler when the route is loaded, so routes loaded before this
  // plugin would send a thrown error's message in Fastify's default body.
  fastify.addHook('onReady', (ready) => {
    const routes = routesWithDefaultErrorHandler(fastify);
    ready(routes.length > 0 ? pluginOrderError(routes) : undefined);
  });

  try {
    fastify.setNotFoundHandler(notFound);
  } catch (error) {
    // Fastify keeps one not-found handler per prefix, shared by sibling instances, and throws for a
    // second one. Thrown from here, that error would crash the process instead of failing `ready()`.
    done(
      new Error(
        `errorsPlugin could not set the not-found handler, because Fastify already has one for the prefix "${fastify.prefix || '/'}": ` +
          'the plugin was registered on two instances of that prefix, or setNotFoundHandler was called before it. ' +
          'Register errorsPlugin once, on the root instance, and set no other not-found handler',
        { cause: error },
      ),
    );
    return;
  }

  function notFound(request: FastifyRequest, reply: FastifyReply): void {
    const path = pathOf(request.url);
    let error;
    if (hasInvalidPercentEncoding(path)) {
      error = renderer.failure('badRequest', { reason: 'the path has invalid percent-encoding' });
    } else {
      const routed = routedMethodsOf(fastify, methods, path);
      error = isMethodNotAllowed(routed, request.method)
        ? renderer.failure('methodNotAllowed', { allowed_methods: routed.allowed, method: request.method, path: echoablePath(path) })
        : renderer.failure('routeNotFound', { method: request.method, path: echoablePath(path) });
    }
    sendError(error, request, reply, renderer, options, 'direct');
  }

  done();
};

/**
 * The Fastify plugin. Register it on the root instance before the routes: it sets the error
 * handler and the not-found handler of the whole application. `ready()` fails when a route keeps
 * Fastify's default error handler, such as a route loaded before the plugin, and registration fails
 * when the factory options set `requestIdHeader`. Once `close()` has
 * started, new requests get the registry's service-unavailable envelope, if the registry has such a
 * code and the factory options come from `errorsServerOptions()`.
 */
export const errorsPlugin: FastifyPluginCallback<FastifyErrorsOptions> = Object.assign(plugin, {
  // Applies the handlers to the instance that registers the plugin instead of a child context.
  [Symbol.for('skip-override')]: true,
  [Symbol.for('fastify.display-name')]: '@agnes/errors-server',
});
