/** `agnes-errors diff OLD NEW`: prints the classified changes between two contract snapshots. */
import { parseArgs } from 'node:util';
import { BUMPS, bumpCovers, type Bump, type ContractDiff } from './change.ts';
import { diffContracts } from './diff-contract.ts';
import { readSnapshot, SnapshotFileError } from './read-snapshot.ts';

/** Usage lines of the command, for the CLI's help text. */
export const DIFF_USAGE = `  diff OLD NEW [--json] [--fail-on major|minor|patch]
                           Compare two contract.json snapshots and print each change with
                           its bump (major, minor, patch) and reason, most severe first.
                           Exits 0 after a successful comparison; with --fail-on it exits 1
                           when a change needs that bump or a larger one.`;

/** Raised for arguments of `diff` that cannot be used; the CLI prints it with the usage. */
export class DiffUsageError extends Error {
  override name = 'DiffUsageError';
}

export { SnapshotFileError };

/** Runs `diff` with its arguments and returns the exit code. */
export async function runDiff(args: string[], output: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { json: { type: 'boolean', default: false }, 'fail-on': { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 2) {
    throw new DiffUsageError(`diff takes two snapshot files, OLD and NEW, but got ${positionals.length}`);
  }
  const failOn = values['fail-on'];
  if (failOn !== undefined && !(BUMPS as readonly string[]).includes(failOn)) {
    throw new DiffUsageError(`--fail-on "${failOn}" is not a bump; use major, minor or patch`);
  }

  const [oldFile, newFile] = positionals as [string, string];
  const diff = diffContracts(await readSnapshot(oldFile), await readSnapshot(newFile));
  output.write(values.json ? `${JSON.stringify(diff, null, 2)}\n` : formatDiff(diff));

  if (failOn !== undefined && diff.bump !== 'none' && bumpCovers(diff.bump, failOn as Bump)) return 1;
  return 0;
}

/** Renders a diff as text: a summary line, then one line per change. */
export function formatDiff(diff: ContractDiff): string {
  if (diff.changes.length === 0) return `No contract changes from ${diff.from} to ${diff.to}.\n`;
  const counts = BUMPS.map((bump) => `${diff.changes.filter((change) => change.bump === bump).length} ${bump}`).join(', ');
  const lines = [`Contract changes from ${diff.from} to ${diff.to} need a ${diff.bump} release (${counts}):`, ''];
  const kindWidth = Math.max(...diff.changes.map((change) => change.kind.length));
  for (const change of diff.changes) {
    lines.push(`${change.bump.padEnd(5)}  ${change.kind.padEnd(kindWidth)}  ${change.reason}`);
  }
  return `${lines.join('\n')}\n`;
}
