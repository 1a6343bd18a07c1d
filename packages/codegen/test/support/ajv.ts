/** Ajv 2020-12 with formats, loaded with a JSON Schema document under a key. */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { JsonSchemaDocument } from '../../src/index.ts';

// ajv-formats is CommonJS; under NodeNext its default export arrives as the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** Validators of a JSON Schema document: the whole document and each of its `$defs`. */
export interface SchemaValidators {
  /** Validates against the document's root, the union of every envelope. */
  root: ValidateFunction;
  /** Validates against one definition, such as `ForbiddenEnvelope`. */
  definition(name: string): ValidateFunction;
}

/**
 * Compiles a schema document in strict mode, so that unknown keywords fail the test too.
 * `strictTuples: false` accepts tuples with optional or rest elements, which strict mode rejects.
 */
export function compileSchema(document: JsonSchemaDocument, options: { strictTuples?: boolean } = {}): SchemaValidators {
  const ajv = new Ajv2020({ strict: true, allErrors: true, ...options });
  addFormats(ajv);
  ajv.addSchema(document, 'schema.json');
  const root = ajv.getSchema('schema.json')!;
  return {
    root,
    definition(name) {
      const validate = ajv.getSchema(`schema.json#/$defs/${name}`);
      if (!validate) throw new Error(`schema.json has no definition ${name}`);
      return validate;
    },
  };
}
