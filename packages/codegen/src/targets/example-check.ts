/**
 * Validates each code's example against the schemas that codegen generates for
 * it, with Ajv for JSON Schema 2020-12: the example params against the params
 * interface, and the example envelopes, plain and RFC 9457, against the code's
 * envelope definition. The examples become OpenAPI examples, docs pages and
 * conformance vectors, so a mismatch must stop codegen before it writes.
 */
import { buildEnvelope, EXAMPLE_REQUEST_ID, type ErrorEntry, type Registry } from '@agnes/errors/define';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Definition } from 'ts-json-schema-generator';
import { CodegenError } from '../errors.ts';
import { envelopeSchemaName, paramsTypeName } from '../naming.ts';
import { EXAMPLE_INSTANCE } from './openapi-responses.ts';

// ajv-formats is CommonJS; under NodeNext its default export arrives as the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** Schemas of a registry's examples: the renamed generator definitions and the envelope definitions. */
export interface ExampleSchemas {
  /** Every generated definition by its schema name, params interfaces included; `$ref`s point into `#/$defs/`. */
  definitions: Readonly<Record<string, Definition>>;
  /** The `$defs` of the JSON Schema document, envelopes included. */
  documentDefs: Readonly<Record<string, Definition>>;
  /** Codes whose params interface is among `definitions`. */
  codesWithInterface: ReadonlySet<string>;
}

/**
 * Throws one `CodegenError` that lists every example member that its schema
 * rejects, each with the code, the JSON Pointer, the value and the rule.
 */
export function checkExamples(registry: Registry, schemas: ExampleSchemas): void {
  // Generated definitions may carry annotations that Ajv's strict mode does not know; they do not change validation.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $defs: schemas.documentDefs }, 'document.json');
  ajv.addSchema({ $defs: { ...schemas.definitions, ...exampleParamsDefs(registry, schemas) } }, 'params.json');

  const problems: string[] = [];
  for (const [code, entry] of Object.entries(registry.entries as Record<string, ErrorEntry<any>>)) {
    const example = (entry.example ?? {}) as Record<string, unknown>;
    if (schemas.codesWithInterface.has(code)) {
      const validate = ajv.getSchema(`params.json#/$defs/${encodeURIComponent(exampleParamsName(code))}`)!;
      if (!validate(example)) problems.push(...describe(code, 'example params', paramsTypeName(code), example, validate.errors));
    }

    const validate = ajv.getSchema(`document.json#/$defs/${envelopeSchemaName(code)}`);
    if (!validate) throw new CodegenError(`Code "${code}" (schema): the JSON Schema has no definition ${envelopeSchemaName(code)}; this is a codegen bug`);
    for (const problem of [false, true]) {
      const envelope = buildEnvelope(registry, code, example, {
        requestId: EXAMPLE_REQUEST_ID,
        ...(problem ? { problem: { instance: EXAMPLE_INSTANCE } } : {}),
      });
      if (validate(envelope)) continue;
      const kind = problem ? 'example application/problem+json envelope' : 'example envelope';
      problems.push(...describe(code, kind, envelopeSchemaName(code), envelope, validate.errors));
    }
  }
  if (problems.length > 0) {
    throw new CodegenError(`Invalid examples, ${problems.length} problem(s):\n${problems.map((line) => `  - ${line}`).join('\n')}`);
  }
}

/** Name of a code's example params schema; the space keeps it apart from generated names, which have none. */
function exampleParamsName(code: string): string {
  return `${paramsTypeName(code)} example`;
}

/**
 * Copies of the params interfaces that examples must meet: every member may
 * appear, but only public and detail params are required, because internal
 * params are logged only and need no example. The copies sit in the same
 * document as the definitions, so their `$ref`s resolve unchanged.
 */
function exampleParamsDefs(registry: Registry, schemas: ExampleSchemas): Record<string, Definition> {
  const defs: Record<string, Definition> = {};
  for (const code of schemas.codesWithInterface) {
    const definition = schemas.definitions[paramsTypeName(code)] ?? {};
    const params = ((registry.entries as Record<string, ErrorEntry<any>>)[code]?.params ?? {}) as Record<string, string>;
    const required = (definition.required ?? []).filter((name) => params[name] === 'public' || params[name] === 'detail');
    defs[exampleParamsName(code)] = { ...definition, required };
  }
  return defs;
}

function describe(code: string, kind: string, schemaName: string, data: unknown, errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((error) => {
    const pointer = pointerOf(error);
    const value = valueAt(data, pointer);
    const valueText = value === undefined ? 'missing' : JSON.stringify(value);
    return (
      `Code "${code}" (example): ${pointer || '/'} of the ${kind} is ${valueText}, which ${schemaName} rejects: ` +
      `${error.message ?? 'invalid'} (${error.keyword}); change the example value, or the param's type if the example is right`
    );
  });
}

/** Returns the JSON Pointer of the member that an Ajv error is about, because Ajv points at the parent object for a missing or extra member. */
function pointerOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') return `${error.instancePath}/${escape(String(params.additionalProperty))}`;
  if (error.keyword === 'required') return `${error.instancePath}/${escape(String(params.missingProperty))}`;
  return error.instancePath;
}

function escape(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

function valueAt(data: unknown, pointer: string): unknown {
  let current = data;
  for (const segment of pointer.split('/').slice(1)) {
    const key = segment.replaceAll('~1', '/').replaceAll('~0', '~');
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
