/**
 * The TypeScript compiler API, loaded with `require`. An ESM import of the
 * CommonJS typescript.js makes Node lex the whole 9 MB file for its export
 * names first, which costs more than loading it.
 */
import { createRequire } from 'node:module';
import type * as TS from 'typescript';

const require = createRequire(import.meta.url);

/** The `typescript` module, the same instance that ts-json-schema-generator loads. */
export const ts = require('typescript') as typeof TS;
