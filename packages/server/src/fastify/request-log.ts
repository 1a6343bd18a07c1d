/** A `req` serializer for Fastify's request log lines that cuts the URL at its query string. */
import type { FastifyRequest } from 'fastify';
import { pathOf } from '../request-facts.ts';

/**
 * Request fields that Fastify's "incoming request" line carries under `req`. It is a type alias, not
 * an interface, so that it fits the index signature of Fastify's `serializers.req` return type.
 */
export type LoggedRequest = {
  method: string;
  /** Path of the request target, without its query string, fragment, or the scheme and authority of an absolute-form target. */
  url: string;
  /** Value of the `Accept-Version` header, which Fastify's own serializer logs as well. */
  version: string | undefined;
  host: string;
  remoteAddress: string;
  remotePort: number | undefined;
};

/**
 * Serializes a request like Fastify's default `req` serializer, but logs the path in place of the
 * URL. A client may send an API key as a query parameter, and the log must never contain a key.
 *
 * @example
 * const app = Fastify({ logger: { serializers: { req: serializeRequest } }, ...errorsServerOptions() });
 */
export function serializeRequest(request: FastifyRequest): LoggedRequest {
  // Node joins a repeated Accept-Version header with ", ", so the value is a string. Only a hook
  // that sets an array leads to the join here, which gives the same form.
  const version = request.headers['accept-version'];
  return {
    method: request.method,
    url: pathOf(request.url),
    version: Array.isArray(version) ? version.join(', ') : version,
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
