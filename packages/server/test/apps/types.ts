/**
 * Test applications: the same routes on Fastify, Express and Hono, each wired with the adapter of
 * its framework, listening on 127.0.0.1 with a port chosen by the system.
 *
 * Routes:
 * - `GET /items/:id` returns `{ id }` with 200;
 * - `POST /items` takes a JSON body of at most 1,024 bytes with `name` (string, at most 8
 *   characters, required) and `count` (integer), and returns it with 201;
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
