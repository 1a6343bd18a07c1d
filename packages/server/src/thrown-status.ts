/**
 * The 4xx status that a thrown value other than a contract error may carry, such as Hono's
 * `HTTPException` or an `http-errors` error. The renderer still masks such a value as a 500, because
 * a status alone does not determine a registry code, and its log line names the status and the fix.
 */
import { types } from 'node:util';

/** End of the log message of a masked value that carries a 4xx status. */
export const FRAMEWORK_STATUS_ADVICE =
  'Only contract errors set the response status, so throw a contract error such as an AgnesError with a registry code instead. ' +
  'docs/framework-errors.md in @agnes/errors-server shows how';

/**
 * Returns the 4xx status that a thrown value carries as `status` (Hono's `HTTPException`,
 * `http-errors`) or `statusCode` (Fastify's errors, `http-errors`), or `undefined` when it has none.
 * It reads only data properties through their descriptors, so no getter or proxy trap runs.
 */
export function clientErrorStatusOf(thrown: unknown): number | undefined {
  for (const key of ['status', 'statusCode']) {
    const value = dataPropertyOf(thrown, key);
    if (typeof value === 'number' && Number.isInteger(value) && value >= 400 && value <= 499) return value;
  }
  return undefined;
}

/** Returns the value of a data property found on `value` or its prototype chain, stopping at a proxy. */
function dataPropertyOf(value: unknown, key: string): unknown {
  let object = value;
  while (typeof object === 'object' && object !== null && !types.isProxy(object)) {
    const descriptor = Object.getOwnPropertyDescriptor(object, key);
    if (descriptor !== undefined) return descriptor.value;
    object = Object.getPrototypeOf(object);
  }
  return undefined;
}
