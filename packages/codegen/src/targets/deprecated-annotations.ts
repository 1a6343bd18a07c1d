/**
 * JSDoc `@deprecated` tags in params types. ts-json-schema-generator turns a bare tag into
 * `"deprecated": true`, but a tag with a reason, such as `@deprecated use key_sha256_prefix`, into
 * the reason as a string, which JSON Schema 2020-12 and OpenAPI 3.1 do not allow: `deprecated` must
 * be a boolean. The reason moves to the end of the description instead, so it is not lost.
 */
import type { Definition } from 'ts-json-schema-generator';

/** Keywords whose value is a schema. */
const SCHEMA_KEYWORDS = ['additionalProperties', 'items', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties'];
/** Keywords whose value is an array of schemas. */
const SCHEMA_LIST_KEYWORDS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];
/** Keywords whose value maps names to schemas. */
const SCHEMA_MAP_KEYWORDS = ['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas'];

/**
 * Returns the definition with every `deprecated` reason turned into `deprecated: true` and a
 * "Deprecated: <reason>" sentence at the end of that schema's description. Values of data keywords
 * such as `const`, `enum`, `default` and `examples` are left as they are.
 */
export function withBooleanDeprecated(definition: Definition): Definition {
  return normalized(definition) as Definition;
}

function normalized(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema;
  const result: Record<string, unknown> = { ...(schema as Record<string, unknown>) };
  const reason = result.deprecated;
  if (typeof reason === 'string') {
    result.deprecated = true;
    const text = reason.trim();
    if (text !== '') {
      const description = typeof result.description === 'string' ? result.description.trim() : '';
      result.description = description === '' ? `Deprecated: ${text}` : `${description}\n\nDeprecated: ${text}`;
    }
  }
  for (const keyword of SCHEMA_KEYWORDS) {
    if (keyword in result) result[keyword] = normalized(result[keyword]);
  }
  for (const keyword of SCHEMA_LIST_KEYWORDS) {
    if (Array.isArray(result[keyword])) result[keyword] = (result[keyword] as unknown[]).map(normalized);
  }
  for (const keyword of SCHEMA_MAP_KEYWORDS) {
    const map = result[keyword];
    if (typeof map === 'object' && map !== null && !Array.isArray(map)) {
      result[keyword] = Object.fromEntries(Object.entries(map).map(([name, value]) => [name, normalized(value)]));
    }
  }
  return result;
}
