/** Validation of envelopes against the contract's JSON Schema, `@agnes/errors/schema.json`. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const require = createRequire(import.meta.url);
const schemaPath = require.resolve('@agnes/errors/schema.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object;

// ajv-formats is CommonJS; under NodeNext its default export arrives as the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

/** Returns the schema violations of an envelope, as `path message` lines; empty when it is valid. */
export function envelopeSchemaErrors(body: unknown): string[] {
  if (validate(body)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
}
