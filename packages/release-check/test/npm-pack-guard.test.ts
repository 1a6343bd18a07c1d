/**
 * npm ignores publishConfig, so its tarball of a workspace package would point
 * "exports" at TypeScript sources. Each published package's prepack script
 * rejects npm and lets pnpm through.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PUBLISHED_PACKAGES, WORKSPACE_ROOT } from '../src/index.ts';

const GUARD = path.join(WORKSPACE_ROOT, 'scripts', 'require-pnpm-pack.mjs');

function runGuard(userAgent: string) {
  const env = { ...process.env, npm_config_user_agent: userAgent };
  return spawnSync(process.execPath, [GUARD], { env, encoding: 'utf8' });
}

describe('prepack guard', () => {
  it('rejects npm with a message naming pnpm pack', () => {
    const result = runGuard('npm/11.19.1 node/v24.21.0 linux x64');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Packing with "npm/11.19.1" is not supported');
    expect(result.stderr).toContain('Use "pnpm pack" or "pnpm publish"');
  });

  it('lets pnpm through', () => {
    const result = runGuard('pnpm/10.34.9 npm/? node/v24.21.0 linux x64');
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
  });

  it.each(PUBLISHED_PACKAGES.map((pkg) => [pkg.name, pkg] as const))('runs before %s is packed', async (_name, pkg) => {
    const { default: manifest } = await import(path.join(WORKSPACE_ROOT, pkg.dir, 'package.json'), { with: { type: 'json' } });
    expect(manifest.scripts.prepack).toBe('node ../../scripts/require-pnpm-pack.mjs');
  });
});
