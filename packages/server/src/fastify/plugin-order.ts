/**
 * The check that no route keeps Fastify's default error handler. Fastify gives a route the error
 * handler of its instance when the route is loaded, so a route loaded before `errorsPlugin` keeps
 * the default one, which sends a thrown error's message to the client.
 *
 * Fastify has no API that lists routes with their error handlers. `printRoutes` with
 * `includeMeta: ['errorHandler']` prints each route's handler by function name, and Fastify's
 * documentation (Server.md of Fastify 5.12) shows the default one as `"defaultErrorHandler()"`, so
 * the check reads that text.
 */
import type { FastifyInstance } from 'fastify';

/**
 * The line that `printRoutes` prints below a route whose error handler is Fastify's default one.
 * NOTE: tests pin this text for Fastify 5.12.8. If another version prints it otherwise, the check
 * finds no routes and `ready()` succeeds, as without the check.
 */
const DEFAULT_HANDLER_LINE = '• (errorHandler) "defaultErrorHandler()"';
/** A line of a node of the printed route tree: the tree's indentation, a branch, then the node's label. */
const NODE_LINE = /^((?:│ {3}| {4})*)[├└]── (.*)$/;
/** A node's label with routes: the path segment, the methods, and constraints if any. */
const ROUTE_LABEL = /^(.*?) \(([!#$%&'*+.^_`|~0-9A-Za-z-]+(?:, [!#$%&'*+.^_`|~0-9A-Za-z-]+)*)\)(?: .*)?$/;
/**
 * The label that Fastify 5.12 prints for the root of the route tree when the paths share no first
 * character, such as `/early` next to the `*` route of `@fastify/cors`.
 */
const EMPTY_ROOT_LABEL = '(empty root node)';
/** Maximum number of routes that the error message names. */
const MAX_NAMED_ROUTES = 5;

/**
 * Lists the routes of the server that keep Fastify's default error handler, as `METHODS /path`,
 * such as `GET, HEAD /health`. The list is empty when a custom `buildPrettyMeta` router option
 * prints no error handlers.
 */
export function routesWithDefaultErrorHandler(fastify: FastifyInstance): string[] {
  const tree = fastify.printRoutes({ includeMeta: ['errorHandler'] });
  const routes = new Set<string>();
  // The path segment of each node on the way from the root to the current line.
  const segments: string[] = [];
  let route: string | undefined;

  for (const line of tree.split('\n')) {
    const node = NODE_LINE.exec(line);
    if (node !== null) {
      const depth = (node[1] ?? '').length / 4;
      const label = ROUTE_LABEL.exec(node[2] ?? '');
      segments.length = depth;
      const unlabelled = node[2] === EMPTY_ROOT_LABEL ? '' : (node[2] ?? '');
      segments.push(label === null ? unlabelled : (label[1] ?? ''));
      route = label === null ? undefined : `${label[2]} ${segments.join('')}`;
      continue;
    }
    // Lines below a node are its routes' meta lines, or its other routes, which print the segment again.
    const text = line.replace(/^(?:│ {3}| {4})*/, '');
    if (text === DEFAULT_HANDLER_LINE) {
      routes.add(route ?? '(a route whose path could not be read)');
      continue;
    }
    const label = ROUTE_LABEL.exec(text);
    if (label !== null) route = `${label[2]} ${segments.join('')}`;
  }
  return [...routes];
}

/**
 * Creates the error that fails `ready()` when routes keep Fastify's default error handler, naming
 * up to five of them and the fix.
 */
export function pluginOrderError(routes: readonly string[]): Error {
  const named = routes.slice(0, MAX_NAMED_ROUTES).join('; ');
  const more = routes.length > MAX_NAMED_ROUTES ? ` and ${routes.length - MAX_NAMED_ROUTES} more` : '';
  return new Error(
    `Routes keep Fastify's default error handler, which sends a thrown error's message to the client instead of ` +
      `an envelope: ${named}${more}. They were loaded before errorsPlugin, or outside the instance that ` +
      'registered it. Register errorsPlugin on the root instance before any route and before plugins that add routes',
  );
}
