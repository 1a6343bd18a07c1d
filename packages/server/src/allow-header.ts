/**
 * The `Allow` header of the method-not-allowed code, built from its `allowed_methods` param. The
 * param goes into a header, so each item must be an HTTP method. A value that is not one would send
 * an empty or invalid header, or one that Node or the framework rejects or re-encodes.
 */
import { isHttpToken } from './http-token.ts';
import { describeValue, invalidParamError } from './param-checks.ts';

const METHOD_RULE =
  "each item must be an HTTP method token of RFC 9110: one or more letters, digits or !#$%&'*+-.^_`|~, " +
  'because the list is sent as the Allow header';

/** Methods of RFC 9110 in the order that `Allow` lists them. Other methods follow in alphabetical order. */
const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT'];

/**
 * Returns methods in one order for every adapter, whatever order the routes were added in: the
 * methods of RFC 9110 first, such as `GET, HEAD, POST`, then others in alphabetical order.
 */
export function inMethodOrder(methods: Iterable<string>): string[] {
  const rank = (method: string) => {
    const index = METHOD_ORDER.indexOf(method);
    return index === -1 ? METHOD_ORDER.length : index;
  };
  return [...methods].sort((a, b) => {
    const byRank = rank(a) - rank(b);
    if (byRank !== 0) return byRank;
    if (a === b) return 0;
    return a < b ? -1 : 1;
  });
}

/**
 * Paths that no application routes, for telling a catch-all route apart: a route that matches both
 * one segment and many, with names that no resource has, matches every path. Such a route is
 * Express's `app.options('/{*splat}', cors())`, Hono's `app.options('/:any{.+}', ...)`, or one whose
 * path is a regular expression that matches any path.
 */
export const CATCH_ALL_PROBES: readonly string[] = ['/agnes-catch-all-probe', '/agnes-catch-all-probe/a/b/c/d/e/f/g/h'];

/** The methods that routes of one path have, for a 405. */
export interface RoutedMethods {
  /** Methods of the routes that match the path, catch-all routes included, in `inMethodOrder`. */
  allowed: string[];
  /**
   * Whether a route other than a catch-all matches the path. A catch-all route, such as the
   * `OPTIONS *` route of a CORS plugin, matches every path, so it does not show that the path exists.
   */
  hasOwnRoute: boolean;
}

/**
 * Returns whether a request that no route took gets a 405, which is when routes of its own match
 * its path but none of its method. A method that only a catch-all route has is listed in `Allow`,
 * but it does not turn a 404 into a 405. A request whose method has a matching route reached the
 * not-found handler in another way, such as through Fastify's `reply.callNotFound()` or Hono's
 * `c.notFound()`, so it gets a 404.
 */
export function isMethodNotAllowed(routed: RoutedMethods, method: string): boolean {
  return routed.hasOwnRoute && !routed.allowed.includes(method);
}

/**
 * Returns the `Allow` header of an error of the method-not-allowed code, or `undefined` when the
 * error has no `allowed_methods`. An empty list gives an empty header, which RFC 9110 allows.
 *
 * @throws {TypeError} naming the code, the param, the value and the rule when `allowed_methods` is
 * not an array or has an item that is not an HTTP method token.
 */
export function allowHeaderOf(code: string, allowedMethods: unknown): string | undefined {
  if (allowedMethods === undefined) return undefined;
  if (!Array.isArray(allowedMethods)) {
    throw invalidParamError(code, 'allowed_methods', describeValue(allowedMethods), `expected an array; ${METHOD_RULE}`);
  }
  for (const [index, method] of allowedMethods.entries()) {
    if (!isHttpToken(method)) {
      throw invalidParamError(code, 'allowed_methods', `${describeValue(method)} at index ${index}`, METHOD_RULE);
    }
  }
  return allowedMethods.join(', ');
}
