/** `needsBuild` decides from modification times whether the global setup must rebuild a package. */
import { statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPackage, needsBuild, PUBLISHED_PACKAGES, WORKSPACE_ROOT } from '../src/index.ts';

const core = PUBLISHED_PACKAGES.find((pkg) => pkg.name === '@agnes/errors')!;

describe('needsBuild', () => {
  it('is false right after a build', () => {
    buildPackage(core);
    expect(needsBuild(core)).toBe(false);
  });

  it('is true after a source changes', () => {
    const source = path.join(WORKSPACE_ROOT, core.dir, 'src', 'template.ts');
    const { atime, mtime } = statSync(source);
    const later = new Date(statSync(path.join(WORKSPACE_ROOT, core.dir, 'dist', 'esm', 'index.js')).mtimeMs + 1_000);
    utimesSync(source, later, later);
    try {
      expect(needsBuild(core)).toBe(true);
    } finally {
      utimesSync(source, atime, mtime);
    }
  });
});
