/**
 * Reads the envelope schemas of a registry's published JSON Schema (draft 2020-12), such as
 * `@agnes/errors/schema.json`, and assembles from them the schema that a code's public params must
 * satisfy. Nothing here validates: the assembled schema is compiled by Ajv in `param-schema.ts`.
 */
import { unescapePointerToken } from './json-pointer.ts';

/**
 * A registry's published JSON Schema, as the core's codegen writes it: one `$defs` member per code,
 * an object schema whose `code` property has the code as its `const`, with one property per public
 * param.
 */
export interface EnvelopeSchemaDocument {
  readonly $defs?: { readonly [name: string]: unknown };
}

/** The parts of an envelope definition that the params schema is assembled from. */
interface EnvelopeDefinition {
  readonly name: string;
  readonly properties: Readonly<Record<string, unknown>>;
  readonly required: readonly string[];
}

/** Start of a `$ref` into the document's own `$defs`. The next pointer token is the definition's name. */
const DEFS_REF_PREFIX = '#/$defs/';

/**
 * Returns the envelope definition of each code in the document, found by the `const` of its `code`
 * property. Definitions without one, such as shared parts or the union, are skipped.
 */
export function envelopesByCode(document: EnvelopeSchemaDocument): Map<string, EnvelopeDefinition> {
  const envelopes = new Map<string, EnvelopeDefinition>();
  for (const [name, definition] of Object.entries(document.$defs ?? {})) {
    if (!isObject(definition) || !isObject(definition.properties)) continue;
    const code = isObject(definition.properties.code) ? definition.properties.code.const : undefined;
    if (typeof code !== 'string') continue;
    const required = Array.isArray(definition.required) ? definition.required.filter((item) => typeof item === 'string') : [];
    envelopes.set(code, { name, properties: definition.properties, required });
  }
  return envelopes;
}

/**
 * Assembles the schema of a code's public params. It is an object schema with each param's member
 * schema from the envelope and the params that the envelope requires. It also carries the `$defs`
 * that those member schemas refer to, so that Ajv compiles only this code's part of the document.
 *
 * @throws {TypeError} when the envelope has no member for a public param, which means the document
 * was generated from another version of the registry.
 */
export function paramsSchemaOf(
  document: EnvelopeSchemaDocument,
  envelope: EnvelopeDefinition,
  code: string,
  publicParams: readonly string[],
): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const name of publicParams) {
    const member = envelope.properties[name];
    if (member === undefined) {
      throw new TypeError(
        `The published schema's envelope ${envelope.name} has no member "${name}", a public param of ${code}; regenerate the schema from this registry`,
      );
    }
    properties[name] = member;
  }
  const required = envelope.required.filter((name) => publicParams.includes(name));
  const schema: Record<string, unknown> = { type: 'object', properties, required };
  const defs = referencedDefinitions(document, Object.values(properties));
  if (Object.keys(defs).length > 0) schema.$defs = defs;
  return schema;
}

/**
 * Returns the `$defs` members that `roots` refer to with `#/$defs/...`, directly or through other
 * members. Other references are left for Ajv, which rejects those it cannot resolve.
 */
function referencedDefinitions(document: EnvelopeSchemaDocument, roots: readonly unknown[]): Record<string, unknown> {
  const found: Record<string, unknown> = {};
  const pending = [...roots];
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) {
      pending.push(...node);
      continue;
    }
    if (!isObject(node)) continue;
    const name = typeof node.$ref === 'string' ? definitionNameOf(node.$ref) : undefined;
    if (name !== undefined && !Object.hasOwn(found, name) && Object.hasOwn(document.$defs ?? {}, name)) {
      found[name] = document.$defs?.[name];
      pending.push(found[name]);
    }
    pending.push(...Object.values(node));
  }
  return found;
}

/** Returns the definition name of a `#/$defs/<name>...` reference, with its escapes undone. */
function definitionNameOf(ref: string): string | undefined {
  if (!ref.startsWith(DEFS_REF_PREFIX)) return undefined;
  const token = ref.slice(DEFS_REF_PREFIX.length).split('/', 1)[0] ?? '';
  try {
    return unescapePointerToken(decodeURIComponent(token));
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
