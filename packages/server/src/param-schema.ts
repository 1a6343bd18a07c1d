/**
 * Checks the public params of a contract error against the published JSON Schema of the registry.
 * Each param must satisfy its member schema in the envelope of its code (type, length, pattern,
 * bounds, format, items), and the envelope's required members must be present. Ajv (draft 2020-12)
 * with ajv-formats validates, so the rules are the schema's own and not a copy.
 *
 * Each code's params schema is compiled once, the first time an error of that code is checked, and
 * a code without public params needs no compilation, so creating a renderer stays cheap.
 */
import { lookupsOf, type ErrorEntry, type Registry } from '@agnes/errors';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { envelopesByCode, paramsSchemaOf, type EnvelopeSchemaDocument } from './envelope-schemas.ts';
import { unescapePointerToken } from './json-pointer.ts';
import { describeShownValue, invalidParamError } from './param-checks.ts';

/**
 * Checks the public params of one error of `code`.
 *
 * @throws {TypeError} naming the code, the param, the value and the schema rule that it breaks, or
 * saying why the code's params schema could not be compiled.
 */
export type ParamSchemaCheck = (entry: ErrorEntry<any>, code: string, params: object) => void;

/** The compiled params schema of one entry, or why it could not be compiled. */
interface CompiledParams {
  /** The declaration it was compiled for, to notice a replaced one. */
  readonly params: ErrorEntry<any>['params'];
  /** Validator of the params; `undefined` when the code has no public params. */
  readonly validate?: ValidateFunction;
  readonly failure?: TypeError;
}

/** State shared by every renderer that checks against one document. */
interface DocumentState {
  readonly document: EnvelopeSchemaDocument;
  readonly envelopes: ReturnType<typeof envelopesByCode>;
  ajv: Ajv2020 | undefined;
  readonly compiledByEntry: WeakMap<ErrorEntry<any>, CompiledParams>;
}

const stateByDocument = new WeakMap<EnvelopeSchemaDocument, DocumentState>();

// ajv-formats is CommonJS and sets both `module.exports` and `exports.default` to the plugin, so
// `.default` is the plugin in the ESM build (where the default import is `module.exports`) and in
// the CommonJS build alike.
const addFormats = addFormatsModule.default;

/**
 * Creates the check of the public params of `registry`'s errors against `document`.
 *
 * @throws {TypeError} when the document has no envelope for a code of the registry.
 */
export function createParamSchemaCheck(document: EnvelopeSchemaDocument, registry: Registry<any>): ParamSchemaCheck {
  const state = stateOf(document);
  const missing = [...lookupsOf(registry).entryByCode.keys()].filter((code) => !state.envelopes.has(code));
  if (missing.length > 0) {
    const listed = missing.slice(0, 5).join(', ') + (missing.length > 5 ? ` and ${missing.length - 5} more` : '');
    throw new TypeError(
      `Invalid schema: the published schema has no envelope for the codes ${listed}; pass the schema generated from this registry`,
    );
  }

  return (entry, code, params) => {
    let compiled = state.compiledByEntry.get(entry);
    if (compiled === undefined || compiled.params !== entry.params) {
      compiled = compileParams(state, entry, code);
      state.compiledByEntry.set(entry, compiled);
    }
    if (compiled.failure !== undefined) throw compiled.failure;

    const values = params ?? {};
    if (compiled.validate === undefined || compiled.validate(values)) return;
    throw schemaViolation(code, values, compiled.validate.errors?.[0]);
  };
}

function stateOf(document: EnvelopeSchemaDocument): DocumentState {
  let state = stateByDocument.get(document);
  if (state === undefined) {
    state = { document, envelopes: envelopesByCode(document), ajv: undefined, compiledByEntry: new WeakMap() };
    stateByDocument.set(document, state);
  }
  return state;
}

function compileParams(state: DocumentState, entry: ErrorEntry<any>, code: string): CompiledParams {
  const publicParams = Object.entries(entry.params ?? {})
    .filter(([, visibility]) => visibility === 'public')
    .map(([name]) => name);
  if (publicParams.length === 0) return { params: entry.params };

  try {
    // The envelope exists: `createParamSchemaCheck` checked every code of the registry.
    const schema = paramsSchemaOf(state.document, state.envelopes.get(code)!, code, publicParams);
    state.ajv ??= createAjv();
    return { params: entry.params, validate: state.ajv.compile(schema) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const failure = new TypeError(`Cannot check the public params of ${code} against the published schema: ${reason}`, { cause: error });
    return { params: entry.params, failure };
  }
}

function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({
    // A library must not write to the console. Unknown keywords and formats still fail to compile.
    logger: false,
    // The document is generated from the registry and validated by its own tests. Checking it against
    // the meta-schema here would also compile the meta-schema on the first error.
    validateSchema: false,
    // Each code's schema is compiled alone, so a `$id` inside a shared definition must not clash.
    addUsedSchema: false,
  });
  addFormats(ajv);
  return ajv;
}

/** Creates the error of the first schema rule that the params break. */
function schemaViolation(code: string, params: object, error: ErrorObject | undefined): TypeError {
  const tokens = (error?.instancePath ?? '').split('/').slice(1).map(unescapePointerToken);
  const missing = error?.keyword === 'required' ? error.params.missingProperty : undefined;
  const [name] = tokens;

  if (name === undefined && typeof missing === 'string') {
    return invalidParamError(code, missing, 'undefined', 'it is required by the published schema');
  }
  if (name === undefined || error === undefined) {
    return new TypeError(
      `Invalid public params of ${code}: got ${describeShownValue(params)}; the published schema expects an object of params. Fix the code that throws this error`,
    );
  }

  const where = tokens.length > 1 ? ` at ${error.instancePath}` : '';
  const extra = typeof error.params.additionalProperty === 'string' ? ` such as "${error.params.additionalProperty}"` : '';
  const rule = `it ${error.message ?? 'is invalid'}${extra} (${error.keyword} in the published schema)`;
  return invalidParamError(code, name, `${describeShownValue(valueAt(params, tokens))}${where}`, rule);
}

function valueAt(root: unknown, tokens: readonly string[]): unknown {
  let value = root;
  for (const token of tokens) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[token];
  }
  return value;
}
