/** The generated JSON Schema of the Agnes envelope, compiled with Ajv for draft 2020-12. */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);

/** Compiles `@agnes/errors/schema.json`; fails with the command that makes it when it is missing. */
export function compileEnvelopeSchema(): ValidateFunction {
  const path = join(dirname(require.resolve('@agnes/errors/package.json')), 'generated', 'schema.json');
  if (!existsSync(path)) {
    throw new Error(`${path} is missing; run \`pnpm --filter @agnes/errors codegen\` (or \`pnpm build\`) first`);
  }
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  return ajv.compile(JSON.parse(readFileSync(path, 'utf8')));
}
