/** The workspace packages that are published to npm, and where they live. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of the workspace. */
export const WORKSPACE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** One published package. */
export interface PublishedPackage {
  name: string;
  /** Package directory relative to the workspace root. */
  dir: string;
  /** Subpaths of its `exports` that load code, such as `.` and `./fastify`. */
  codeEntries: readonly string[];
}

/** Every package that users install from npm; all other workspace packages are private. */
export const PUBLISHED_PACKAGES: readonly PublishedPackage[] = [
  { name: '@agnes/errors', dir: 'packages/core', codeEntries: ['.'] },
  { name: '@agnes/sdk', dir: 'packages/sdk', codeEntries: ['.', './openapi-fetch'] },
  { name: '@agnes/errors-server', dir: 'packages/server', codeEntries: ['.', './fastify', './express', './hono'] },
];

/** The package whose contract snapshot the bump gate compares. */
export const CONTRACT_PACKAGE = '@agnes/errors';

/** The committed snapshot of the last release, and the snapshot that codegen writes now. */
export const CONTRACT_SNAPSHOTS = {
  baseline: 'packages/core/baseline/contract.json',
  current: 'packages/core/generated/contract.json',
} as const;
