/** Builds and packs the published packages once, and gives every test file the tarball folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildPackage, packPackage, PUBLISHED_PACKAGES } from '../src/index.ts';

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
    buildPackage(pkg);
    tarballs[pkg.name] = packPackage(pkg, destination).tarball;
  }
  project.provide('tarballs', tarballs);
  return () => rmSync(destination, { recursive: true, force: true });
}
