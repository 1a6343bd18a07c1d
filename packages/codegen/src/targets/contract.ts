/** The contract snapshot target: `contract.json` in the format of `ContractSnapshot`. */
import { createHash } from 'node:crypto';
import { lookupsOf, type ErrorEntry } from '@agnes/errors/define';
import {
  CONTRACT_FORMAT_VERSION,
  type ContractCode,
  type ContractSnapshot,
  type NormalizedSchema,
} from '../contract-types.ts';
import { envelopeSchemaName } from '../naming.ts';
import { DEFS_PREFIX, isObject, keywordValueKind } from '../schema-keywords.ts';
import type { TargetContext } from './context.ts';
import type { JsonSchemaDocument } from './schema.ts';

/** Keywords that only document a schema; a change to them is not a contract change. */
const DOCUMENTATION_KEYWORDS = new Set(['description', 'markdownDescription', 'title', 'examples', '$comment']);
/** Keywords whose array order carries no meaning, sorted so that reordering is no change. */
const UNORDERED_KEYWORDS = new Set(['required', 'enum', 'type']);

/** Builds the contract snapshot of the context's registry. */
export function buildContractSnapshot(context: TargetContext): ContractSnapshot {
  const { registry } = context;
  const { document, envelopeMembers } = context.model();
  const { sdkClassByCode } = lookupsOf(registry);
  const byName = <T extends { name: string }>(a: T, b: T) => compare(a.name, b.name);

  const codes: ContractCode[] = Object.entries(registry.entries as Record<string, ErrorEntry<any>>).map(([code, entry]) => {
    const params = Object.entries(entry.params ?? {});
    const namesOf = (visibility: string) => params.filter(([, value]) => value === visibility).map(([name]) => name).sort(compare);
    const envelope = document.$defs[envelopeSchemaName(code)] as { properties: Record<string, unknown>; required: string[] };
    const sdk = sdkClassByCode.get(code)!;
    return {
      code,
      status: entry.status,
      retryable: entry.retry.retryable,
      retryAfterParam: entry.retry.afterParam ?? null,
      sdk: { typescript: sdk.typescript, python: sdk.python, source: entry.sdk ? 'code' : 'family' },
      publicParams: namesOf('public').map((name) => ({
        name,
        required: envelope.required.includes(name),
        schema: normalizeSchema(envelope.properties[name], document),
      })),
      detailParams: namesOf('detail'),
      internalParams: namesOf('internal'),
      since: entry.since,
      deprecated: entry.deprecated ? { since: entry.deprecated.since, replacement: entry.deprecated.replacement ?? null } : null,
      docsDigest: context.docsDigests().get(code)!,
    };
  });

  const snapshot: ContractSnapshot = {
    $comment: context.header,
    formatVersion: CONTRACT_FORMAT_VERSION,
    version: registry.version,
    envelope: envelopeMembers
      .map((member) => ({
        name: member.name,
        required: member.required,
        problemDetails: member.problemDetails,
        schema: normalizeSchema(member.schema, document),
      }))
      .sort(byName),
    codes: codes.sort((a, b) => compare(a.code, b.code)),
    families: Object.entries(registry.families)
      .map(([status, names]) => ({ status: Number(status), typescript: names.typescript, python: names.python }))
      .sort((a, b) => a.status - b.status),
    tombstones: registry.tombstones
      .map((tombstone) => ({ code: tombstone.code, removedIn: tombstone.removedIn }))
      .sort((a, b) => compare(a.code, b.code)),
  };
  return sortKeys(snapshot) as ContractSnapshot;
}

/** Returns `sha256:<hex>` of the entry's docs text, serialized with sorted keys. */
export function docsDigestOf(entry: ErrorEntry<any>): string {
  const docs = {
    title: entry.title,
    summary: entry.summary,
    retryAdvice: entry.retry.advice,
    retryReason: entry.retry.reason ?? null,
    when: entry.when,
    causes: entry.causes,
    fix: entry.fix,
    detail: entry.detail,
    related: entry.related,
    deprecationReason: entry.deprecated?.reason ?? null,
    example: entry.example,
  };
  return `sha256:${createHash('sha256').update(JSON.stringify(sortKeys(docs))).digest('hex')}`;
}

/**
 * Normalizes a JSON Schema for comparison: `$ref`s into `$defs` are inlined (a
 * recursive reference stays a `$ref`), documentation keywords are dropped, and
 * unordered keyword arrays are sorted. Only keywords at schema positions change.
 * Member names under `properties` and data under `const`, `enum` or `default`
 * keep every name, such as a member called `title`.
 */
export function normalizeSchema(schema: unknown, document: JsonSchemaDocument, inlining: readonly string[] = []): NormalizedSchema {
  return normalizeSchemaValue(schema, document, inlining) as NormalizedSchema;
}

function normalizeSchemaValue(value: unknown, document: JsonSchemaDocument, inlining: readonly string[]): unknown {
  if (!isObject(value)) return value;

  const ref = value.$ref;
  if (typeof ref === 'string' && ref.startsWith(DEFS_PREFIX)) {
    const name = ref.slice(DEFS_PREFIX.length);
    if (inlining.includes(name) || !(name in document.$defs)) return { $ref: ref };
    const { $ref: _ref, ...siblings } = value;
    const target = normalizeSchemaValue(document.$defs[name], document, [...inlining, name]) as Record<string, unknown>;
    return sortKeys({ ...target, ...(normalizeSchemaValue(siblings, document, inlining) as object) });
  }

  const normalize = (item: unknown) => normalizeSchemaValue(item, document, inlining);
  const result: Record<string, unknown> = {};
  for (const [keyword, item] of Object.entries(value)) {
    if (DOCUMENTATION_KEYWORDS.has(keyword)) continue;
    switch (keywordValueKind(keyword)) {
      case 'schema':
      case 'schema-list':
        result[keyword] = Array.isArray(item) ? item.map(normalize) : normalize(item);
        break;
      case 'schema-map':
        result[keyword] = isObject(item) ? Object.fromEntries(Object.entries(item).map(([name, member]) => [name, normalize(member)])) : item;
        break;
      case 'data':
        result[keyword] = UNORDERED_KEYWORDS.has(keyword) && Array.isArray(item) ? item.map(sortKeys).sort(compareJson) : sortKeys(item);
    }
  }
  return sortKeys(result);
}

/** Copies a JSON value with the keys of every object in code-point order. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort(compare)) result[key] = sortKeys((value as Record<string, unknown>)[key]);
  return result;
}

/** Compares strings by code point, the same order on every machine and locale. */
function compare(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

function compareJson(a: unknown, b: unknown): number {
  return compare(JSON.stringify(a), JSON.stringify(b));
}
