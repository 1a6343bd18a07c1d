/**
 * Compares two contract snapshots and classifies each change as a major, minor or patch bump.
 * A change that breaks an upgrading client or server is major. A change that only adds is
 * minor, and a change of docs text alone is patch.
 */
import type { ContractEnvelopeMember, ContractSnapshot } from '../contract-types.ts';
import { compareChanges, requiredBump, type ContractChange, type ContractDiff } from './change.ts';
import { describeSchemaChange, diffCode, SDK_LANGUAGES, type FamilyTables } from './diff-code.ts';
import { diffDeprecations, withoutDeprecated } from './deprecations.ts';
import { compareSchemas } from './schema-subset.ts';

/**
 * Lists every change from `before` to `after`, most severe first, and the bump they require.
 *
 * @example
 * const { bump, changes } = diffContracts(baseline, current);
 * if (bump === 'major') console.log(changes[0].reason);
 */
export function diffContracts(before: ContractSnapshot, after: ContractSnapshot): ContractDiff {
  const families: FamilyTables = {
    before: new Map(before.families.map((family) => [family.status, family])),
    after: new Map(after.families.map((family) => [family.status, family])),
  };
  const changes = [
    ...diffCodes(before, after, families),
    ...diffEnvelope(before.envelope, after.envelope),
    ...diffFamilies(families),
    ...diffTombstones(before, after),
  ].sort(compareChanges);
  return { bump: requiredBump(changes), changes, from: before.version, to: after.version };
}

function diffCodes(before: ContractSnapshot, after: ContractSnapshot, families: FamilyTables): ContractChange[] {
  const changes: ContractChange[] = [];
  const oldCodes = new Map(before.codes.map((entry) => [entry.code, entry]));
  const newCodes = new Map(after.codes.map((entry) => [entry.code, entry]));
  const added = after.codes.filter((entry) => !oldCodes.has(entry.code));
  const tombstones = new Map(after.tombstones.map((tombstone) => [tombstone.code, tombstone]));

  for (const [code, entry] of oldCodes) {
    const current = newCodes.get(code);
    if (current) {
      changes.push(...diffCode(entry, current, families));
      continue;
    }
    const tombstone = tombstones.get(code);
    const retired = tombstone
      ? ` It is on the tombstone list (removed in ${tombstone.removedIn}).`
      : ' It is not on the tombstone list; add it there so that the code is never reused.';
    const lookalikes = added.filter((candidate) => candidate.status === entry.status).map((candidate) => `"${candidate.code}"`);
    const rename = lookalikes.length === 0
      ? ''
      : ` If ${lookalikes.join(' or ')} replaces it, keep "${code}" deprecated with that replacement until a major release removes it.`;
    changes.push({
      bump: 'major',
      kind: 'code-removed',
      path: `codes.${code}`,
      reason: `Code "${code}" (${entry.status}) was removed. Clients that handle it and servers that throw it break.${retired}${rename}`,
    });
  }

  for (const entry of added) {
    changes.push({
      bump: 'minor',
      kind: 'code-added',
      path: `codes.${entry.code}`,
      reason: `Code "${entry.code}" (${entry.status}) was added. SDKs released before it raise ${familyName(families, entry.status)} for it.`,
    });
  }
  return changes;
}

function familyName(families: FamilyTables, status: number): string {
  const family = families.after.get(status);
  return family ? `the status family class ${family.typescript}` : `the class of status ${status}`;
}

/** Shared envelope members are written by the contract itself and read by every client. */
function diffEnvelope(before: readonly ContractEnvelopeMember[], after: readonly ContractEnvelopeMember[]): ContractChange[] {
  const changes: ContractChange[] = [];
  const newByName = new Map(after.map((member) => [member.name, member]));
  const oldByName = new Map(before.map((member) => [member.name, member]));
  const pathOf = (name: string) => `envelope.${name}`;

  for (const member of before) {
    const current = newByName.get(member.name);
    const name = member.name;
    if (!current) {
      changes.push({ bump: 'major', kind: 'member-removed', path: pathOf(name), reason: `Envelope member "${name}" was removed. Clients that read it no longer find it.` });
      continue;
    }
    if (member.required !== current.required) {
      changes.push(
        current.required
          ? { bump: 'minor', kind: 'member-made-required', path: pathOf(name), reason: `Envelope member "${name}" is now in every envelope of its form.` }
          : { bump: 'major', kind: 'member-made-optional', path: pathOf(name), reason: `Envelope member "${name}" is now optional. Clients that read it may find it missing.` },
      );
    }
    if (member.problemDetails !== current.problemDetails) {
      changes.push(
        current.problemDetails
          ? { bump: 'major', kind: 'member-form-changed', path: pathOf(name), reason: `Envelope member "${name}" is now sent only in the application/problem+json form. Clients of the plain JSON form lose it.` }
          : { bump: 'minor', kind: 'member-form-changed', path: pathOf(name), reason: `Envelope member "${name}" is now sent in the plain JSON form too, not only in application/problem+json.` },
      );
    }
    changes.push(...diffDeprecations(member.schema, current.schema, { kind: 'member', label: `envelope member "${name}"`, schemaPath: `${pathOf(name)}.schema` }));
    const schemaChange = describeSchemaChange(
      compareSchemas(withoutDeprecated(member.schema), withoutDeprecated(current.schema)),
      `envelope member "${name}"`,
      'Clients that validate envelopes may reject what they accepted before',
    );
    if (schemaChange) changes.push({ ...schemaChange, kind: `member-${schemaChange.kind}` as const, path: `${pathOf(name)}.schema` });
  }

  for (const member of after) {
    if (oldByName.has(member.name)) continue;
    changes.push({
      bump: 'minor',
      kind: 'member-added',
      path: pathOf(member.name),
      reason: `Envelope member "${member.name}" was added${member.problemDetails ? ' to the application/problem+json form' : ''}.`,
    });
  }
  return changes;
}

function diffFamilies(families: FamilyTables): ContractChange[] {
  const changes: ContractChange[] = [];
  for (const [status, family] of families.before) {
    const current = families.after.get(status);
    if (!current) {
      changes.push({
        bump: 'major',
        kind: 'family-removed',
        path: `families.${status}`,
        reason: `Status ${status} has no SDK family any more, so its classes ${family.typescript} (TypeScript) and ${family.python} (Python) are gone.`,
      });
      continue;
    }
    for (const [language, label] of SDK_LANGUAGES) {
      if (family[language] === current[language]) continue;
      changes.push({
        bump: 'major',
        kind: 'family-renamed',
        path: `families.${status}.${language}`,
        reason: `The ${label} class of status ${status} was renamed from ${family[language]} to ${current[language]}. Code that catches ${family[language]} no longer compiles.`,
      });
    }
  }
  for (const [status, family] of families.after) {
    if (families.before.has(status)) continue;
    changes.push({
      bump: 'minor',
      kind: 'family-added',
      path: `families.${status}`,
      reason: `Status ${status} has a new SDK family: ${family.typescript} (TypeScript) and ${family.python} (Python).`,
    });
  }
  return changes;
}

function diffTombstones(before: ContractSnapshot, after: ContractSnapshot): ContractChange[] {
  const changes: ContractChange[] = [];
  const newByCode = new Map(after.tombstones.map((tombstone) => [tombstone.code, tombstone]));
  const oldByCode = new Map(before.tombstones.map((tombstone) => [tombstone.code, tombstone]));
  for (const [code, tombstone] of oldByCode) {
    const current = newByCode.get(code);
    if (!current) {
      changes.push({
        bump: 'major',
        kind: 'tombstone-removed',
        path: `tombstones.${code}`,
        reason: `"${code}" left the tombstone list, so it could be defined again with another meaning that clients of the old one would misread.`,
      });
    } else if (current.removedIn !== tombstone.removedIn) {
      changes.push({
        bump: 'patch',
        kind: 'tombstone-version-changed',
        path: `tombstones.${code}`,
        reason: `The tombstone of "${code}" now says it was removed in ${current.removedIn}, not ${tombstone.removedIn}.`,
      });
    }
  }
  for (const [code, tombstone] of newByCode) {
    if (oldByCode.has(code)) continue;
    changes.push({
      bump: 'patch',
      kind: 'tombstone-added',
      path: `tombstones.${code}`,
      reason: `"${code}" is on the tombstone list (removed in ${tombstone.removedIn}), so it can never be defined again.`,
    });
  }
  return changes;
}
