/** The result of comparing two contract snapshots: classified changes and the bump they require. */

/** A semver bump, as changesets names it. */
export type Bump = 'major' | 'minor' | 'patch';

/** Every bump from the most severe to the least. */
export const BUMPS: readonly Bump[] = ['major', 'minor', 'patch'];

/** Rank of each bump; a larger rank is a more severe change. */
export const BUMP_RANK: Readonly<Record<Bump, number>> = { major: 3, minor: 2, patch: 1 };

/** Kinds of change that the classifier reports, one per rule. */
export type ChangeKind =
  | 'code-removed'
  | 'code-added'
  | 'status-changed'
  | 'retry-changed'
  | 'sdk-class-renamed'
  | 'sdk-class-specialized'
  | 'param-removed'
  | 'param-added'
  | 'param-made-required'
  | 'param-made-optional'
  | 'param-narrowed'
  | 'param-widened'
  | 'param-type-changed'
  | 'param-rewritten'
  | 'param-deprecated'
  | 'param-undeprecated'
  | 'server-param-added'
  | 'server-param-removed'
  | 'param-visibility-changed'
  | 'code-deprecated'
  | 'code-undeprecated'
  | 'replacement-changed'
  | 'deprecation-version-changed'
  | 'since-changed'
  | 'docs-changed'
  | 'member-removed'
  | 'member-added'
  | 'member-made-required'
  | 'member-made-optional'
  | 'member-narrowed'
  | 'member-widened'
  | 'member-type-changed'
  | 'member-rewritten'
  | 'member-form-changed'
  | 'member-deprecated'
  | 'member-undeprecated'
  | 'family-added'
  | 'family-removed'
  | 'family-renamed'
  | 'tombstone-added'
  | 'tombstone-removed'
  | 'tombstone-version-changed';

/** One difference between two snapshots and the bump it requires. */
export interface ContractChange {
  bump: Bump;
  kind: ChangeKind;
  /** Location of the change in the snapshot, such as `codes.forbidden.status` or `envelope.request_id`. */
  path: string;
  /** Explanation of the change and whom it affects, in one or two sentences. */
  reason: string;
}

/** All changes between two snapshots and the smallest bump that covers them. */
export interface ContractDiff {
  /** The largest bump of `changes`, or `none` when nothing changed. */
  bump: Bump | 'none';
  /** Every change, most severe first, then by path. */
  changes: ContractChange[];
  /** Contract versions of the two snapshots. */
  from: string;
  to: string;
}

/** Returns the most severe bump of a list of changes, or `none` for an empty list. */
export function requiredBump(changes: readonly Pick<ContractChange, 'bump'>[]): Bump | 'none' {
  let result: Bump | 'none' = 'none';
  for (const change of changes) {
    if (result === 'none' || BUMP_RANK[change.bump] > BUMP_RANK[result]) result = change.bump;
  }
  return result;
}

/** Orders changes most severe first, then by path and kind in code-point order. */
export function compareChanges(a: ContractChange, b: ContractChange): number {
  const rank = BUMP_RANK[b.bump] - BUMP_RANK[a.bump];
  if (rank !== 0) return rank;
  const key = (change: ContractChange) => `${change.path}\u0000${change.kind}`;
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

/** Checks that `declared` covers `required`, which means it is the same bump or a larger one. */
export function bumpCovers(declared: Bump | 'none', required: Bump | 'none'): boolean {
  if (required === 'none') return true;
  if (declared === 'none') return false;
  return BUMP_RANK[declared] >= BUMP_RANK[required];
}
