/** The methods that a Hono application routes for a path, for 405 responses. */
import type { Hono } from 'hono';
import { PatternRouter } from 'hono/router/pattern-router';

interface RouteTable {
  routeCount: number;
  router: PatternRouter<true>;
  methods: string[];
}

const tables = new WeakMap<Hono<any, any, any>, RouteTable>();

/**
 * Lists the methods of the routes that match a path. Routes for all methods, which include
 * middleware added with `use`, do not count. The table is rebuilt when routes are added.
 */
export function allowedMethodsOf(app: Hono<any, any, any>, path: string): string[] {
  let table = tables.get(app);
  if (table === undefined || table.routeCount !== app.routes.length) {
    const router = new PatternRouter<true>();
    const methods = new Set<string>();
    for (const route of app.routes) {
      if (route.method === 'ALL') continue;
      router.add(route.method, route.path, true);
      methods.add(route.method);
    }
    if (methods.has('GET')) methods.add('HEAD');
    table = { routeCount: app.routes.length, router, methods: [...methods] };
    tables.set(app, table);
  }
  const { router } = table;
  // Hono serves a HEAD request with the GET route.
  return table.methods.filter((method) => router.match(method === 'HEAD' ? 'GET' : method, path)[0].length > 0);
}
