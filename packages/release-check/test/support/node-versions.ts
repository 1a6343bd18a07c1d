/** The Node versions that the consumer test runs on: the workspace's Node 24 and the machine's Node 20. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { WORKSPACE_ROOT } from '../../src/index.ts';

/** Places where Debian, the official installers and CI images put the system Node. */
const SYSTEM_NODE_PATHS = ['/usr/bin/node', '/usr/local/bin/node'];

function majorOf(node: string): number {
  return Number(execFileSync(node, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).trim());
}

/** Returns the Node 20 binary of the machine, from PATH outside the workspace's `.tools`, or a system path. */
export function findNode20(): string {
  const toolsDir = path.join(WORKSPACE_ROOT, '.tools');
  const fromPath = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((dir) => dir !== '' && !path.resolve(dir).startsWith(toolsDir) && !dir.includes('node_modules'))
    .map((dir) => path.join(dir, 'node'));
  const candidates = [...new Set([...fromPath, ...SYSTEM_NODE_PATHS])].filter((file) => existsSync(file));
  const node20 = candidates.find((file) => majorOf(file) === 20);
  if (!node20) {
    throw new Error(
      `No Node 20 found (looked at ${candidates.join(', ') || 'no node binary'}); install the machine's Node 20, such as Debian's nodejs package, to run the consumer test on it`,
    );
  }
  return node20;
}

/** Returns the Node that runs the tests, which must be Node 24. */
export function currentNode24(): string {
  const major = majorOf(process.execPath);
  if (major !== 24) throw new Error(`The tests run on Node ${major}; source scripts/env.sh to run them on the workspace's Node 24`);
  return process.execPath;
}
