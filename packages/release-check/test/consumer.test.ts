/**
 * A consumer project outside the workspace: the packed tarballs installed with npm, an ESM and a
 * CommonJS consumer type-checked with the workspace's tsc, then run on Node 24 and on Node 20.
 * A third consumer mixes the server package's two builds in one process.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { agnesRegistry } from '@agnes/errors';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { currentNode24, findNode20 } from './support/node-versions.ts';
import { createScratchProject } from './support/scratch-project.ts';

const SOURCES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'consumer-project');
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** What both consumers print on every Node version; the catalog facts come from the workspace sources. */
const EXPECTED_OUTPUT = {
  codes: Object.keys(agnesRegistry.entries).length,
  schemaHasCode: true,
  tombstones: agnesRegistry.tombstones.map((tombstone) => tombstone.code).sort(),
  status: 401,
  errorClass: 'AuthenticationError',
  isAuthenticationError: true,
  code: 'session_expired',
  deprecatedNotices: ['session_expired->token_expired'],
  adapters: ['function', 'function', 'function', 'function'],
  unknownCode: 'no_such_code',
};

/**
 * What the mixed-builds consumer prints: an error thrown by the CommonJS build is not an instance of
 * the ESM class, yet the ESM renderer and Fastify adapter send it with its own code and status.
 */
const MIXED_BUILDS_OUTPUT = {
  instanceOfEsmClass: false,
  isContractError: true,
  renderer: { status: 403, code: 'forbidden' },
  fastify: { status: 403, code: 'forbidden' },
};

let dir = '';
let typecheck: { status: number | null; output: string };

beforeAll(() => {
  dir = createScratchProject(inject('tarballs'), SOURCES);
  const result = spawnSync(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: dir, encoding: 'utf8' });
  typecheck = { status: result.status, output: result.stdout + result.stderr };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('consumer project', () => {
  it('lives outside the workspace', () => {
    expect(path.relative(path.resolve(SOURCES, '../../../..'), dir).startsWith('..')).toBe(true);
  });

  it('type-checks with tsc', () => {
    expect(typecheck.output).toBe('');
    expect(typecheck.status).toBe(0);
  });
});

const runtimes = [
  ['Node 24', currentNode24()],
  ['Node 20', findNode20()],
] as const;

describe.each(runtimes)('consumer on %s', (_label, node) => {
  it.each(['out/consumer.mjs', 'out/consumer.cjs'])('runs %s', (file) => {
    const stdout = execFileSync(node, [file], { cwd: dir, encoding: 'utf8' });
    expect(JSON.parse(stdout)).toEqual(EXPECTED_OUTPUT);
  });

  it('sends a CommonJS error through the ESM renderer', () => {
    const stdout = execFileSync(node, ['out/mixed-builds.mjs'], { cwd: dir, encoding: 'utf8' });
    expect(JSON.parse(stdout)).toEqual(MIXED_BUILDS_OUTPUT);
  });
});
