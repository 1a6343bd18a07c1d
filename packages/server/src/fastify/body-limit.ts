/** The body limit that Fastify applied to a request, for the `max_bytes` of a 413. */
import type { FastifyRequest } from 'fastify';

/** The members of Fastify 5.12's route context that are read here. */
interface RouteContextLike {
  /** `limit` is the route's own `bodyLimit`, or null when the route sets none. */
  _parserOptions?: { limit?: unknown };
  contentTypeParser?: { getParser?: (contentType: string) => { bodyLimit?: unknown } | undefined };
}

/**
 * Returns the body limit, in bytes, that Fastify applied to a request. Fastify 5.12 reads a body with
 * the route's own `bodyLimit` when the route sets one, and otherwise with the limit of the
 * content-type parser that matched, such as `addContentTypeParser(type, { bodyLimit }, parse)`. A
 * parser added without a limit has the server's, which the built-in JSON and text parsers also have.
 * `request.routeOptions.bodyLimit` names the route's limit or the server's, never the parser's.
 *
 * Fastify offers no public way to read a parser's limit, so this reads the route context that
 * Fastify keeps under a symbol it does not export, as its own body reader does. Without that
 * context, as in a later Fastify that changed it, the result is `request.routeOptions.bodyLimit`.
 */
export function appliedBodyLimitOf(request: FastifyRequest): number {
  const context = routeContextOf(request);
  const routeLimit = context?._parserOptions?.limit;
  if (isByteCount(routeLimit)) return routeLimit;

  if (context !== undefined && routeLimit === null) {
    const parserLimit = parserLimitOf(context, request.headers['content-type'] ?? '');
    if (parserLimit !== undefined) return parserLimit;
  }
  return request.routeOptions.bodyLimit;
}

/** Returns the limit of the parser that Fastify picks for a content type, the way its body reader picks it. */
function parserLimitOf(context: RouteContextLike, contentType: string): number | undefined {
  try {
    const limit = context.contentTypeParser?.getParser?.(contentType)?.bodyLimit;
    return isByteCount(limit) ? limit : undefined;
  } catch {
    // A changed internal API must not turn the 413 into a masked 500.
    return undefined;
  }
}

function routeContextOf(request: FastifyRequest): RouteContextLike | undefined {
  const key = Object.getOwnPropertySymbols(request).find((symbol) => symbol.description === 'fastify.context');
  const context = key === undefined ? undefined : (request as unknown as Record<symbol, unknown>)[key];
  return typeof context === 'object' && context !== null ? (context as RouteContextLike) : undefined;
}

function isByteCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) > 0;
}
