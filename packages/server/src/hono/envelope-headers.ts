/**
 * Headers of a Hono envelope next to those of `c.res`, which Hono copies onto every response that
 * replaces it. The adapter removes the stale headers of the replaced response and joins `Vary` values.
 */
import type { Context } from 'hono';
import { removeStaleWebHeaders } from '../stale-headers.ts';
import { joinVary } from '../vary.ts';

/** Contexts whose response is an envelope, so that the errors middleware tidies their `Vary` last. */
const envelopeContexts = new WeakSet<Context>();

/**
 * Removes the stale headers from `c.res`, whose headers Hono copies onto the envelope. A response
 * that a handler returned, such as one from `fetch()`, can have immutable headers, so once a
 * response is set, a copy without the stale headers and without a body replaces it.
 */
export function removeStaleHeadersOfContext(c: Context): void {
  // Before a handler sets `c.res`, its getter returns a response with Hono's own mutable headers.
  if (!c.finalized) {
    removeStaleWebHeaders(c.res.headers);
    return;
  }
  const replaced = c.res;
  const headers = new Headers(replaced.headers);
  removeStaleWebHeaders(headers);
  // Hono's setter copies the headers of the current `c.res` onto a new one, so it is cleared first.
  c.res = undefined;
  c.res = new Response(null, { headers });
  cancelUnreadBody(replaced);
}

/**
 * Cancels the body of a response that the envelope replaces and that nothing has read, so that the
 * connection of a fetched response closes instead of waiting for a reader. A body that is already
 * read or locked by a reader is left to its owner.
 */
function cancelUnreadBody(response: Response): void {
  const { body } = response;
  if (body === null || response.bodyUsed || body.locked) return;
  // A stream that already failed rejects the cancel, and the envelope replaces it anyway.
  body.cancel().catch(() => undefined);
}

/** Name of the middleware function that `hono/cors` returns (Hono 4.13), as `c.req.matchedRoutes` lists it. */
const HONO_CORS_HANDLER_NAME = 'cors';

/**
 * Returns whether a `hono/cors` middleware between the one at `ownIndex` and the handler that
 * threw was skipped by the throw. Hono runs `onError` inside the handler that threw an `Error`, so
 * the middleware around it returns normally, but a thrown value that is not an `Error` unwinds
 * through every middleware, which then skips its code after `next()`.
 */
export function skippedHonoCors(c: Context, ownIndex: number): boolean {
  // `c.req.matchedRoutes` is deprecated for the `hono/route` helper, which older Hono 4 releases lack.
  const routes = c.req.matchedRoutes;
  for (let index = ownIndex + 1; index <= c.req.routeIndex && index < routes.length; index++) {
    if (routes[index]?.handler.name === HONO_CORS_HANDLER_NAME) return true;
  }
  return false;
}

/**
 * Joins the `Vary` of the envelope and of `c.res` and sets the result on both, because Hono copies
 * the headers of `c.res`, such as a `Vary: Origin` of a CORS middleware, over those of the returned
 * response. `Origin` is added when the response allows one origin. It is also added when
 * `corsSkipped` is set and the response does not allow every origin (`*`), because `hono/cors`
 * with any other origin option appends `Vary: Origin` after `next()` to every response, which a
 * throw that skipped it never reaches.
 */
export function joinVaryOfContext(c: Context, response: Response, corsSkipped = false): void {
  envelopeContexts.add(c);
  const allowedOrigin = c.res.headers.get('access-control-allow-origin');
  const variesByOrigin = allowedOrigin === null ? corsSkipped : allowedOrigin !== '*';
  const joined = joinVary(c.res.headers.get('vary'), response.headers.get('vary'), variesByOrigin ? 'Origin' : undefined);
  if (joined === undefined) return;
  response.headers.set('vary', joined);
  c.header('vary', joined);
}

/**
 * Removes repeated names from the `Vary` of an envelope. Middleware that ran after the envelope was
 * set, such as `hono/cors` with its `Vary: Origin`, appends to the header without checking it.
 */
export function tidyVaryOfEnvelope(c: Context): void {
  if (!envelopeContexts.has(c)) return;
  const vary = c.res.headers.get('vary');
  const joined = joinVary(vary);
  if (joined !== undefined && joined !== vary) c.header('vary', joined);
}
