/**
 * The JSON Schema (draft 2020-12) of the envelope: one flat definition per code,
 * their union, and the shared parts. The generator supplies the shared members
 * and the params types; the per-code definitions and the union come from the
 * runtime registry, so the work grows linearly with the number of codes.
 */
import type { ErrorEntry, Registry } from '@agnes/errors/define';
import type { Definition } from 'ts-json-schema-generator';
import type { CodegenConfig } from '../config.ts';
import { CodegenError } from '../errors.ts';
import { definitionName, envelopeSchemaName, paramsTypeName } from '../naming.ts';
import { DEFS_PREFIX, refsOf } from '../schema-keywords.ts';
import { envelopeDefinition, requireObject, type EnvelopeParts } from './envelope-definition.ts';
import { checkExamples } from './example-check.ts';
import { readParams } from './params-reader.ts';
import type { ParamsDefinitions } from './params-types.ts';
import { checkRetryAfterSchemas } from './retry-after-check.ts';

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

/** One member that every envelope may carry, whatever its code. */
export interface EnvelopeMember {
  name: string;
  /** Its JSON Schema; `$ref`s point into the document's `$defs`. */
  schema: Definition;
  /** Whether every envelope carries it. */
  required: boolean;
  /** Whether only the RFC 9457 (`application/problem+json`) form carries it. */
  problemDetails: boolean;
}

/** The JSON Schema document plus the shared envelope members it was built from. */
export interface SchemaModel {
  document: JsonSchemaDocument;
  /** Shared members in envelope order: base members, then the RFC 9457 members. */
  envelopeMembers: EnvelopeMember[];
}

/** Builds the JSON Schema of a registry; `$ref`s point into `#/$defs/`. */
export function buildJsonSchema(registry: Registry, config: CodegenConfig): JsonSchemaDocument {
  return buildSchemaModel(registry, config).document;
}

/**
 * Builds the JSON Schema of a registry and lists the shared envelope members.
 *
 * @param params the registry's params definitions when they were read already.
 */
export function buildSchemaModel(registry: Registry, config: CodegenConfig, params?: ParamsDefinitions): SchemaModel {
  const { definitions, codesWithInterface } = params ?? readParams(registry, config);
  const generated = renameDefinitions(definitions);
  const parts: EnvelopeParts = {
    base: requireObject(generated, 'ErrorEnvelopeBase'),
    problem: requireObject(generated, 'ProblemDetailsMembers'),
  };
  const entries = Object.entries(registry.entries as Record<string, ErrorEntry<any>>);
  const codes = entries.map(([code]) => code);

  const envelopes: Record<string, Definition> = {};
  const codeByName = new Map<string, string>();
  for (const [code, entry] of entries) {
    const name = envelopeSchemaName(code);
    const other = codeByName.get(name);
    if (other !== undefined) {
      throw new CodegenError(`Code "${code}" (code): its envelope definition name ${name} is also the name for "${other}"; rename one of the two codes`);
    }
    codeByName.set(name, code);
    const params = codesWithInterface.has(code) ? requireObject(generated, paramsTypeName(code)) : undefined;
    envelopes[name] = envelopeDefinition(code, entry, parts, params);
  }

  const defs: Record<string, Definition> = {};
  defs[CODE_ENUM_NAME] = { type: 'string', description: 'Every error code of the registry.', enum: codes };
  for (const name of reachableDefinitions(Object.values(envelopes), generated)) {
    if (name === CODE_ENUM_NAME || name === UNION_NAME || codeByName.has(name)) {
      throw new CodegenError(`Type ${name} that a public param uses has the name of a generated definition; rename the type`);
    }
    defs[name] = generated[name]!;
  }
  Object.assign(defs, envelopes);
  defs[UNION_NAME] = {
    description: 'Any error envelope of the registry, discriminated by `code`.',
    oneOf: codes.map((code) => ({ $ref: `${DEFS_PREFIX}${envelopeSchemaName(code)}` })),
  };
  checkRetryAfterSchemas(entries, envelopes, generated);
  checkExamples(registry, { definitions: generated, documentDefs: defs, codesWithInterface });

  return {
    document: {
      $schema: JSON_SCHEMA_DIALECT,
      $comment: '',
      title: 'Error envelope',
      description: `Error envelopes of contract version ${registry.version}: the body of every error response.`,
      $ref: `${DEFS_PREFIX}${UNION_NAME}`,
      $defs: defs,
    },
    envelopeMembers: [
      ...membersOf(parts.base, false),
      ...membersOf(parts.problem, true),
    ],
  };
}

function membersOf(definition: EnvelopeParts['base'], problemDetails: boolean): EnvelopeMember[] {
  return Object.entries(definition.properties).map(([name, schema]) => ({
    name,
    schema,
    required: definition.required?.includes(name) ?? false,
    problemDetails,
  }));
}

/**
 * Names of the generated definitions that the envelopes reference, directly or
 * through other definitions, in the generator's order. Types used only by detail
 * or internal params stay out of the document.
 */
function reachableDefinitions(roots: readonly Definition[], generated: Record<string, Definition>): string[] {
  const reached = new Set<string>();
  // Envelopes share the schema objects of the shared members, so each object is searched once.
  const searched = new WeakSet<object>();
  const pending = roots.flatMap((root) => refsOf(root, searched));
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (reached.has(name)) continue;
    const definition = generated[name];
    if (!definition) throw new CodegenError(`Definition ${name} is referenced but was not generated; this is a codegen bug`);
    reached.add(name);
    pending.push(...refsOf(definition, searched));
  }
  return Object.keys(generated).filter((name) => reached.has(name));
}

/**
 * Gives every generated definition a valid component name and rewrites the
 * generator's `#/definitions/X` references to `#/$defs/<new name>`.
 */
function renameDefinitions(definitions: Record<string, Definition>): Record<string, Definition> {
  const renamed = new Map<string, string>();
  const owners = new Map<string, string>();
  for (const name of Object.keys(definitions)) {
    const safe = definitionName(name);
    const owner = owners.get(safe);
    if (owner !== undefined) {
      throw new CodegenError(`Types ${owner} and ${name} would both be named ${safe} in the schema; rename one of them`);
    }
    owners.set(safe, name);
    renamed.set(name, safe);
  }

  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (typeof value !== 'object' || value === null) return value;
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string' && item.startsWith('#/definitions/')) {
        const target = item.slice('#/definitions/'.length);
        result[key] = `${DEFS_PREFIX}${renamed.get(target) ?? definitionName(target)}`;
      } else {
        result[key] = rewrite(item);
      }
    }
    return result;
  };

  const result: Record<string, Definition> = {};
  for (const [name, definition] of Object.entries(definitions)) result[renamed.get(name)!] = rewrite(definition) as Definition;
  return result;
}
