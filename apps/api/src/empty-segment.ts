/** Paths with an empty segment, such as `/v1/policies//`, which no route of the service has. */
import { AgnesError, echoablePath, pathOf } from '@agnes/errors-server';
import type { FastifyRequest } from 'fastify';

/**
 * Returns whether `path` has an empty segment, as two slashes in a row show. A single trailing
 * slash is no empty segment, because the service reads `/v1/policies/` as `/v1/policies`. Fastify
 * strips only that one slash, so `/v1/policies//` would reach the `:id` routes with an empty id.
 */
export function hasEmptySegment(path: string): boolean {
  return path.includes('//');
}

/**
 * Root `onRequest` hook that raises 404 `route_not_found` for a path with an empty segment, for
 * every method. It runs before authentication and before the 405 handling, which would otherwise
 * list methods in `Allow` that then get 404.
 */
export async function rejectEmptySegments(request: FastifyRequest): Promise<void> {
  const path = pathOf(request.url);
  if (hasEmptySegment(path)) throw new AgnesError('route_not_found', { method: request.method, path: echoablePath(path) });
}
