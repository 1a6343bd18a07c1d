/**
 * The contract bump gate: the pending changesets must bump the contract package by at least
 * the bump that the contract changes since the last release require.
 */
import path from 'node:path';
import { bumpCovers, diffContracts, readSnapshot, type Bump, type ContractChange, type ContractDiff } from '@agnes/codegen';
import { getReleasePlan } from '@changesets/get-release-plan';

/** Options of `checkContractBump`; paths are relative to `root`. */
export interface BumpGateOptions {
  /** Workspace root that contains `.changeset/` and the packages. */
  root: string;
  /** Contract snapshot of the last release. */
  baseline: string;
  /** Contract snapshot that codegen writes now. */
  current: string;
  /** Name of the contract package, such as `@agnes/errors`. */
  packageName: string;
}

/** Outcome of the gate. */
export interface BumpGateResult {
  ok: boolean;
  packageName: string;
  baseline: string;
  /** Bump of the contract package in the release plan of the pending changesets, fixed groups included. */
  declared: Bump | 'none';
  /** Ids of the changesets that bump the contract package, directly or through its fixed group. */
  changesets: string[];
  diff: ContractDiff;
  /** Changes that need a larger bump than `declared`, most severe first. */
  uncovered: ContractChange[];
}

/** Compares the baseline with the current snapshot and checks the declared bump against the required one. */
export async function checkContractBump(options: BumpGateOptions): Promise<BumpGateResult> {
  const root = path.resolve(options.root);
  const diff = diffContracts(await readSnapshot(path.join(root, options.baseline)), await readSnapshot(path.join(root, options.current)));

  const plan = await getReleasePlan(root);
  const release = plan.releases.find((candidate) => candidate.name === options.packageName);
  const declared: Bump | 'none' = release?.type ?? 'none';
  const uncovered = diff.changes.filter((change) => !bumpCovers(declared, change.bump));

  return {
    ok: uncovered.length === 0,
    packageName: options.packageName,
    baseline: options.baseline,
    declared,
    changesets: release?.changesets ?? [],
    diff,
    uncovered,
  };
}

/** Renders the gate's outcome: one line when it passes, and each uncovered change with the fix when it fails. */
export function formatBumpGate(result: BumpGateResult): string {
  const { packageName, declared, diff } = result;
  const declaredText = declared === 'none' ? 'no pending changeset bumps it' : `the pending changesets declare ${declared} (${result.changesets.map((id) => `.changeset/${id}.md`).join(', ')})`;
  if (result.ok) {
    const need = diff.bump === 'none' ? 'no contract change since the last release' : `contract changes that need ${diff.bump}`;
    return `contract bump check passed for ${packageName}: ${need}, and ${declaredText}.\n`;
  }

  const lines = [
    `contract bump check failed for ${packageName}: the contract changes since ${result.baseline} need a ${diff.bump} release, but ${declaredText}.`,
    '',
    ...result.uncovered.map((change) => `  ${change.bump} needed for ${change.path} (${change.kind}): ${change.reason}`),
    '',
    `Add a changeset that bumps ${packageName} by ${diff.bump}, such as .changeset/<name>.md with`,
    `  ---`,
    `  "${packageName}": ${diff.bump}`,
    `  ---`,
    `  followed by one or two sentences for the changelog. If a change was not intended, revert it instead.`,
  ];
  return `${lines.join('\n')}\n`;
}

