/**
 * Compares two normalized JSON Schemas by the values they accept. `isSubschema(a, b)` is true
 * only when it can prove that every value valid under `a` is valid under `b`. When it cannot
 * tell (an unknown keyword, two different patterns), it returns false, so the classifier errs
 * towards the larger bump.
 */
import { isDeepStrictEqual } from 'node:util';
import type { NormalizedSchema } from '../contract-types.ts';
import { ANNOTATION_KEYWORDS } from '../schema-keywords.ts';
import { ARRAY_SHAPE_KEYWORDS, arrayKeywordsHold } from './array-subset.ts';

/** Kind of change of a schema between two snapshots, by the set of values it accepts. */
export type SchemaChange = 'same' | 'equivalent' | 'narrowed' | 'widened' | 'changed';

type Schema = Readonly<Record<string, unknown>>;
type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

const ALL_TYPES: readonly JsonType[] = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'];
/** Keywords that apply only to values of one kind, so they constrain nothing else. */
const KEYWORD_KIND: Readonly<Record<string, 'string' | 'number' | 'array' | 'object'>> = {
  minLength: 'string',
  maxLength: 'string',
  pattern: 'string',
  format: 'string',
  minimum: 'number',
  maximum: 'number',
  exclusiveMinimum: 'number',
  exclusiveMaximum: 'number',
  multipleOf: 'number',
  items: 'array',
  prefixItems: 'array',
  minItems: 'array',
  maxItems: 'array',
  uniqueItems: 'array',
  properties: 'object',
  required: 'object',
  additionalProperties: 'object',
};
const UNION_KEYWORDS = ['anyOf', 'oneOf'] as const;

/** Classifies the change from `before` to `after` by the sets of values they accept. */
export function compareSchemas(before: NormalizedSchema, after: NormalizedSchema): SchemaChange {
  if (isDeepStrictEqual(before, after)) return 'same';
  const afterWithinBefore = isSubschema(after, before);
  const beforeWithinAfter = isSubschema(before, after);
  if (afterWithinBefore && beforeWithinAfter) return 'equivalent';
  if (afterWithinBefore) return 'narrowed';
  if (beforeWithinAfter) return 'widened';
  return 'changed';
}

/** Checks that every value that `a` accepts is accepted by `b`, as far as this check can prove it. */
export function isSubschema(a: Schema, b: Schema): boolean {
  if (isDeepStrictEqual(a, b) || acceptsNothing(a)) return true;

  const aUnion = unionBranches(a);
  if (aUnion) return aUnion.every((branch) => isSubschema(branch, b));
  if (Array.isArray(a.enum) || 'const' in a) {
    const values = Array.isArray(a.enum) ? a.enum : [a.const];
    return values.every((value) => valueMatches(value, b));
  }

  const bUnion = unionBranches(b);
  if (bUnion) return bUnion.some((branch) => isSubschema(a, branch));
  if (Array.isArray(b.enum) || 'const' in b) return false;

  const aTypes = typesOf(a);
  const bTypes = typesOf(b);
  if (!aTypes.every((type) => bTypes.includes(type) || (type === 'integer' && bTypes.includes('number')))) return false;

  const arrays = admitsKind(aTypes, 'array');
  if (arrays && Object.keys(b).some((keyword) => ARRAY_SHAPE_KEYWORDS.has(keyword)) && !arrayKeywordsHold(a, b, isSubschema, acceptsNothing)) {
    return false;
  }
  for (const [keyword, expected] of Object.entries(b)) {
    if (keyword === 'type' || ANNOTATION_KEYWORDS.has(keyword) || ARRAY_SHAPE_KEYWORDS.has(keyword)) continue;
    const kind = KEYWORD_KIND[keyword];
    if (kind && !admitsKind(aTypes, kind)) continue;
    if (!keywordHolds(keyword, expected, a, b)) return false;
  }
  return true;
}

/** Checks that `a` satisfies the keyword `keyword: expected` of the wider schema `b`. */
function keywordHolds(keyword: string, expected: unknown, a: Schema, b: Schema): boolean {
  switch (keyword) {
    case 'minLength':
      return typeof a[keyword] === 'number' && (a[keyword] as number) >= (expected as number);
    case 'maxLength':
      return typeof a[keyword] === 'number' && (a[keyword] as number) <= (expected as number);
    case 'minimum':
    case 'exclusiveMinimum':
      return lowerBoundHolds(a, expected as number, keyword === 'exclusiveMinimum');
    case 'maximum':
    case 'exclusiveMaximum':
      return upperBoundHolds(a, expected as number, keyword === 'exclusiveMaximum');
    case 'multipleOf':
      return typeof a.multipleOf === 'number' && Number.isInteger(a.multipleOf / (expected as number));
    case 'uniqueItems':
      return expected !== true || a.uniqueItems === true;
    case 'required':
      return (expected as string[]).every((name) => Array.isArray(a.required) && a.required.includes(name));
    case 'properties':
      return propertiesHold(a, expected as Readonly<Record<string, Schema>>);
    case 'additionalProperties':
      return additionalPropertiesHold(a, expected as Schema | boolean, asProperties(b.properties));
    default:
      // An unknown keyword (pattern, format, $ref and others) is proven only by the same value.
      return isDeepStrictEqual(a[keyword], expected);
  }
}

function lowerBoundHolds(a: Schema, bound: number, exclusive: boolean): boolean {
  if (typeof a.exclusiveMinimum === 'number' && a.exclusiveMinimum >= bound) return true;
  if (typeof a.minimum === 'number') return exclusive ? a.minimum > bound : a.minimum >= bound;
  return false;
}

function upperBoundHolds(a: Schema, bound: number, exclusive: boolean): boolean {
  if (typeof a.exclusiveMaximum === 'number' && a.exclusiveMaximum <= bound) return true;
  if (typeof a.maximum === 'number') return exclusive ? a.maximum < bound : a.maximum <= bound;
  return false;
}

/** Each property that `b` declares must accept whatever `a` lets through under that name. */
function propertiesHold(a: Schema, expected: Readonly<Record<string, Schema>>): boolean {
  const own = asProperties(a.properties);
  return Object.entries(expected).every(([name, schema]) => {
    if (name in own) return isSubschema(own[name]!, schema);
    if (a.additionalProperties === false) return true;
    return isSubschema(asSchema(a.additionalProperties), schema);
  });
}

/** Members that `a` allows beyond the properties that `b` declares must fit `b.additionalProperties`. */
function additionalPropertiesHold(a: Schema, expected: Schema | boolean, declared: Readonly<Record<string, Schema>>): boolean {
  if (expected === true) return true;
  const limit = asSchema(expected);
  const extraProperties = Object.entries(asProperties(a.properties)).filter(([name]) => !(name in declared));
  const extrasFit = extraProperties.every(([, schema]) => isSubschema(schema, limit));
  const othersFit = a.additionalProperties === false || isSubschema(asSchema(a.additionalProperties), limit);
  return extrasFit && othersFit;
}

/** Returns the branches of an `anyOf` or `oneOf`, each merged with the keywords beside it. A `oneOf` is read as `anyOf`. */
function unionBranches(schema: Schema): Schema[] | undefined {
  for (const keyword of UNION_KEYWORDS) {
    const branches = schema[keyword];
    if (!Array.isArray(branches)) continue;
    const { [keyword]: _union, ...siblings } = schema;
    return branches.map((branch) => ({ ...siblings, ...asSchema(branch) }));
  }
  return undefined;
}

function typesOf(schema: Schema): JsonType[] {
  const type = schema.type;
  if (typeof type === 'string') return [type as JsonType];
  if (Array.isArray(type)) return type as JsonType[];
  return [...ALL_TYPES];
}

function admitsKind(types: readonly JsonType[], kind: 'string' | 'number' | 'array' | 'object'): boolean {
  if (kind === 'number') return types.includes('number') || types.includes('integer');
  return types.includes(kind);
}

/** The schema that accepts no value, as boolean `false` reads. */
const NOTHING: Schema = { not: {} };

function asSchema(value: unknown): Schema {
  if (value === false) return NOTHING;
  return typeof value === 'object' && value !== null ? (value as Schema) : {};
}

function acceptsNothing(schema: Schema): boolean {
  return typeof schema.not === 'object' && schema.not !== null && Object.keys(schema.not).length === 0;
}

function asProperties(value: unknown): Readonly<Record<string, Schema>> {
  return typeof value === 'object' && value !== null ? (value as Readonly<Record<string, Schema>>) : {};
}

/** Checks one JSON value against a schema, for the keywords above. An unknown keyword fails the check. */
export function valueMatches(value: unknown, schema: Schema): boolean {
  const union = unionBranches(schema);
  if (union) return union.some((branch) => valueMatches(value, branch));

  for (const [keyword, expected] of Object.entries(schema)) {
    if (ANNOTATION_KEYWORDS.has(keyword)) continue;
    const kind = KEYWORD_KIND[keyword];
    if (kind && !valueIsKind(value, kind)) continue;
    if (!valueKeywordHolds(value, keyword, expected, schema)) return false;
  }
  return true;
}

function valueKeywordHolds(value: unknown, keyword: string, expected: unknown, schema: Schema): boolean {
  switch (keyword) {
    case 'type':
      return (Array.isArray(expected) ? expected : [expected]).some((type) => valueIsType(value, type as JsonType));
    case 'enum':
      return (expected as unknown[]).some((item) => isDeepStrictEqual(item, value));
    case 'const':
      return isDeepStrictEqual(expected, value);
    case 'minLength':
      return [...(value as string)].length >= (expected as number);
    case 'maxLength':
      return [...(value as string)].length <= (expected as number);
    case 'pattern':
      return new RegExp(expected as string, 'u').test(value as string);
    case 'minimum':
      return (value as number) >= (expected as number);
    case 'maximum':
      return (value as number) <= (expected as number);
    case 'exclusiveMinimum':
      return (value as number) > (expected as number);
    case 'exclusiveMaximum':
      return (value as number) < (expected as number);
    case 'multipleOf':
      return Number.isInteger((value as number) / (expected as number));
    case 'minItems':
      return (value as unknown[]).length >= (expected as number);
    case 'maxItems':
      return (value as unknown[]).length <= (expected as number);
    case 'prefixItems':
      return (expected as unknown[]).every((item, index) => index >= (value as unknown[]).length || valueMatches((value as unknown[])[index], asSchema(item)));
    case 'items': {
      // In 2020-12, `items` applies only to the elements after `prefixItems`.
      const start = Array.isArray(schema.prefixItems) ? schema.prefixItems.length : 0;
      return (value as unknown[]).slice(start).every((item) => valueMatches(item, asSchema(expected)));
    }
    case 'required':
      return (expected as string[]).every((name) => Object.hasOwn(value as object, name));
    case 'properties':
      return Object.entries(expected as Record<string, Schema>).every(
        ([name, schema]) => !Object.hasOwn(value as object, name) || valueMatches((value as Record<string, unknown>)[name], schema),
      );
    default:
      // NOTE: `format`, `additionalProperties` and unknown keywords are not evaluated, so a value
      // under them counts as not proven and the change is classified as a type change.
      return false;
  }
}

function valueIsKind(value: unknown, kind: 'string' | 'number' | 'array' | 'object'): boolean {
  if (kind === 'array') return Array.isArray(value);
  if (kind === 'object') return typeof value === 'object' && value !== null && !Array.isArray(value);
  return typeof value === kind;
}

function valueIsType(value: unknown, type: JsonType): boolean {
  switch (type) {
    case 'integer':
      return Number.isInteger(value);
    case 'null':
      return value === null;
    case 'array':
    case 'object':
      return valueIsKind(value, type);
    default:
      return typeof value === type;
  }
}
