/** The methods that a Fastify application routes for a path, for 405 responses. */
import type { FastifyInstance, HTTPMethods } from 'fastify';
import { inMethodOrder, type RoutedMethods } from '../allow-header.ts';

/**
 * Lists the methods of the routes that match a path, and whether one of them is more than a
 * catch-all route. Plugins such as `@fastify/cors` add an `OPTIONS *` route, which matches every
 * path, so a path that only such routes match has no route of its own.
 */
export function routedMethodsOf(fastify: FastifyInstance, methods: ReadonlySet<string>, path: string): RoutedMethods {
  const allowed: string[] = [];
  let hasOwnRoute = false;
  const decodedPath = decodedPathOf(path);
  for (const method of methods) {
    // Fastify's types declare that `findRoute` returns an object, but it returns null when no route matches.
    const route = fastify.findRoute({ method: method as HTTPMethods, url: path }) as { params?: unknown } | null;
    if (route === null) continue;
    allowed.push(method);
    if (!isCatchAllMatch(route.params, decodedPath)) hasOwnRoute = true;
  }
  return { allowed: inMethodOrder(allowed), hasOwnRoute };
}

/**
 * Returns whether a route matched through a catch-all pattern, `*` or `/*`. `findRoute` returns
 * no pattern, only the params. find-my-way (Fastify 5.12) gives the part of the path that a
 * wildcard matched, percent-decoded, as the `*` param, so a catch-all route has that param alone,
 * and it is the whole path. A wildcard after a static part, such as `/static/*`, leaves that part
 * out of the param, so it counts as a route of the path.
 */
function isCatchAllMatch(params: unknown, decodedPath: string): boolean {
  if (typeof params !== 'object' || params === null) return false;
  const names = Object.keys(params);
  if (names.length !== 1 || names[0] !== '*') return false;
  const wildcard = (params as Record<string, unknown>)['*'];
  return typeof wildcard === 'string' && slashesTrimmed(wildcard) === slashesTrimmed(decodedPath);
}

/**
 * Returns a path without its leading and trailing slashes and with runs of slashes made single,
 * so that router options such as `ignoreTrailingSlash` and `ignoreDuplicateSlashes` do not matter.
 */
function slashesTrimmed(path: string): string {
  return path.replace(/\/{2,}/g, '/').replace(/^\/|\/$/g, '');
}

function decodedPathOf(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    // The not-found handler sends a 400 for a path with invalid percent-encoding before it looks up methods.
    return path;
  }
}
