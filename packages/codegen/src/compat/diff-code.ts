/** Rules for one code that both snapshots contain: what changed and which bump it requires. */
import type { ContractCode, ContractFamily, ContractParam } from '../contract-types.ts';
import type { ContractChange } from './change.ts';
import { diffDeprecations, withoutDeprecated } from './deprecations.ts';
import { diffParamVisibility } from './param-visibility.ts';
import { compareSchemas } from './schema-subset.ts';

/** The SDK languages of a snapshot, with the names that messages use. */
export const SDK_LANGUAGES = [
  ['typescript', 'TypeScript'],
  ['python', 'Python'],
] as const;

/** Status families of both snapshots, by status. */
export interface FamilyTables {
  before: ReadonlyMap<number, ContractFamily>;
  after: ReadonlyMap<number, ContractFamily>;
}

/** Lists the changes of a code that exists before and after. */
export function diffCode(before: ContractCode, after: ContractCode, families: FamilyTables): ContractChange[] {
  const code = after.code;
  const at = `codes.${code}`;
  const changes: ContractChange[] = [];
  const add = (change: ContractChange) => changes.push(change);

  if (before.status !== after.status) {
    add({
      bump: 'major',
      kind: 'status-changed',
      path: `${at}.status`,
      reason: `The status of "${code}" changed from ${before.status} to ${after.status}. Clients that branch on the status handle it differently.`,
    });
  }
  if (before.retryable !== after.retryable) {
    add({
      bump: 'major',
      kind: 'retry-changed',
      path: `${at}.retryable`,
      reason: `"${code}" is ${after.retryable ? 'now' : 'no longer'} retryable, so SDKs change whether they retry it.`,
    });
  }
  if (before.retryAfterParam !== after.retryAfterParam) {
    add({
      bump: 'major',
      kind: 'retry-changed',
      path: `${at}.retryAfterParam`,
      reason: `The Retry-After header of "${code}" now comes from ${describeParam(after.retryAfterParam)} instead of ${describeParam(before.retryAfterParam)}, so SDKs wait differently before a retry.`,
    });
  }

  changes.push(...diffSdkClasses(before, after, families));

  // A param whose visibility changed is reported once, as a move, and not as a removal plus an addition.
  const visibility = diffParamVisibility(before, after);
  const stays = (name: string) => !visibility.moved.has(name);
  changes.push(...visibility.changes);
  const oldPublic = before.publicParams.filter((param) => stays(param.name));
  const newPublic = after.publicParams.filter((param) => stays(param.name));
  changes.push(...diffPublicParams(code, oldPublic, newPublic));
  changes.push(...diffServerParams(code, 'detail', before.detailParams.filter(stays), after.detailParams.filter(stays)));
  changes.push(...diffServerParams(code, 'internal', before.internalParams.filter(stays), after.internalParams.filter(stays)));
  changes.push(...diffDeprecation(before, after));

  if (before.since !== after.since) {
    add({ bump: 'patch', kind: 'since-changed', path: `${at}.since`, reason: `"${code}" now says it was added in ${after.since}, not ${before.since}.` });
  }
  if (before.docsDigest !== after.docsDigest) {
    add({
      bump: 'patch',
      kind: 'docs-changed',
      path: `${at}.docsDigest`,
      reason: `The docs text of "${code}" changed (title, summary, causes, fix, detail template, related links or examples).`,
    });
  }
  return changes;
}

function describeParam(name: string | null): string {
  return name === null ? 'no param' : `param "${name}"`;
}

/**
 * Classifies SDK class changes. A move from the family class to a class of the code's own is
 * minor, because SDKs derive every code class from its status family, so a `catch` of the family
 * still matches. Any other new name breaks code that catches the old class. A family rename is
 * reported once for the family, not again for each code of that status.
 */
function diffSdkClasses(before: ContractCode, after: ContractCode, families: FamilyTables): ContractChange[] {
  const changes: ContractChange[] = [];
  for (const [language, label] of SDK_LANGUAGES) {
    const oldClass = before.sdk[language];
    const newClass = after.sdk[language];
    if (oldClass === newClass) continue;

    const sameStatus = before.status === after.status;
    const newFamily = families.after.get(after.status)?.[language];
    const oldFamily = families.before.get(before.status)?.[language];
    const path = `codes.${after.code}.sdk.${language}`;
    if (sameStatus && before.sdk.source === 'family' && after.sdk.source === 'family' && oldFamily === oldClass && newFamily === newClass) {
      continue;
    }
    if (sameStatus && before.sdk.source === 'family' && after.sdk.source === 'code' && newFamily === oldClass) {
      changes.push({
        bump: 'minor',
        kind: 'sdk-class-specialized',
        path,
        reason: `"${after.code}" now raises ${newClass} in the ${label} SDK, a subclass of ${oldClass}, so code that catches ${oldClass} still catches it.`,
      });
      continue;
    }
    changes.push({
      bump: 'major',
      kind: 'sdk-class-renamed',
      path,
      reason: `"${after.code}" now raises ${newClass} instead of ${oldClass} in the ${label} SDK. Code that catches ${oldClass} no longer catches it.`,
    });
  }
  return changes;
}

/** Public params are envelope members: servers pass them and clients read them. */
function diffPublicParams(code: string, before: readonly ContractParam[], after: readonly ContractParam[]): ContractChange[] {
  const changes: ContractChange[] = [];
  const oldByName = new Map(before.map((param) => [param.name, param]));
  const newByName = new Map(after.map((param) => [param.name, param]));
  const pathOf = (name: string) => `codes.${code}.publicParams.${name}`;

  for (const [name] of oldByName) {
    if (!newByName.has(name)) {
      changes.push({
        bump: 'major',
        kind: 'param-removed',
        path: pathOf(name),
        reason: `Public param "${name}" of "${code}" was removed from the envelope. Clients that read it no longer find it.`,
      });
    }
  }
  for (const [name, param] of newByName) {
    const old = oldByName.get(name);
    if (!old) {
      changes.push(
        param.required
          ? { bump: 'major', kind: 'param-added', path: pathOf(name), reason: `"${code}" has a new required public param "${name}". Servers that throw it must now pass it.` }
          : { bump: 'minor', kind: 'param-added', path: pathOf(name), reason: `"${code}" has a new optional public param "${name}" in its envelope.` },
      );
      continue;
    }
    if (old.required !== param.required) {
      changes.push(
        param.required
          ? { bump: 'major', kind: 'param-made-required', path: pathOf(name), reason: `Public param "${name}" of "${code}" is now required. Servers that throw it without the param no longer compile.` }
          : { bump: 'major', kind: 'param-made-optional', path: pathOf(name), reason: `Public param "${name}" of "${code}" is now optional. Clients that read it may find it missing.` },
      );
    }
    const subject = `public param "${name}" of "${code}"`;
    changes.push(...diffDeprecations(old.schema, param.schema, { kind: 'param', label: subject, schemaPath: `${pathOf(name)}.schema` }));
    const schemaChange = describeSchemaChange(
      compareSchemas(withoutDeprecated(old.schema), withoutDeprecated(param.schema)),
      subject,
      'Servers that pass a value the old schema allowed no longer validate',
    );
    if (schemaChange) changes.push({ ...schemaChange, kind: `param-${schemaChange.kind}` as const, path: `${pathOf(name)}.schema` });
  }
  return changes;
}

/** Classifies the schema change of a param or envelope member; the caller adds the path. */
export function describeSchemaChange(
  change: ReturnType<typeof compareSchemas>,
  subject: string,
  narrowedEffect: string,
): { bump: ContractChange['bump']; kind: 'narrowed' | 'widened' | 'type-changed' | 'rewritten'; reason: string } | undefined {
  switch (change) {
    case 'same':
      return undefined;
    case 'equivalent':
      return { bump: 'patch', kind: 'rewritten', reason: `The schema of ${subject} was rewritten but accepts the same values.` };
    case 'widened':
      return { bump: 'minor', kind: 'widened', reason: `The schema of ${subject} accepts more values. Clients may receive values they have not seen before.` };
    case 'narrowed':
      return { bump: 'major', kind: 'narrowed', reason: `The schema of ${subject} accepts fewer values. ${narrowedEffect}.` };
    case 'changed':
      return {
        bump: 'major',
        kind: 'type-changed',
        reason: `The schema of ${subject} changed, and the check could not prove that it still accepts every value it accepted before. Treat it as a breaking change.`,
      };
  }
}

/**
 * Detail and internal params never reach the envelope, so only servers that throw the code see
 * them: a removed param no longer compiles where servers pass it.
 */
function diffServerParams(code: string, visibility: 'detail' | 'internal', before: readonly string[], after: readonly string[]): ContractChange[] {
  const changes: ContractChange[] = [];
  const field = visibility === 'detail' ? 'detailParams' : 'internalParams';
  for (const name of before) {
    if (!after.includes(name)) {
      changes.push({
        bump: 'major',
        kind: 'server-param-removed',
        path: `codes.${code}.${field}.${name}`,
        reason: `The ${visibility} param "${name}" of "${code}" was removed. Servers that pass it no longer compile.`,
      });
    }
  }
  for (const name of after) {
    if (!before.includes(name)) {
      changes.push({
        bump: 'minor',
        kind: 'server-param-added',
        path: `codes.${code}.${field}.${name}`,
        // NOTE: the snapshot does not record whether a detail or internal param is required. So a
        // new required one is classified as minor too, although servers that throw the code must pass it.
        reason: `"${code}" takes a new ${visibility} param "${name}". Its envelope does not change.`,
      });
    }
  }
  return changes;
}

function diffDeprecation(before: ContractCode, after: ContractCode): ContractChange[] {
  const code = after.code;
  const path = `codes.${code}.deprecated`;
  const oldDeprecation = before.deprecated;
  const newDeprecation = after.deprecated;
  if (oldDeprecation === null && newDeprecation === null) return [];
  if (oldDeprecation === null && newDeprecation !== null) {
    const instead = newDeprecation.replacement === null ? '' : `; use "${newDeprecation.replacement}" instead`;
    return [{
      bump: 'minor',
      kind: 'code-deprecated',
      path,
      reason: `"${code}" is deprecated since ${newDeprecation.since}${instead}. Servers may still send it until a major release removes it.`,
    }];
  }
  if (newDeprecation === null) {
    return [{ bump: 'minor', kind: 'code-undeprecated', path, reason: `"${code}" is no longer deprecated.` }];
  }

  const changes: ContractChange[] = [];
  if (oldDeprecation!.replacement !== newDeprecation.replacement) {
    changes.push({
      bump: 'minor',
      kind: 'replacement-changed',
      path: `${path}.replacement`,
      reason: `The replacement of deprecated "${code}" is now ${quoteOrNone(newDeprecation.replacement)} instead of ${quoteOrNone(oldDeprecation!.replacement)}.`,
    });
  }
  if (oldDeprecation!.since !== newDeprecation.since) {
    changes.push({
      bump: 'patch',
      kind: 'deprecation-version-changed',
      path: `${path}.since`,
      reason: `"${code}" now says it was deprecated in ${newDeprecation.since}, not ${oldDeprecation!.since}.`,
    });
  }
  return changes;
}

function quoteOrNone(code: string | null): string {
  return code === null ? 'none' : `"${code}"`;
}
