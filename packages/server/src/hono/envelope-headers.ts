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

/**
 * Joins the `Vary` of the envelope and of `c.res` and sets the result on both, because Hono copies
 * the headers of `c.res`, such as a `Vary: Origin` of a CORS middleware, over those of the returned
 * response. `hono/cors` adds `Vary: Origin` only after the handlers return, which never happens
 * for a thrown value that is not an `Error`, so a response that allows one origin gets `Origin` here.
 */
export function joinVaryOfContext(c: Context, response: Response): void {
  envelopeContexts.add(c);
  const allowedOrigin = c.res.headers.get('access-control-allow-origin');
  const origin = allowedOrigin !== null && allowedOrigin !== '*' ? 'Origin' : undefined;
  const joined = joinVary(c.res.headers.get('vary'), response.headers.get('vary'), origin);
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
