/** The `http-errors` package as Express resolves it, because this package does not depend on it directly. */
import { createRequire } from 'node:module';

const requireFromExpress = createRequire(createRequire(import.meta.url).resolve('express'));

/** Creates an `http-errors` error, such as `createHttpError(401)`, whose `status` and `statusCode` are both set. */
export const createHttpError = requireFromExpress('http-errors') as (status: number, message?: string) => Error & { status: number; statusCode: number };
