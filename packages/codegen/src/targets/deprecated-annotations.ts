/**
 * JSDoc `@deprecated` tags in params types. ts-json-schema-generator turns a bare tag into
 * `"deprecated": true`, but a tag with a reason, such as `@deprecated use key_sha256_prefix`, into
 * the reason as a string, which JSON Schema 2020-12 and OpenAPI 3.1 do not allow: `deprecated` must
 * be a boolean. The reason moves to the end of the description instead, so it is not lost, and the
 * SDK targets read it back from there with `deprecationOf`.
 */
import type { Definition } from 'ts-json-schema-generator';
import { DEFS_PREFIX, mapSchemas } from '../schema-keywords.ts';

/** Start of the paragraph that carries the reason in a deprecated schema's description. */
const REASON_PREFIX = 'Deprecated: ';

/**
 * Returns the definition with every `deprecated` reason turned into `deprecated: true` and a
 * "Deprecated: <reason>" paragraph at the end of that schema's description. Values of data keywords
 * such as `const`, `enum`, `default` and `examples` are left as they are.
 */
export function withBooleanDeprecated(definition: Definition): Definition {
  return mapSchemas(definition, (schema) => {
    const reason = schema.deprecated;
    if (typeof reason !== 'string') return schema;
    const result: Record<string, unknown> = { ...schema, deprecated: true };
    const text = reason.trim();
    if (text !== '') {
      const description = typeof schema.description === 'string' ? schema.description.trim() : '';
      result.description = description === '' ? `${REASON_PREFIX}${text}` : `${description}\n\n${REASON_PREFIX}${text}`;
    }
    return result;
  }) as Definition;
}

/** Documentation of a schema split into its own text and its deprecation. */
export interface SchemaDocs {
  /** The description without the deprecation reason, or `undefined` when nothing is left. */
  description: string | undefined;
  /** Whether the schema has `deprecated: true`. */
  deprecated: boolean;
  /** The text of the `@deprecated` tag, or `undefined` for a bare tag or a schema that is not deprecated. */
  reason: string | undefined;
}

/** Splits the description of a schema that `withBooleanDeprecated` wrote into its text and the deprecation reason. */
export function deprecationOf(schema: Definition | boolean | undefined): SchemaDocs {
  if (typeof schema !== 'object') return { description: undefined, deprecated: false, reason: undefined };
  const description = schema.description || undefined;
  // JSONSchema7, the type of a generator definition, has no `deprecated`, because JSON Schema added it in 2019-09.
  const deprecated = (schema as { deprecated?: unknown }).deprecated === true;
  if (!deprecated || description === undefined) return { description, deprecated, reason: undefined };

  const start = description.startsWith(REASON_PREFIX) ? 0 : description.lastIndexOf(`\n\n${REASON_PREFIX}`);
  if (start === -1) return { description, deprecated: true, reason: undefined };
  const reasonStart = start === 0 ? REASON_PREFIX.length : start + 2 + REASON_PREFIX.length;
  return { description: description.slice(0, start) || undefined, deprecated: true, reason: description.slice(reasonStart) };
}

/**
 * Splits a member's documentation as `deprecationOf` does. A member that is not deprecated itself
 * but references a deprecated `$defs` type takes that type's deprecation and reason, because the
 * contract diff reports the member as deprecated then.
 */
export function memberDeprecationOf(member: Definition | boolean | undefined, defs: Readonly<Record<string, Definition>>): SchemaDocs {
  const own = deprecationOf(member);
  if (own.deprecated || typeof member !== 'object' || typeof member.$ref !== 'string' || !member.$ref.startsWith(DEFS_PREFIX)) return own;
  const referenced = deprecationOf(defs[member.$ref.slice(DEFS_PREFIX.length)]);
  return referenced.deprecated ? { description: own.description, deprecated: true, reason: referenced.reason } : own;
}

/** Returns the "Deprecated." or "Deprecated: <reason>." sentence for a docstring, with one final period. */
export function deprecationSentence(reason: string | undefined): string {
  if (reason === undefined) return 'Deprecated.';
  return /[.!?]$/.test(reason) ? `${REASON_PREFIX}${reason}` : `${REASON_PREFIX}${reason}.`;
}
