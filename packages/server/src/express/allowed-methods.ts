/** The methods that an Express application routes for a path, for 405 responses. */
import { METHODS } from 'node:http';
import { inMethodOrder } from '../allow-header.ts';

/** The members of an Express route (the `router` package's `Route`) that are read here. */
export interface RouteLike {
  path?: unknown;
  /** One member per lowercase method with handlers, and `_all` after `route.all()`. */
  methods?: { _all?: boolean };
  /** Lists the uppercase methods with handlers, without `_all`, plus HEAD where GET is routed. */
  _methods(): string[];
}
interface LayerLike {
  route?: RouteLike;
  handle?: { stack?: readonly LayerLike[] };
  match(path: string): { path: string } | false;
}

/** Maximum depth of mounted routers that the search enters. */
const MAX_ROUTER_DEPTH = 8;

/**
 * Lists the methods that a route has handlers of its own for. Express 5's `app.all(path, ...)`
 * adds its handlers for each of Node's `METHODS`, so such a route has none, like one with only
 * `route.all()` handlers. Their handlers run for any method, as middleware does.
 */
export function specificMethodsOf(route: RouteLike): string[] {
  const methods = route._methods();
  return METHODS.every((method) => methods.includes(method)) ? [] : methods;
}

/**
 * Lists the methods of the routes that match a path, searching mounted routers too. Middleware
 * mounted with `use`, and handlers registered with `.all`, match every method, so they do not count.
 */
export function allowedMethodsOf(stack: readonly LayerLike[] | undefined, path: string, depth = 0): string[] {
  const methods = new Set<string>();
  for (const layer of stack ?? []) {
    const match = layer.match(path);
    if (match === false) continue;
    if (layer.route) {
      for (const method of specificMethodsOf(layer.route)) methods.add(method);
    } else if (layer.handle?.stack && depth < MAX_ROUTER_DEPTH) {
      const rest = path.slice(match.path.length) || '/';
      for (const method of allowedMethodsOf(layer.handle.stack, rest, depth + 1)) methods.add(method);
    }
  }
  return inMethodOrder(methods);
}
