/**
 * Each published package as packed: publint and arethetypeswrong report nothing, the manifest
 * points every export condition at files in the tarball with types of the same module format,
 * the tarball holds only what users need, and the relative links of its Markdown files point to
 * files and headings in it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { checkPackage, createPackageFromTarballData } from '@arethetypeswrong/core';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { describe, expect, inject, it } from 'vitest';
import { PUBLISHED_PACKAGES } from '../src/index.ts';
import { brokenLinksOf } from './support/packed-links.ts';

const tarballs = inject('tarballs');

/** Lists the files of a tarball without the leading `package/`. */
function filesOf(tarball: string): string[] {
  return execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.replace(/^package\//, ''))
    .sort();
}

function manifestOf(tarball: string): Record<string, any> {
  return JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }));
}

/** Returns the text of each Markdown file in a tarball, by its path in the package. */
function markdownOf(tarball: string, files: string[]): Map<string, string> {
  const markdownFiles = files.filter((file) => file.endsWith('.md'));
  return new Map(markdownFiles.map((file) => [file, execFileSync('tar', ['-xzOf', tarball, `package/${file}`], { encoding: 'utf8' })]));
}

type Conditions = { import: { types: string; default: string }; require: { types: string; default: string } };

describe.each(PUBLISHED_PACKAGES.map((pkg) => [pkg.name, pkg] as const))('%s as packed', (name, pkg) => {
  const tarball = tarballs[name]!;
  const data = readFileSync(tarball);
  const files = filesOf(tarball);
  const manifest = manifestOf(tarball);

  it('passes publint', async () => {
    const tarballData = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
    const result = await publint({ pack: { tarball: tarballData }, level: 'suggestion', strict: true });

    expect(result.messages.map((message) => `${message.type}: ${formatMessage(message, result.pkg, { color: false })}`)).toEqual([]);
  });

  it('passes arethetypeswrong', async () => {
    const analysis = await checkPackage(createPackageFromTarballData(new Uint8Array(data)));

    expect('problems' in analysis ? analysis.problems : analysis).toEqual([]);
  });

  it('is public and free of side effects', () => {
    expect(manifest.private).toBeUndefined();
    expect(manifest.publishConfig?.access).toBe('public');
    expect(manifest.sideEffects).toBe(false);
  });

  it('lists its files explicitly', () => {
    expect(Array.isArray(manifest.files)).toBe(true);
    expect(manifest.files).not.toContain('src');
  });

  it('depends on no workspace range', () => {
    const ranges = Object.values({ ...manifest.dependencies, ...manifest.peerDependencies }) as string[];
    expect(ranges.filter((range) => range.startsWith('workspace:'))).toEqual([]);
  });

  it('ships no tests, sources or maps', () => {
    const clutter = files.filter((file) => /(^|\/)(test|tests|__tests__)\/|\.test\.|\.map$|^src\/|^tsconfig|^vitest/.test(file));
    expect(clutter).toEqual([]);
  });

  it('ships the files and headings that its Markdown links to', () => {
    const markdownByFile = markdownOf(tarball, files);

    expect([...markdownByFile.keys()]).toContain('README.md');
    expect(brokenLinksOf(markdownByFile, files)).toEqual([]);
  });

  it.each(pkg.codeEntries)('exports %s as ESM and CommonJS with types', (entry) => {
    const conditions = manifest.exports[entry] as Conditions;

    expect(Object.keys(conditions)).toEqual(['import', 'require']);
    expect(Object.keys(conditions.import)).toEqual(['types', 'default']);
    expect(Object.keys(conditions.require)).toEqual(['types', 'default']);
    for (const target of [conditions.import.types, conditions.import.default, conditions.require.types, conditions.require.default]) {
      expect(files).toContain(target.replace(/^\.\//, ''));
    }
    expect(conditions.import.default).toMatch(/^\.\/dist\/esm\//);
    expect(conditions.require.default).toMatch(/^\.\/dist\/cjs\//);
  });

  it('marks the CommonJS folder as CommonJS', () => {
    const nested = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/dist/cjs/package.json'], { encoding: 'utf8' }));
    expect(manifest.type).toBe('module');
    expect(nested).toEqual({ type: 'commonjs' });
  });
});

describe('packed link check', () => {
  const markdownByFile = new Map([
    ['README.md', '# Pkg\n\nSee [options](docs/guide.md#options), [limits](#limits) and [gone](docs/gone.md).\n\n## Limits\n'],
    ['docs/guide.md', '# Guide\n\n## Options\n\nBack to the [README](../README.md#missing-heading).\n'],
  ]);

  it('reports missing files and broken anchors', () => {
    expect(brokenLinksOf(markdownByFile, ['README.md', 'docs/guide.md', 'package.json'])).toEqual([
      'README.md -> docs/gone.md',
      'docs/guide.md -> README.md#missing-heading',
    ]);
  });
});

describe('@agnes/errors JSON exports', () => {
  const manifest = manifestOf(tarballs['@agnes/errors']!);
  const files = filesOf(tarballs['@agnes/errors']!);

  it.each(['schema', 'openapi', 'contract'])('ships %s.json', (name) => {
    expect(manifest.exports[`./${name}.json`]).toBe(`./generated/${name}.json`);
    expect(files).toContain(`generated/${name}.json`);
  });
});
