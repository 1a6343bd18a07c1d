/** Builds and packs workspace packages the way `pnpm publish` would, into tarballs on disk. */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { WORKSPACE_ROOT, type PublishedPackage } from './published-packages.ts';

/** A packed package: its name and the path of its tarball. */
export interface PackedPackage {
  name: string;
  tarball: string;
}

/** Runs the package's `build` script, which writes `dist/esm` and `dist/cjs`. */
export function buildPackage(pkg: PublishedPackage): void {
  execFileSync(process.execPath, [path.join(WORKSPACE_ROOT, 'scripts', 'build-package.ts')], {
    cwd: path.join(WORKSPACE_ROOT, pkg.dir),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/**
 * Packs a package with `pnpm pack`, which applies `publishConfig` and replaces `workspace:`
 * ranges, so the tarball is what npm users receive. `npm pack` would do neither.
 */
export function packPackage(pkg: PublishedPackage, destination: string): PackedPackage {
  const before = new Set(readdirSync(destination));
  try {
    execFileSync('pnpm', ['pack', '--pack-destination', destination], {
      cwd: path.join(WORKSPACE_ROOT, pkg.dir),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (error) {
    throw new Error(`pnpm pack failed for ${pkg.name} in ${pkg.dir}; check that pnpm is on PATH (source scripts/env.sh)`, { cause: error });
  }
  const created = readdirSync(destination).filter((file) => file.endsWith('.tgz') && !before.has(file));
  if (created.length !== 1) {
    throw new Error(`pnpm pack for ${pkg.name} wrote ${created.length} tarballs into ${destination}; expected exactly one`);
  }
  return { name: pkg.name, tarball: path.join(destination, created[0]!) };
}
