/** The request fields of the service's log lines, with the URL cut at its query string. */
import type { FastifyRequest } from 'fastify';

/** Request fields that Fastify's "incoming request" line carries under `req`. */
export interface LoggedRequest {
  method: string;
  /** Path of the request target, without its query string or fragment. */
  url: string;
  /** Value of the `Accept-Version` header, which Fastify's own serializer logs as well. */
  version: string | string[] | undefined;
  host: string;
  remoteAddress: string;
  remotePort: number | undefined;
}

/** Scheme and authority of an absolute-form request target, such as `http://host:80`. */
const ABSOLUTE_FORM_PREFIX = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;

/**
 * Returns the path of a request target without its query string or fragment. An absolute-form
 * target (`http://user:secret@host/path`) loses its scheme and authority, which may hold credentials.
 */
function pathOf(url: string): string {
  const path = url.replace(ABSOLUTE_FORM_PREFIX, '');
  const end = path.search(/[?#]/);
  const cut = end === -1 ? path : path.slice(0, end);
  return path === url || cut.startsWith('/') ? cut : `/${cut}`;
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
