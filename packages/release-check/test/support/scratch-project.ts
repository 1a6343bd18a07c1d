/**
 * A scratch project outside the workspace that installs the packed tarballs the way a user would:
 * `npm install` of the tarballs of `@agnes/errors` and `@agnes/sdk`, offline and with an empty npm
 * cache, so nothing can come from the registry.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WORKSPACE_ROOT } from '../../src/index.ts';

/**
 * Runtime and type dependencies of `@agnes/errors-server` and its optional peers. npm would fetch
 * them from the registry, so they are linked from the workspace's store instead, which keeps the
 * test offline.
 */
const LINKED_FROM_SERVER = ['pino', 'ajv', 'ajv-formats', 'fastify', 'express', '@types/express', 'hono'];

/** Creates the project, installs the tarballs and copies the consumer sources; returns its directory. */
export function createScratchProject(tarballs: Record<string, string>, sources: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'agnes-consumer-'));
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'agnes-consumer', version: '1.0.0', private: true }, null, 2)}\n`);

  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--cache', path.join(dir, '.npm-cache'), tarballs['@agnes/errors']!, tarballs['@agnes/sdk']!], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });

  // NOTE: the server tarball is unpacked rather than installed, because npm --offline cannot fetch pino.
  const serverDir = path.join(dir, 'node_modules', '@agnes', 'errors-server');
  mkdirSync(serverDir, { recursive: true });
  execFileSync('tar', ['-xzf', tarballs['@agnes/errors-server']!, '-C', serverDir, '--strip-components=1']);
  const links = [
    ...LINKED_FROM_SERVER.map((name) => [name, path.join(WORKSPACE_ROOT, 'packages', 'server', 'node_modules', name)] as const),
    ['@types/node', path.join(WORKSPACE_ROOT, 'node_modules', '@types', 'node')] as const,
  ];
  for (const [name, link] of links) {
    const source = realpathSync(link);
    const target = path.join(dir, 'node_modules', name);
    mkdirSync(path.dirname(target), { recursive: true });
    symlinkSync(source, target, 'dir');
  }

  cpSync(sources, dir, { recursive: true });
  return dir;
}
