/**
 * JSON Schema keyword tables and walks: the `$defs` reference prefix, the annotation keywords,
 * and where a schema contains subschemas. A keyword such as `title` or `deprecated` is a keyword only
 * at a schema position: under `properties` it is a member name, and under `const`, `enum`,
 * `default` or `examples` it is data.
 */

/** Start of a `$ref` to a definition under `$defs` of the same document. */
export const DEFS_PREFIX = '#/$defs/';

/**
 * Keywords of the JSON Schema 2020-12 meta-data vocabulary, and `$comment`. They annotate a value
 * and never make it invalid.
 */
export const ANNOTATION_KEYWORDS: ReadonlySet<string> = new Set(['title', 'description', 'default', 'deprecated', 'readOnly', 'writeOnly', 'examples', '$comment']);

/** Keywords whose value is one schema. `items` and `additionalItems` may also hold a draft-07 tuple list. */
export const SCHEMA_KEYWORDS: ReadonlySet<string> = new Set([
  'additionalItems',
  'additionalProperties',
  'items',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
]);

/** Keywords whose value is a list of schemas. */
export const SCHEMA_LIST_KEYWORDS: ReadonlySet<string> = new Set(['anyOf', 'oneOf', 'allOf', 'prefixItems']);

/** Keywords whose value maps names to schemas. */
export const SCHEMA_MAP_KEYWORDS: ReadonlySet<string> = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas']);

/** Kind of value that a keyword takes: a schema, a list of schemas, a map of names to schemas, or data. */
export type KeywordValueKind = 'schema' | 'schema-list' | 'schema-map' | 'data';

/** Returns the kind of value that `keyword` takes at a schema position. */
export function keywordValueKind(keyword: string): KeywordValueKind {
  if (SCHEMA_KEYWORDS.has(keyword)) return 'schema';
  if (SCHEMA_LIST_KEYWORDS.has(keyword)) return 'schema-list';
  if (SCHEMA_MAP_KEYWORDS.has(keyword)) return 'schema-map';
  return 'data';
}

/**
 * Rebuilds a schema bottom-up: `transform` gets each schema object after its subschemas were
 * rebuilt, and returns its replacement. Boolean schemas and data values are kept as they are.
 */
export function mapSchemas(schema: unknown, transform: (schema: Record<string, unknown>) => Record<string, unknown>): unknown {
  if (!isObject(schema)) return schema;

  const result: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(schema)) {
    switch (keywordValueKind(keyword)) {
      case 'schema':
      case 'schema-list':
        result[keyword] = Array.isArray(value) ? value.map((item) => mapSchemas(item, transform)) : mapSchemas(value, transform);
        break;
      case 'schema-map':
        result[keyword] = isObject(value)
          ? Object.fromEntries(Object.entries(value).map(([name, item]) => [name, mapSchemas(item, transform)]))
          : value;
        break;
      case 'data':
        result[keyword] = value;
    }
  }
  return transform(result);
}

/** Checks that a value is a JSON object (not an array or `null`). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Lists the `$defs` names that a value references, skipping objects in `searched` and adding the rest to it. */
export function refsOf(value: unknown, searched: WeakSet<object>, found: string[] = []): string[] {
  if (typeof value !== 'object' || value === null || searched.has(value)) return found;
  searched.add(value);
  if (Array.isArray(value)) {
    for (const item of value) refsOf(item, searched, found);
  } else {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string' && item.startsWith(DEFS_PREFIX)) found.push(item.slice(DEFS_PREFIX.length));
      else refsOf(item, searched, found);
    }
  }
  return found;
}
