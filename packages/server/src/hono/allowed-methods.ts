/** The methods that a Hono application routes for a path, for 405 responses. */
import type { Hono } from 'hono';
import { CATCH_ALL_PROBES, inMethodOrder, type RoutedMethods } from '../allow-header.ts';
import { isHttpToken } from '../http-token.ts';

/** A route as Hono's router returns it, compared by identity. */
type RouterRoute = Hono<any, any, any>['routes'][number];

interface MethodList {
  routeCount: number;
  methods: string[];
  /** The catch-all routes of each method, filled on first use. */
  catchAllRoutes: Map<string, ReadonlySet<RouterRoute>>;
}

const methodLists = new WeakMap<Hono<any, any, any>, MethodList>();

/**
 * Lists the methods of the routes that match a path, and whether one of them is more than a
 * catch-all route. `path` is the path that the application routes, `c.req.path`, so the
 * application's own router decides the match with its own rules, such as Hono's default `strict`
 * mode, in which `/ok/` does not match a route for `/ok`. Routes for all methods, which include
 * middleware added with `use`, do not count.
 */
export function routedMethodsOf(app: Hono<any, any, any>, path: string): RoutedMethods {
  const allowed: string[] = [];
  let hasOwnRoute = false;
  const list = methodListOf(app);
  for (const method of list.methods) {
    // Hono serves a HEAD request with the GET route.
    const routed = method === 'HEAD' ? 'GET' : method;
    const routes = routesOf(app, routed, path);
    if (routes.length === 0) continue;
    allowed.push(method);
    if (hasOwnRoute) continue;
    const catchAlls = catchAllRoutesOf(app, list, routed);
    hasOwnRoute = routes.some((route) => !catchAlls.has(route));
  }
  return { allowed, hasOwnRoute };
}

/**
 * Returns the routes of `method` itself that the application's router matches for `path`. A lookup
 * that throws returns none. Hono's `LinearRouter`, also used by `hono/quick`, throws
 * `UnsupportedPathError` when it matches a route such as `'/:a/*'`. Hono's own dispatch matches
 * only the routes of the request's method, so such a route must not turn every 404 or 405 into a 500.
 */
function routesOf(app: Hono<any, any, any>, method: string, path: string): RouterRoute[] {
  let matched;
  try {
    matched = app.router.match(method, path);
  } catch {
    return [];
  }
  return matched[0].map(([[, route]]) => route).filter((route) => route.method === method);
}

/**
 * Returns the routes of a method that match every path, such as those of `app.options('*')`,
 * `app.options('/:any{.+}')` or `app.options('/:a/*')`. The router decides it by matching the
 * `CATCH_ALL_PROBES`, as the Express adapter does, so any path syntax counts. A route of a sub-app
 * mounted with `app.route(prefix, sub)` or of `basePath` has the prefix in its path, so it counts as
 * a route of the paths under the prefix. The set is cached in `list`.
 */
function catchAllRoutesOf(app: Hono<any, any, any>, list: MethodList, method: string): ReadonlySet<RouterRoute> {
  const { catchAllRoutes } = list;
  let routes = catchAllRoutes.get(method);
  if (routes === undefined) {
    const [first = [], ...others] = CATCH_ALL_PROBES.map((probe) => routesOf(app, method, probe));
    routes = new Set(first.filter((route) => others.every((matched) => matched.includes(route))));
    catchAllRoutes.set(method, routes);
  }
  return routes;
}

/**
 * Returns the methods that the application has routes for, plus HEAD when it routes GET, with the
 * cache of catch-all routes. Both are rebuilt when routes are added.
 */
function methodListOf(app: Hono<any, any, any>): MethodList {
  const cached = methodLists.get(app);
  if (cached !== undefined && cached.routeCount === app.routes.length) return cached;

  const methods = new Set<string>();
  for (const route of app.routes) {
    // Hono takes any string as a method, but a request's method is always a token.
    if (route.method !== 'ALL' && isHttpToken(route.method)) methods.add(route.method);
  }
  if (methods.has('GET')) methods.add('HEAD');
  const list = { routeCount: app.routes.length, methods: inMethodOrder(methods), catchAllRoutes: new Map() };
  methodLists.set(app, list);
  return list;
}
