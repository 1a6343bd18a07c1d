/** The methods that a Hono application routes for a path, for 405 responses. */
import type { Hono } from 'hono';
import { inMethodOrder, type RoutedMethods } from '../allow-header.ts';
import { isHttpToken } from '../http-token.ts';

interface MethodList {
  routeCount: number;
  methods: string[];
}

/**
 * Route paths that match every path, such as that of `app.options('*', ...)`. A route of a sub-app
 * mounted with `app.route(prefix, sub)` or of `basePath` has the prefix in its path, so it counts as
 * a route of the paths under the prefix.
 */
const CATCH_ALL_PATHS = new Set(['*', '/*']);

const methodLists = new WeakMap<Hono<any, any, any>, MethodList>();

/**
 * Lists the methods of the routes that match a path, and whether one of them is more than a
 * catch-all route. `path` is the path that the application routes, `c.req.path`, so the
 * application's own router decides the match with its own rules, such as Hono's default `strict`
 * mode, in which `/ok/` does not match a route for `/ok`. Routes for all methods, which include
 * middleware added with `use`, do not count.
 */
export function routedMethodsOf(app: Hono<any, any, any>, path: string): RoutedMethods {
  const { router } = app;
  const allowed: string[] = [];
  let hasOwnRoute = false;
  for (const method of methodsOf(app)) {
    // Hono serves a HEAD request with the GET route.
    const routed = method === 'HEAD' ? 'GET' : method;
    const routes = router.match(routed, path)[0].map(([[, route]]) => route).filter((route) => route.method === routed);
    if (routes.length === 0) continue;
    allowed.push(method);
    if (routes.some((route) => !CATCH_ALL_PATHS.has(route.path))) hasOwnRoute = true;
  }
  return { allowed, hasOwnRoute };
}

/**
 * Lists the methods that the application has routes for, plus HEAD when it routes GET. The list is
 * rebuilt when routes are added.
 */
function methodsOf(app: Hono<any, any, any>): string[] {
  const cached = methodLists.get(app);
  if (cached !== undefined && cached.routeCount === app.routes.length) return cached.methods;

  const methods = new Set<string>();
  for (const route of app.routes) {
    // Hono takes any string as a method, but a request's method is always a token.
    if (route.method !== 'ALL' && isHttpToken(route.method)) methods.add(route.method);
  }
  if (methods.has('GET')) methods.add('HEAD');
  const list = { routeCount: app.routes.length, methods: inMethodOrder(methods) };
  methodLists.set(app, list);
  return list.methods;
}
