/** The response of Express's not-found handler, chosen from what the request went through. */
import type { Request } from 'express';
import type { ErrorRenderer } from '../renderer.ts';
import { echoablePath, hasInvalidPercentEncoding, pathOf } from '../request-facts.ts';
import { allowedMethodsOf } from './allowed-methods.ts';
import { falsyThrowOf } from './falsy-throws.ts';

/** The members of an Express route that are read here; `req.route` is the last route that took the request. */
interface RouteLike {
  path?: unknown;
  methods?: { _all?: boolean };
  _methods(): string[];
}

/**
 * Returns the value to send for a request that no handler sent a response to. A handler that threw a falsy
 * value, or a route of the request's method that passed the request on, is a fault of the
 * application, sent as the masked 500. Otherwise a path with invalid percent-encoding gets a 400, a
 * path routed for other methods a 405, and any other path a 404.
 */
export function notFoundErrorOf(request: Request, renderer: ErrorRenderer<any>): unknown {
  const falsyThrow = falsyThrowOf(request);
  if (falsyThrow !== undefined) return falsyThrow;

  const path = pathOf(request.originalUrl);
  if (hasInvalidPercentEncoding(path)) {
    return renderer.failure('badRequest', { reason: 'the path has invalid percent-encoding' });
  }
  // The layers of Express 5's router are typed without `match`, which they all have.
  const allowed = allowedMethodsOf(request.app.router.stack as unknown as Parameters<typeof allowedMethodsOf>[0], path);
  const route = routeOfMethod(request);
  if (route !== undefined || allowed.includes(request.method)) {
    // Its handlers passed the request on: one called next() last, or threw a falsy value in a
    // router without the tracing channel.
    const pattern = route === undefined ? echoablePath(path) : String(route.path);
    return new Error(
      `Route ${request.method} ${pattern} matched, but its handlers sent no response: a handler called next() ` +
        'without an error, or threw a falsy value such as null, which Express treats as no error',
    );
  }
  if (allowed.length > 0) {
    return renderer.failure('methodNotAllowed', { allowed_methods: allowed, method: request.method, path: echoablePath(path) });
  }
  return renderer.failure('routeNotFound', { method: request.method, path: echoablePath(path) });
}

/**
 * Returns the route that took the request when it handles the request's method. The router sets
 * `req.route` before it runs a route's handlers, also for a HEAD request to a route without GET,
 * which then runs none of them.
 */
function routeOfMethod(request: Request): RouteLike | undefined {
  const route = (request as { route?: RouteLike }).route;
  if (route === undefined || typeof route._methods !== 'function') return undefined;
  return route.methods?._all === true || route._methods().includes(request.method) ? route : undefined;
}
