/**
 * Rules for `deprecated: true` in the schema of a public param or an envelope member, on the
 * member itself or on a member of a type that it references. Deprecation is an annotation: the
 * same values validate, so it is reported as its own change and left out of the schema comparison.
 */
import type { NormalizedSchema } from '../contract-types.ts';
import { isObject, keywordValueKind, mapSchemas } from '../schema-keywords.ts';
import type { ContractChange } from './change.ts';

/** Owner of a deprecation: a code's public param or a shared envelope member. */
export interface DeprecationSubject {
  kind: 'param' | 'member';
  /** The subject in a message, such as `public param "limit" of "order_over_limit"`. */
  label: string;
  /** Path of the subject's schema in the snapshot, such as `codes.order_over_limit.publicParams.limit.schema`. */
  schemaPath: string;
}

/**
 * Lists deprecations added and removed between two schemas of one subject. Deprecating is minor,
 * like deprecating a code: the same values validate, and only a later major release may remove
 * the member. Removing a deprecation is minor too, as it is for a code.
 */
export function diffDeprecations(before: NormalizedSchema, after: NormalizedSchema, subject: DeprecationSubject): ContractChange[] {
  const oldLocations = deprecatedLocations(before);
  const newLocations = deprecatedLocations(after);
  const changes: ContractChange[] = [];

  for (const location of newLocations) {
    if (oldLocations.has(location)) continue;
    changes.push({
      bump: 'minor',
      kind: `${subject.kind}-deprecated`,
      path: pathOf(subject, location),
      reason: `${describe(subject, location)} is now deprecated. Deprecating it does not change which values validate, so servers and clients keep working, and only a major release may remove it.`,
    });
  }
  for (const location of oldLocations) {
    if (newLocations.has(location)) continue;
    changes.push({
      bump: 'minor',
      kind: `${subject.kind}-undeprecated`,
      path: pathOf(subject, location),
      reason: `${describe(subject, location)} is no longer deprecated. Removing the deprecation does not change which values validate.`,
    });
  }
  return changes;
}

/** Returns the schema without its `deprecated` keywords, so that a schema comparison compares only what validates. */
export function withoutDeprecated(schema: NormalizedSchema): NormalizedSchema {
  return mapSchemas(schema, ({ deprecated: _deprecated, ...rest }) => rest) as NormalizedSchema;
}

/**
 * Lists the schema locations that have `deprecated: true`, as dotted keyword paths: the empty
 * string for the schema itself, `properties.cents` for its member `cents`.
 */
export function deprecatedLocations(schema: unknown, location = '', found = new Set<string>()): Set<string> {
  if (!isObject(schema)) return found;
  if (schema.deprecated === true) found.add(location);
  const at = (part: string | number) => (location === '' ? String(part) : `${location}.${part}`);

  for (const [keyword, value] of Object.entries(schema)) {
    const kind = keywordValueKind(keyword);
    if (kind === 'schema' && !Array.isArray(value)) deprecatedLocations(value, at(keyword), found);
    if (kind === 'schema-list' || (kind === 'schema' && Array.isArray(value))) {
      (value as unknown[]).forEach((item, index) => deprecatedLocations(item, at(`${keyword}.${index}`), found));
    }
    if (kind === 'schema-map' && isObject(value)) {
      for (const [name, item] of Object.entries(value)) deprecatedLocations(item, at(`${keyword}.${name}`), found);
    }
  }
  return found;
}

function pathOf(subject: DeprecationSubject, location: string): string {
  return location === '' ? subject.schemaPath : `${subject.schemaPath}.${location}`;
}

/** Names the deprecated schema: the subject, a member of it such as `member "cents" of …`, or a keyword path. */
function describe(subject: DeprecationSubject, location: string): string {
  if (location === '') return subject.label[0]!.toUpperCase() + subject.label.slice(1);
  const parts = location.split('.');
  const memberPath = parts.length % 2 === 0 && parts.every((part, index) => index % 2 === 1 || part === 'properties');
  if (memberPath) return `Member "${parts.filter((_part, index) => index % 2 === 1).join('.')}" of ${subject.label}`;
  return `The schema at "${location}" in ${subject.label}`;
}
