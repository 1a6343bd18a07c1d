/** Reads a `contract.json` file and checks that this version of the classifier can compare it. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CONTRACT_FORMAT_VERSION, type ContractSnapshot } from '../contract-types.ts';

/** Raised for a snapshot file that is missing, not JSON, or of another format; the message names the file. */
export class SnapshotFileError extends Error {
  override name = 'SnapshotFileError';
}

const LIST_MEMBERS = ['envelope', 'codes', 'families', 'tombstones'] as const;

/** Reads and checks a contract snapshot. */
export async function readSnapshot(file: string): Promise<ContractSnapshot> {
  const absolute = path.resolve(file);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    throw new SnapshotFileError(`Cannot read contract snapshot ${absolute}: ${(error as Error).message}`, { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SnapshotFileError(`Contract snapshot ${absolute} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  return checkSnapshot(value, absolute);
}

/** Checks the parts of a parsed snapshot that the classifier reads; `source` names it in messages. */
export function checkSnapshot(value: unknown, source: string): ContractSnapshot {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SnapshotFileError(`Contract snapshot ${source} is not a JSON object; pass a contract.json written by "agnes-errors generate"`);
  }
  const snapshot = value as Record<string, unknown>;
  if (snapshot.formatVersion === undefined) {
    throw new SnapshotFileError(`${source} is not a contract snapshot (it has no "formatVersion"); pass the contract.json that "agnes-errors generate" writes`);
  }
  if (snapshot.formatVersion !== CONTRACT_FORMAT_VERSION) {
    throw new SnapshotFileError(
      `Contract snapshot ${source} has formatVersion ${JSON.stringify(snapshot.formatVersion)}, but this agnes-errors compares format ${CONTRACT_FORMAT_VERSION}; regenerate both files with the same agnes-errors version`,
    );
  }
  if (typeof snapshot.version !== 'string') {
    throw new SnapshotFileError(`Contract snapshot ${source} has no "version" string; regenerate it with "agnes-errors generate"`);
  }
  for (const member of LIST_MEMBERS) {
    if (!Array.isArray(snapshot[member])) {
      throw new SnapshotFileError(`Contract snapshot ${source} has no "${member}" list; regenerate it with "agnes-errors generate"`);
    }
  }
  (snapshot.codes as unknown[]).forEach((code, index) => checkCode(code, `${source} codes[${index}]`));
  return value as ContractSnapshot;
}

const CODE_MEMBERS: Readonly<Record<string, (value: unknown) => boolean>> = {
  code: (value) => typeof value === 'string',
  status: (value) => Number.isInteger(value),
  retryable: (value) => typeof value === 'boolean',
  sdk: (value) => typeof value === 'object' && value !== null,
  publicParams: Array.isArray,
  detailParams: Array.isArray,
  internalParams: Array.isArray,
  docsDigest: (value) => typeof value === 'string',
};

/** Checks the members of one code entry that the classifier reads. */
function checkCode(value: unknown, location: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SnapshotFileError(`Contract snapshot ${location} is not an object; regenerate the file with "agnes-errors generate"`);
  }
  const entry = value as Record<string, unknown>;
  for (const [member, isValid] of Object.entries(CODE_MEMBERS)) {
    if (!isValid(entry[member])) {
      throw new SnapshotFileError(
        `Contract snapshot ${location} has an invalid "${member}" (${JSON.stringify(entry[member]) ?? 'missing'}); regenerate the file with "agnes-errors generate"`,
      );
    }
  }
}
