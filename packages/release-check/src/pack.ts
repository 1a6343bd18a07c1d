/** Builds and packs workspace packages the way `pnpm publish` would, into tarballs on disk. */
import { execFileSync } from 'node:child_process';
import { existsSync, globSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { WORKSPACE_ROOT, type PublishedPackage } from './published-packages.ts';

const BUILD_SCRIPT = path.join(WORKSPACE_ROOT, 'scripts', 'build-package.ts');

/** A packed package: its name and the path of its tarball. */
export interface PackedPackage {
  name: string;
  tarball: string;
}

/** Returns true when `dist` is missing or older than a source file, the build config or the build script. */
export function needsBuild(pkg: PublishedPackage): boolean {
  const packageDir = path.join(WORKSPACE_ROOT, pkg.dir);
  const builtAt = [path.join(packageDir, 'dist', 'esm', 'index.js'), path.join(packageDir, 'dist', 'cjs', 'index.js')].map(modifiedAt);
  const inputs = [
    ...globSync('src/**/*.ts', { cwd: packageDir }).map((file) => path.join(packageDir, file)),
    path.join(packageDir, 'tsconfig.build.json'),
    BUILD_SCRIPT,
  ];
  const oldestOutput = Math.min(...builtAt);
  return !Number.isFinite(oldestOutput) || inputs.some((file) => modifiedAt(file) > oldestOutput);
}

function modifiedAt(file: string): number {
  return existsSync(file) ? statSync(file).mtimeMs : Number.POSITIVE_INFINITY;
}

/** Runs the package's build, which writes `dist/esm` and `dist/cjs`. */
export function buildPackage(pkg: PublishedPackage): void {
  execFileSync(process.execPath, [BUILD_SCRIPT], {
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
