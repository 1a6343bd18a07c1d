/** Hono's own failures as contract errors: the 400 `HTTPException`s that its validator raises. */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ContractError } from '../contract-error.ts';
import type { ErrorRenderer } from '../renderer.ts';
import { bodyReadFailureOf } from './body-reads.ts';

/** Message of the `HTTPException` that `hono/validator` raises for a JSON body that does not parse. */
const MALFORMED_JSON_MESSAGE = 'Malformed JSON in request body';

/**
 * Returns the contract error for a 400 `HTTPException`, or `undefined` for any other value, which
 * the renderer then masks. The exception's message is never sent, because application code may have
 * written it. A 404 is masked too. Hono 4.13 sends an unmatched request to the not-found handler
 * and never throws a 404 itself, so a thrown 404 comes from a handler or middleware, usually of a
 * route that matched, for which `route_not_found` would be false.
 */
export function contractErrorOfHonoFailure(error: unknown, renderer: ErrorRenderer<any>, c: Context): ContractError | undefined {
  if (!(error instanceof HTTPException)) return undefined;
  const cause = { cause: error };
  // `hono/validator` turns every failed body read into a 400 `HTTPException`, so the reader's own
  // failure (an aborted body, or JSON that does not parse) is looked up by request.
  const bodyReadFailure = error.status === 400 ? bodyReadFailureOf(c) : undefined;
  if (bodyReadFailure) return bodyReadFailure;
  if (error.status === 400 && error.message === MALFORMED_JSON_MESSAGE) {
    return renderer.failure('malformedJson', { reason: 'it could not be parsed' }, cause);
  }
  if (error.status === 400) return renderer.failure('badRequest', { reason: 'the request is not valid' }, cause);
  return undefined;
}
