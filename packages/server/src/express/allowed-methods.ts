/** The methods that an Express application routes for a path, for 405 responses. */

interface RouteLike {
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
 * Lists the methods of the routes that match a path, searching mounted routers too. Middleware
 * mounted with `use` matches every method, so it does not count.
 */
export function allowedMethodsOf(stack: readonly LayerLike[] | undefined, path: string, depth = 0): string[] {
  const methods = new Set<string>();
  for (const layer of stack ?? []) {
    const match = layer.match(path);
    if (match === false) continue;
    if (layer.route) {
      for (const method of layer.route._methods()) methods.add(method);
    } else if (layer.handle?.stack && depth < MAX_ROUTER_DEPTH) {
      const rest = path.slice(match.path.length) || '/';
      for (const method of allowedMethodsOf(layer.handle.stack, rest, depth + 1)) methods.add(method);
    }
  }
  return [...methods];
}
