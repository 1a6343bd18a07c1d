/**
 * The JSON Schema (draft 2020-12) of the envelope: one flat definition per code,
 * their union, and the shared parts. The generator supplies the shared members
 * and the params types; the per-code definitions and the union come from the
 * runtime registry, so the work grows linearly with the number of codes.
 */
import type { ErrorEntry, Registry } from '@agnes/errors';
import type { Definition } from 'ts-json-schema-generator';
import type { CodegenConfig } from '../config.ts';
import { CodegenError } from '../errors.ts';
import { envelopeSchemaName, paramsTypeName } from '../naming.ts';
import { readParamsDefinitions } from './params-types.ts';

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** Name of the union of every code's envelope. */
export const UNION_NAME = 'ErrorEnvelope';
/** Name of the enum of every code. */
export const CODE_ENUM_NAME = 'ErrorCode';

/** The JSON Schema document that codegen writes as `schema.json`. */
export interface JsonSchemaDocument {
  $schema: string;
  $comment: string;
  title: string;
  description: string;
  $ref: string;
  $defs: Record<string, Definition>;
}

/** Builds the JSON Schema of a registry; `$ref`s point into `#/$defs/`. */
export function buildJsonSchema(registry: Registry, config: CodegenConfig): JsonSchemaDocument {
  const generated = rewriteRefs(readParamsDefinitions(registry, config)) as Record<string, Definition>;
  const base = requireObject(generated, 'ErrorEnvelopeBase');
  const problem = requireObject(generated, 'ProblemDetailsMembers');
  const entries = Object.entries(registry.entries as Record<string, ErrorEntry<any>>);

  const defs: Record<string, Definition> = {};
  const codes = entries.map(([code]) => code);
  defs[CODE_ENUM_NAME] = { type: 'string', description: 'Every error code of the registry.', enum: codes };

  const shared = new Set(['ErrorEnvelopeBase', 'ProblemDetailsMembers', ...entries.map(([code]) => paramsTypeName(code))]);
  for (const [name, definition] of Object.entries(generated)) {
    if (!shared.has(name)) defs[name] = definition;
  }

  for (const [code, entry] of entries) {
    const name = envelopeSchemaName(code);
    if (name in defs) {
      throw new CodegenError(`Code "${code}" (code): its envelope definition name ${name} collides with a params type of the same name; rename that type`);
    }
    defs[name] = envelopeDefinition(code, entry, base, problem, generated);
  }

  defs[UNION_NAME] = {
    description: 'Any error envelope of the registry, discriminated by `code`.',
    oneOf: codes.map((code) => ({ $ref: `#/$defs/${envelopeSchemaName(code)}` })),
  };

  return {
    $schema: JSON_SCHEMA_DIALECT,
    $comment: '',
    title: 'Error envelope',
    description: `Error envelopes of contract version ${registry.version}: the body of every error response.`,
    $ref: `#/$defs/${UNION_NAME}`,
    $defs: defs,
  };
}

function envelopeDefinition(
  code: string,
  entry: ErrorEntry<any>,
  base: ObjectDefinition,
  problem: ObjectDefinition,
  generated: Record<string, Definition>,
): Definition {
  const properties: Record<string, Definition> = {};
  for (const [member, schema] of Object.entries(base.properties)) {
    properties[member] = member === 'code' ? { ...schema, const: code } : schema;
  }
  const required = [...(base.required ?? [])];

  const publicNames = Object.entries(entry.params ?? {})
    .filter(([, visibility]) => visibility === 'public')
    .map(([name]) => name);
  if (publicNames.length > 0) {
    const params = requireObject(generated, paramsTypeName(code));
    for (const name of publicNames) {
      const schema = params.properties[name];
      if (!schema) {
        throw new CodegenError(
          `Code "${code}" (params.${name}): the param is public in the registry but ${paramsTypeName(code)} has no member "${name}"; add it to the interface or remove it from params`,
        );
      }
      if (name in properties) {
        throw new CodegenError(`Code "${code}" (params.${name}): "${name}" is an envelope member and cannot be a param name; rename the param`);
      }
      properties[name] = schema;
      if (params.required?.includes(name)) required.push(name);
    }
    checkParamsMatch(code, entry, params);
  }
  for (const [member, schema] of Object.entries(problem.properties)) properties[member] = schema;

  return {
    type: 'object',
    title: entry.title,
    description: `${entry.summary}.`,
    properties,
    required,
    additionalProperties: false,
    ...(entry.deprecated ? { deprecated: true } : {}),
  };
}

/** The registry's params record and the interface must name the same members. */
function checkParamsMatch(code: string, entry: ErrorEntry<any>, params: ObjectDefinition): void {
  const declared = Object.keys(entry.params ?? {});
  for (const member of Object.keys(params.properties)) {
    if (!declared.includes(member)) {
      throw new CodegenError(
        `Code "${code}" (params.${member}): ${paramsTypeName(code)} declares "${member}" but the registry entry does not; add it to params as "public", "detail" or "internal"`,
      );
    }
  }
}

interface ObjectDefinition extends Definition {
  properties: Record<string, Definition>;
  required?: string[];
}

function requireObject(definitions: Record<string, Definition>, name: string): ObjectDefinition {
  const definition = definitions[name];
  if (!definition || typeof definition !== 'object' || definition.type !== 'object' || !definition.properties) {
    throw new CodegenError(`Type ${name} did not become an object schema; declare it as an interface with named members`);
  }
  return definition as ObjectDefinition;
}

/** Rewrites the generator's `#/definitions/X` references to `#/$defs/X`. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (typeof value !== 'object' || value === null) return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    result[key] = key === '$ref' && typeof item === 'string' ? item.replace('#/definitions/', '#/$defs/') : rewriteRefs(item);
  }
  return result;
}
