/** The real Agnes contract snapshot and helpers that edit a copy of it, for the classifier's corpus. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ContractCode, ContractEnvelopeMember, ContractParam, ContractSnapshot } from '../../src/index.ts';

const CONTRACT_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../core/generated/contract.json');

/** The committed `contract.json` of the Agnes catalog. */
export const realContract = JSON.parse(readFileSync(CONTRACT_FILE, 'utf8')) as ContractSnapshot;

/** Returns a deep copy of the real snapshot, changed by `edit`. */
export function edited(edit: (snapshot: ContractSnapshot) => void): ContractSnapshot {
  const copy = structuredClone(realContract);
  edit(copy);
  return copy;
}

/** Returns the entry of `code`, and throws when the snapshot has none, so that a corpus case never edits nothing. */
export function codeOf(snapshot: ContractSnapshot, code: string): ContractCode {
  const entry = snapshot.codes.find((candidate) => candidate.code === code);
  if (!entry) throw new Error(`The contract snapshot has no code "${code}"; update the corpus case`);
  return entry;
}

/** Returns the public param `name` of `code`. */
export function paramOf(snapshot: ContractSnapshot, code: string, name: string): ContractParam {
  const param = codeOf(snapshot, code).publicParams.find((candidate) => candidate.name === name);
  if (!param) throw new Error(`Code "${code}" has no public param "${name}"; update the corpus case`);
  return param;
}

/** Returns the shared envelope member `name`. */
export function memberOf(snapshot: ContractSnapshot, name: string): ContractEnvelopeMember {
  const member = snapshot.envelope.find((candidate) => candidate.name === name);
  if (!member) throw new Error(`The envelope has no member "${name}"; update the corpus case`);
  return member;
}

/** Removes `code` from the snapshot. */
export function removeCode(snapshot: ContractSnapshot, code: string): ContractCode {
  const entry = codeOf(snapshot, code);
  snapshot.codes = snapshot.codes.filter((candidate) => candidate !== entry);
  return entry;
}

/** Adds a copy of `template` under a new code name. */
export function addCode(snapshot: ContractSnapshot, code: string, template: ContractCode, changes: Partial<ContractCode> = {}): void {
  snapshot.codes.push({ ...structuredClone(template), ...changes, code });
}

/** Moves `code` to another status and to that status's family classes. */
export function moveToStatus(snapshot: ContractSnapshot, code: string, status: number): void {
  const entry = codeOf(snapshot, code);
  const family = snapshot.families.find((candidate) => candidate.status === status);
  if (!family) throw new Error(`The contract snapshot has no family for status ${status}; update the corpus case`);
  entry.status = status;
  entry.sdk = { typescript: family.typescript, python: family.python, source: 'family' };
}
