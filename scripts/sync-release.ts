/**
 * Second step of `pnpm release:version`, after `changeset version` has bumped the packages and
 * written their changelogs. It sets the registry version of the Agnes catalog to the new version
 * of @agnes/errors, regenerates every artifact, and copies the new contract.json to the baseline
 * that the contract bump gate compares with.
 *
 * Usage: pnpm release:version   (runs `changeset version`, then this script)
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CONTRACT_SNAPSHOTS, setRegistryVersion, WORKSPACE_ROOT } from '@agnes/release-check';

const corePackage = JSON.parse(readFileSync(path.join(WORKSPACE_ROOT, 'packages', 'core', 'package.json'), 'utf8')) as { version: string };
const catalogIndex = path.join(WORKSPACE_ROOT, 'packages', 'core', 'src', 'catalog', 'index.ts');

writeFileSync(catalogIndex, setRegistryVersion(readFileSync(catalogIndex, 'utf8'), corePackage.version));
execFileSync('pnpm', ['run', 'generate'], { cwd: WORKSPACE_ROOT, stdio: 'inherit' });
copyFileSync(path.join(WORKSPACE_ROOT, CONTRACT_SNAPSHOTS.current), path.join(WORKSPACE_ROOT, CONTRACT_SNAPSHOTS.baseline));

console.log(`release: set the registry version to ${corePackage.version} and copied its contract snapshot to ${CONTRACT_SNAPSHOTS.baseline}`);
