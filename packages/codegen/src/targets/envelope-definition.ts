/**
 * One code's flat envelope definition: the shared members, `code` as a constant,
 * the code's public params and the RFC 9457 members. It also checks that the
 * registry entry and the params interface declare the same params.
 */
import type { ErrorEntry } from '@agnes/errors/define';
import type { Definition } from 'ts-json-schema-generator';
import { CodegenError } from '../errors.ts';
import { paramsTypeName } from '../naming.ts';

/** A definition of `type: 'object'` with named members. */
export interface ObjectDefinition extends Definition {
  properties: Record<string, Definition>;
  required?: string[];
}

/** The shared parts that every envelope definition is built from. */
export interface EnvelopeParts {
  /** Members of every envelope (`ErrorEnvelopeBase`). */
  base: ObjectDefinition;
  /** Members that the RFC 9457 form adds (`ProblemDetailsMembers`). */
  problem: ObjectDefinition;
}

/**
 * Builds the envelope definition of a code. Members come in envelope order:
 * base members, public params, then the RFC 9457 members.
 *
 * @param params the code's params interface, or `undefined` when it has none.
 * @throws {CodegenError} when the entry and the interface disagree, or a param reuses a member name.
 */
export function envelopeDefinition(code: string, entry: ErrorEntry<any>, parts: EnvelopeParts, params: ObjectDefinition | undefined): Definition {
  if (params) checkParamsMatch(code, entry, params);

  const properties: Record<string, Definition> = {};
  for (const [member, schema] of Object.entries(parts.base.properties)) {
    properties[member] = member === 'code' ? { ...schema, const: code } : schema;
  }
  const required = [...(parts.base.required ?? [])];

  for (const [name, visibility] of Object.entries(entry.params ?? {})) {
    if (visibility !== 'public') continue;
    if (name in parts.base.properties || name in parts.problem.properties) {
      throw new CodegenError(
        `Code "${code}" (params.${name}): "${name}" is already an envelope member, so a public param cannot use that name; rename the param`,
      );
    }
    // checkParamsMatch has run, so a public param always has an interface member here.
    properties[name] = params!.properties[name]!;
    if (params!.required?.includes(name)) required.push(name);
  }
  for (const [member, schema] of Object.entries(parts.problem.properties)) properties[member] = schema;

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

/** The registry's params record and the params interface must name the same params. */
function checkParamsMatch(code: string, entry: ErrorEntry<any>, params: ObjectDefinition): void {
  const typeName = paramsTypeName(code);
  const declared = entry.params ?? {};
  for (const [name, visibility] of Object.entries(declared)) {
    if (!(name in params.properties)) {
      throw new CodegenError(
        `Code "${code}" (params.${name}): the registry declares "${name}" as ${visibility} but ${typeName} has no member "${name}"; ` +
          `add it to the interface or remove it from params`,
      );
    }
  }
  for (const member of Object.keys(params.properties)) {
    if (!Object.hasOwn(declared, member)) {
      throw new CodegenError(
        `Code "${code}" (params.${member}): ${typeName} declares "${member}" but the registry entry does not; ` +
          'add it to params as "public", "detail" or "internal", or remove it from the interface',
      );
    }
  }
}

/** Returns a definition that must be an object schema, or explains how to declare it. */
export function requireObject(definitions: Record<string, Definition>, name: string): ObjectDefinition {
  const definition = definitions[name];
  if (!definition || typeof definition !== 'object' || definition.type !== 'object' || !definition.properties) {
    throw new CodegenError(`Type ${name} did not become an object schema; declare it as an interface with named members`);
  }
  return definition as ObjectDefinition;
}
