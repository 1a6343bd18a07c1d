/** Request headers as the client sent them, before Node merges or drops repeated ones. */
import type { FastifyRequest } from 'fastify';

/**
 * Returns every value of the header `name`, given in lower case, in the order sent. Node keeps
 * only the first of a repeated Authorization header and joins repeated unknown headers with ", ",
 * so `request.headers` cannot tell a header sent twice.
 */
export function rawHeaderValuesOf(request: FastifyRequest, name: string): string[] {
  const raw = request.raw.rawHeaders;
  const values: string[] = [];
  for (let index = 0; index + 1 < raw.length; index += 2) {
    if ((raw[index] as string).toLowerCase() === name) values.push(raw[index + 1] as string);
  }
  return values;
}
