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
import { ANNOTATION_KEYWORDS, isObject, mapSchemas, refsOf } from '../schema-keywords.ts';
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
  const envelopeShapes = new ShapeTable('envelope shape');
  const paramsShapes = new ShapeTable('params shape');
  const entries = Object.entries(registry.entries as Record<string, ErrorEntry<any>>);
  const paramsDefs = exampleParamsDefs(registry, schemas);
  for (const [code] of entries) {
    const envelope = schemas.documentDefs[envelopeSchemaName(code)];
    if (!envelope) throw new CodegenError(`Code "${code}" (schema): the JSON Schema has no definition ${envelopeSchemaName(code)}; this is a codegen bug`);
    envelopeShapes.add(code, withoutCodeConst(envelope));
    const params = paramsDefs[exampleParamsName(code)];
    if (params) paramsShapes.add(code, params);
  }
  ajv.addSchema({ $defs: withReferencedDefs(envelopeShapes.definitions(), schemas.documentDefs) }, 'document.json');
  ajv.addSchema({ $defs: withReferencedDefs(paramsShapes.definitions(), schemas.definitions) }, 'params.json');

  const problems: string[] = [];
  for (const [code, entry] of entries) {
    const example = (entry.example ?? {}) as Record<string, unknown>;
    const paramsShape = paramsShapes.nameOf(code);
    if (paramsShape !== undefined) {
      const validate = ajv.getSchema(`params.json#/$defs/${encodeURIComponent(paramsShape)}`)!;
      if (!validate(example)) problems.push(...describe(code, 'example params', paramsTypeName(code), example, validate.errors));
    }

    const validate = ajv.getSchema(`document.json#/$defs/${encodeURIComponent(envelopeShapes.nameOf(code)!)}`)!;
    const expectedCode = (schemas.documentDefs[envelopeSchemaName(code)]?.properties?.code as Definition | undefined)?.const;
    for (const problem of [false, true]) {
      const envelope = buildEnvelope(registry, code, example, {
        requestId: EXAMPLE_REQUEST_ID,
        ...(problem ? { problem: { instance: EXAMPLE_INSTANCE } } : {}),
      });
      const kind = problem ? 'example application/problem+json envelope' : 'example envelope';
      if (expectedCode !== undefined && envelope.code !== expectedCode) {
        const codeError: ErrorObject = {
          instancePath: '/code',
          schemaPath: '#/properties/code/const',
          keyword: 'const',
          message: 'must be equal to constant',
          params: { allowedValue: expectedCode },
        };
        problems.push(...describe(code, kind, envelopeSchemaName(code), envelope, [codeError]));
      }
      if (validate(envelope)) continue;
      problems.push(...describe(code, kind, envelopeSchemaName(code), envelope, validate.errors));
    }
  }
  if (problems.length > 0) {
    throw new CodegenError(`Invalid examples, ${problems.length} problem(s):\n${problems.map((line) => `  - ${line}`).join('\n')}`);
  }
}

/**
 * Returns the shapes and only the definitions that they reach through `$ref`, because Ajv walks
 * every schema that it is given. A registry of 5,000 codes has 10,000 definitions that the
 * shapes replace.
 */
function withReferencedDefs(shapes: Record<string, Definition>, defs: Readonly<Record<string, Definition>>): Record<string, Definition> {
  const result: Record<string, Definition> = { ...shapes };
  const searched = new WeakSet<object>();
  const pending = Object.values(shapes);
  while (pending.length > 0) {
    for (const name of refsOf(pending.pop(), searched)) {
      const definition = defs[name];
      if (definition === undefined || Object.hasOwn(result, name)) continue;
      result[name] = definition;
      pending.push(definition);
    }
  }
  return result;
}

/**
 * Distinct validation shapes of definitions. Ajv generates and compiles code for each schema that
 * it validates with, and one compile per code added about 7 s to the 5,000-code codegen benchmark
 * in docs/benchmarks.md. Most codes share a shape once annotations are left out, and each shape
 * is compiled once.
 */
class ShapeTable {
  private readonly prefix: string;
  private readonly shapeByKey = new Map<string, { name: string; definition: Definition }>();
  private readonly shapeNameByCode = new Map<string, string>();

  constructor(prefix: string) {
    this.prefix = prefix;
  }

  add(code: string, definition: Definition): void {
    const shape = mapSchemas(definition, withoutAnnotations) as Definition;
    const key = JSON.stringify(shape);
    let entry = this.shapeByKey.get(key);
    if (entry === undefined) {
      // The space keeps shape names apart from generated names, which have none.
      entry = { name: `${this.prefix} ${this.shapeByKey.size}`, definition: shape };
      this.shapeByKey.set(key, entry);
    }
    this.shapeNameByCode.set(code, entry.name);
  }

  nameOf(code: string): string | undefined {
    return this.shapeNameByCode.get(code);
  }

  definitions(): Record<string, Definition> {
    return Object.fromEntries([...this.shapeByKey.values()].map((entry) => [entry.name, entry.definition]));
  }
}

function withoutAnnotations(schema: Record<string, unknown>): Record<string, unknown> {
  const result = { ...schema };
  for (const keyword of ANNOTATION_KEYWORDS) delete result[keyword];
  return result;
}

/**
 * Returns an envelope definition whose `code` member has no `const`. Then the envelopes of codes
 * with the same members share one shape, and `checkExamples` compares the code itself.
 */
function withoutCodeConst(definition: Definition): Definition {
  const properties = definition.properties;
  const code = properties?.code;
  if (!isObject(properties) || !isObject(code)) return definition;
  const { const: _const, ...rest } = code as Record<string, unknown>;
  return { ...definition, properties: { ...properties, code: rest as Definition } };
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
