/** The request fields of the service's log lines, with the URL cut at its query string. */
import { pathOf } from '@agnes/errors-server';
import type { FastifyRequest } from 'fastify';

/** Request fields that Fastify's "incoming request" line carries under `req`. */
export interface LoggedRequest {
  method: string;
  /** Path of the request target, without its query string, fragment, or the scheme and authority of an absolute-form target. */
  url: string;
  /** Value of the `Accept-Version` header, which Fastify's own serializer logs as well. */
  version: string | string[] | undefined;
  host: string;
  remoteAddress: string;
  remotePort: number | undefined;
}

/**
 * Serializes a request like Fastify's default `req` serializer, but logs the path in place of the
 * URL. A client may send an API key as a query parameter, and the log must never contain a key.
 */
export function serializeRequest(request: FastifyRequest): LoggedRequest {
  return {
    method: request.method,
    url: pathOf(request.url),
    version: request.headers['accept-version'],
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
