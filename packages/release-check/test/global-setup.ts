/**
 * Builds the published packages where `dist` is older than their sources (turbo has usually built
 * them already), packs them once, and gives every test file the tarballs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildPackage, needsBuild, packPackage, PUBLISHED_PACKAGES } from '../src/index.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Tarball of each published package, by package name. */
    tarballs: Record<string, string>;
  }
}

export default function setup(project: TestProject): () => void {
  const destination = mkdtempSync(path.join(os.tmpdir(), 'agnes-packed-'));
  const tarballs: Record<string, string> = {};
  for (const pkg of PUBLISHED_PACKAGES) {
    if (needsBuild(pkg)) buildPackage(pkg);
    tarballs[pkg.name] = packPackage(pkg, destination).tarball;
  }
  project.provide('tarballs', tarballs);
  return () => rmSync(destination, { recursive: true, force: true });
}
