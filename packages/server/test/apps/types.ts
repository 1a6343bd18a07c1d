/**
 * Test applications: the same routes on Fastify, Express and Hono, each wired with the adapter of
 * its framework, listening on 127.0.0.1 with a port chosen by the system.
 *
 * Routes:
 * - `GET /items/:id` returns `{ id }` with 200;
 * - `POST /items` takes a JSON body of at most 1,024 bytes with `name` (string, at most 8
 *   characters, required) and `count` (integer), and returns it with 201;
 * - `POST /strict-items` takes the same fields in a JSON body of at most 1 MiB and rejects any other
 *   member, so that a test can send thousands of invalid members;
 * - `GET /throw` throws `valueFor(x-case header)`.
 */
import type { ErrorLogger, ErrorRenderer } from '../../src/index.ts';

export interface TestAppOptions {
  renderer: ErrorRenderer<any>;
  logger: ErrorLogger;
  /** The value that `GET /throw` throws for the request's `x-case` header. */
  valueFor: (testCase: string) => unknown;
}

export interface RunningApp {
  /** Base URL, such as `http://127.0.0.1:41234`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

export type AppKind = 'fastify' | 'express' | 'hono';

/** Body limit of `POST /items`, in bytes. */
export const BODY_LIMIT = 1024;

/** JSON Schema of the body of `POST /items`. */
export const ITEM_SCHEMA = {
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string', maxLength: 8 }, count: { type: 'integer' } },
} as const;

/** Body limit of `POST /strict-items`, in bytes. */
export const STRICT_BODY_LIMIT = 1024 * 1024;

/** JSON Schema of the body of `POST /strict-items`: that of `POST /items` without other members. */
export const STRICT_ITEM_SCHEMA = { ...ITEM_SCHEMA, additionalProperties: false } as const;
