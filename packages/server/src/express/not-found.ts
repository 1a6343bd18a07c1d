/** The response of Express's not-found handler, chosen from what the request went through. */
import type { Request } from 'express';
import { isMethodNotAllowed } from '../allow-header.ts';
import type { ErrorRenderer } from '../renderer.ts';
import { echoablePath, hasInvalidPercentEncoding, pathOf } from '../request-facts.ts';
import { routedMethodsOf, specificMethodsOf, type RouteLike } from './allowed-methods.ts';
import { falsyThrowOf } from './falsy-throws.ts';

/**
 * Returns the value to send for a request that no handler sent a response to. A handler that threw a
 * falsy value, or a route of the request's method that passed the request on, is a fault of the
 * application, sent as the masked 500. Otherwise a path with invalid percent-encoding gets a 400, a
 * path routed for other methods a 405, and any other path a 404, also one that only a catch-all
 * route of another method matches. Handlers registered with `.all` count as middleware, so a guard
 * in front of other routes that passes the request on keeps the 404 or 405, unless the `.all` route
 * is the only route of one exact path.
 */
export function notFoundErrorOf(request: Request, renderer: ErrorRenderer<any>): unknown {
  const falsyThrow = falsyThrowOf(request);
  if (falsyThrow !== undefined) return falsyThrow;

  const path = pathOf(request.originalUrl);
  if (hasInvalidPercentEncoding(path)) {
    return renderer.failure('badRequest', { reason: 'the path has invalid percent-encoding' });
  }
  // The layers of Express 5's router are typed without `match`, which they all have.
  const routed = routedMethodsOf(request.app.router.stack as unknown as Parameters<typeof routedMethodsOf>[0], path);
  const { allowed } = routed;
  const route = routeOfMethod(request, allowed);
  if (route !== undefined || allowed.includes(request.method)) {
    // Its handlers passed the request on: one called next() last, or threw a falsy value in a
    // router without the tracing channel.
    const pattern = route === undefined ? echoablePath(path) : String(route.path);
    return new Error(
      `Route ${request.method} ${pattern} matched, but its handlers sent no response: a handler called next() ` +
        'without an error, or threw a falsy value such as null, which Express treats as no error',
    );
  }
  if (isMethodNotAllowed(routed, request.method)) {
    return renderer.failure('methodNotAllowed', { allowed_methods: allowed, method: request.method, path: echoablePath(path) });
  }
  return renderer.failure('routeNotFound', { method: request.method, path: echoablePath(path) });
}

/**
 * Returns the route that took the request when it has handlers of the request's method, or when it
 * is an `.all` route that is the only route of one exact path. `req.route` is the last route that the
 * router ran for the request. The router sets it before it runs a route's handlers, also for a HEAD
 * request to a route without GET, which then runs none of them. An `.all` route with a parameter or
 * a wildcard, or one next to routes of specific methods, is a guard in front of other routes, as in
 * Express's authentication example, so it does not count.
 */
function routeOfMethod(request: Request, allowed: readonly string[]): RouteLike | undefined {
  const route = (request as { route?: RouteLike }).route;
  if (route === undefined || typeof route._methods !== 'function') return undefined;
  const methods = specificMethodsOf(route);
  if (methods.includes(request.method)) return route;
  const isOnlyRouteOfPath = methods.length === 0 && allowed.length === 0 && isExactPath(route.path);
  return isOnlyRouteOfPath ? route : undefined;
}

/** Returns whether a route path, or each path of an array, is a string without parameters, wildcards or optional groups. */
function isExactPath(path: unknown): boolean {
  if (Array.isArray(path)) return path.length > 0 && path.every(isExactPath);
  return typeof path === 'string' && !/[:*{]/.test(path.replace(/\\./g, ''));
}
