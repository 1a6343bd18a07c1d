/**
 * The real changesets config on a copy of every workspace manifest: a contract change versions
 * the fixed group together, and no private package is ever versioned.
 */
import { globSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getReleasePlan } from '@changesets/get-release-plan';
import { afterAll, describe, expect, it } from 'vitest';
import { PUBLISHED_PACKAGES, WORKSPACE_ROOT } from '../src/index.ts';

const root = mkdtempSync(path.join(os.tmpdir(), 'agnes-release-plan-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const manifests = ['package.json', 'pnpm-workspace.yaml', '.changeset/config.json', ...globSync('{packages,apps}/*/package.json', { cwd: WORKSPACE_ROOT })];
for (const file of manifests) {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), readFileSync(path.join(WORKSPACE_ROOT, file)));
}
writeFileSync(path.join(root, '.changeset', 'remove-code.md'), '---\n"@agnes/errors": major\n---\n\nA sentence for the changelog.\n');

const privateNames = manifests
  .filter((file) => file.endsWith('package.json') && file.includes('/'))
  .map((file) => JSON.parse(readFileSync(path.join(root, file), 'utf8')) as { name: string; private?: boolean })
  .filter((manifest) => manifest.private)
  .map((manifest) => manifest.name);
const plan = await getReleasePlan(root);
// Dependents that are not versioned appear in the plan with the type `none`.
const versioned = plan.releases.filter((release) => release.type !== 'none');
const typeOf = (name: string) => plan.releases.find((release) => release.name === name)?.type;

describe('release plan of a major contract change', () => {
  it('bumps the fixed group together', () => {
    expect(typeOf('@agnes/errors')).toBe('major');
    expect(typeOf('@agnes/sdk')).toBe('major');
  });

  it('versions only published packages', () => {
    const published = PUBLISHED_PACKAGES.map((pkg) => pkg.name);
    expect(versioned.map((release) => release.name).filter((name) => !published.includes(name))).toEqual([]);
  });

  it('leaves every private package alone', () => {
    expect(privateNames.length).toBeGreaterThan(0);
    expect(versioned.filter((release) => privateNames.includes(release.name))).toEqual([]);
  });
});
