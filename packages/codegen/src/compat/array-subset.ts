/**
 * The array keywords of the subset check. In JSON Schema 2020-12, `prefixItems` gives the schema
 * of each leading element, `items` the schema of every element after them, and `minItems` and
 * `maxItems` bound the length. A plain array is the case without `prefixItems`.
 */

type Schema = Readonly<Record<string, unknown>>;

/** Keywords that `arrayKeywordsHold` decides together. */
export const ARRAY_SHAPE_KEYWORDS: ReadonlySet<string> = new Set(['prefixItems', 'items', 'minItems', 'maxItems']);

/** The element schemas and length bounds of an array schema. */
interface ArrayShape {
  prefix: readonly Schema[];
  /** Schema of each element after `prefix`. */
  rest: Schema;
  minItems: number;
  /** Largest length that the schema can accept, `Infinity` when unbounded. */
  maxItems: number;
}

/**
 * Checks that every array that `a` accepts fits the `prefixItems`, `items`, `minItems` and
 * `maxItems` of `b`, position by position, as far as `isSubschema` can prove it.
 */
export function arrayKeywordsHold(
  a: Schema,
  b: Schema,
  isSubschema: (a: Schema, b: Schema) => boolean,
  acceptsNothing: (schema: Schema) => boolean,
): boolean {
  const before = shapeOf(a, acceptsNothing);
  const after = shapeOf(b, acceptsNothing);
  if (before.minItems < after.minItems || before.maxItems > after.maxItems) return false;

  const positions = Math.max(before.prefix.length, after.prefix.length);
  for (let index = 0; index < positions && index < before.maxItems; index += 1) {
    const from = before.prefix[index] ?? before.rest;
    const to = after.prefix[index] ?? after.rest;
    if (!isSubschema(from, to)) return false;
  }
  // Elements after both prefixes meet only the two rest schemas.
  return before.maxItems <= positions || isSubschema(before.rest, after.rest);
}

function shapeOf(schema: Schema, acceptsNothing: (schema: Schema) => boolean): ArrayShape {
  const prefix = Array.isArray(schema.prefixItems) ? (schema.prefixItems as unknown[]).map(asSchema) : [];
  const rest = schema.items === undefined ? {} : asSchema(schema.items);
  let maxItems = typeof schema.maxItems === 'number' ? schema.maxItems : Infinity;
  // No array is longer than the first element position that accepts nothing.
  const closed = [...prefix, rest].findIndex(acceptsNothing);
  if (closed !== -1) maxItems = Math.min(maxItems, closed);
  return { prefix, rest, minItems: typeof schema.minItems === 'number' ? schema.minItems : 0, maxItems };
}

function asSchema(value: unknown): Schema {
  if (value === false) return { not: {} };
  return typeof value === 'object' && value !== null ? (value as Schema) : {};
}
