/** The methods that an Express application routes for a path, for 405 responses. */
import { METHODS } from 'node:http';
import { CATCH_ALL_PROBES, inMethodOrder, type RoutedMethods } from '../allow-header.ts';

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
 * Lists the methods of the routes that match a path, searching mounted routers too, and whether
 * one of them is more than a catch-all route. Middleware mounted with `use`, and handlers
 * registered with `.all`, match every method, so they do not count. A catch-all route in a router
 * mounted under a path, such as `/api`, counts as a route of the paths under it.
 */
export function routedMethodsOf(stack: readonly LayerLike[] | undefined, path: string): RoutedMethods {
  const methods = new Set<string>();
  const ownMethods = new Set<string>();
  collectMethods(stack, path, CATCH_ALL_PROBES, 0, methods, ownMethods);
  return { allowed: inMethodOrder(methods), hasOwnRoute: ownMethods.size > 0 };
}

/**
 * Adds the methods of the routes in `stack` that match `path` to `methods`, and those of routes
 * other than catch-alls to `ownMethods`. `probes` are the probe paths relative to the stack, or
 * empty inside a router that is mounted under a path.
 */
function collectMethods(
  stack: readonly LayerLike[] | undefined,
  path: string,
  probes: readonly string[],
  depth: number,
  methods: Set<string>,
  ownMethods: Set<string>,
): void {
  for (const layer of stack ?? []) {
    const match = layer.match(path);
    if (match === false) continue;
    if (layer.route) {
      const isCatchAll = probes.length > 0 && probes.every((probe) => layer.match(probe) !== false);
      for (const method of specificMethodsOf(layer.route)) {
        methods.add(method);
        if (!isCatchAll) ownMethods.add(method);
      }
    } else if (layer.handle?.stack && depth < MAX_ROUTER_DEPTH) {
      const rest = path.slice(match.path.length) || '/';
      collectMethods(layer.handle.stack, rest, probesInside(layer, probes), depth + 1, methods, ownMethods);
    }
  }
}

/** Returns the probe paths relative to a mounted router, or none when it is mounted under a path. */
function probesInside(layer: LayerLike, probes: readonly string[]): string[] {
  const rests: string[] = [];
  for (const probe of probes) {
    const match = layer.match(probe);
    if (match === false || match.path !== '') return [];
    rests.push(probe);
  }
  return rests;
}
