/**
 * `agnes-errors diff`: text and JSON output, exit codes and bad input. The text output runs the
 * real bin in a child process; the tables call the CLI's `main` in process, which is faster.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main, type ContractDiff, type ContractSnapshot } from '../../src/index.ts';
import { codeOf, edited, realContract, removeCode } from './snapshot-edits.ts';

const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/agnes-errors.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'agnes-diff-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: ContractSnapshot | string): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

function spawnCli(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, 'diff', ...args], { cwd: dir, encoding: 'utf8' });
  return { exitCode: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function cli(...args: string[]) {
  const stdout = collect();
  const stderr = collect();
  const exitCode = await main(['diff', ...args], stdout.stream, stderr.stream);
  return { exitCode, stdout: stdout.text(), stderr: stderr.text() };
}

function collect() {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.setEncoding('utf8').on('data', (chunk: string) => chunks.push(chunk));
  return { stream, text: () => chunks.join('') };
}

const base = write('base.json', realContract);
const changed = write(
  'changed.json',
  edited((s) => {
    removeCode(s, 'token_expired');
    codeOf(s, 'invalid_api_key').deprecated = { since: '0.2.0', replacement: 'unauthenticated' };
    codeOf(s, 'forbidden').docsDigest = `sha256:${'3'.repeat(64)}`;
  }),
);
const docsOnly = write('docs-only.json', edited((s) => void (codeOf(s, 'forbidden').docsDigest = `sha256:${'4'.repeat(64)}`)));

describe('diff text output', () => {
  const { exitCode, stdout } = spawnCli(base, changed);
  const lines = stdout.trimEnd().split('\n');

  it('exits 0 without --fail-on', () => {
    expect(exitCode).toBe(0);
  });

  it('summarizes the required bump', () => {
    expect(lines[0]).toBe(`Contract changes from ${realContract.version} to ${realContract.version} need a major release (1 major, 1 minor, 1 patch):`);
  });

  it('lists the most severe change first', () => {
    expect(lines.slice(2).map((line) => line.split(/\s+/, 2).join(' '))).toEqual(['major code-removed', 'minor code-deprecated', 'patch docs-changed']);
  });

  it('prints each reason', () => {
    expect(lines[2]).toContain('Code "token_expired" (401) was removed');
  });
});

describe('diff JSON output', () => {
  it('has the bump and every change', async () => {
    const { exitCode, stdout } = await cli(base, changed, '--json');
    const diff = JSON.parse(stdout) as ContractDiff;
    expect(exitCode).toBe(0);
    expect(diff.bump).toBe('major');
    expect(diff.changes.map((change) => change.path)).toEqual(['codes.token_expired', 'codes.invalid_api_key.deprecated', 'codes.forbidden.docsDigest']);
  });

  it('reports no change as none', async () => {
    const diff = JSON.parse((await cli(base, base, '--json')).stdout) as ContractDiff;
    expect(diff).toMatchObject({ bump: 'none', changes: [] });
  });
});

describe('diff --fail-on', () => {
  const table = [
    { name: 'major change, fail on major', files: [base, changed], failOn: 'major', exitCode: 1 },
    { name: 'major change, fail on patch', files: [base, changed], failOn: 'patch', exitCode: 1 },
    { name: 'docs change, fail on minor', files: [base, docsOnly], failOn: 'minor', exitCode: 0 },
    { name: 'docs change, fail on patch', files: [base, docsOnly], failOn: 'patch', exitCode: 1 },
    { name: 'no change, fail on patch', files: [base, base], failOn: 'patch', exitCode: 0 },
  ];
  it.each(table.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    expect((await cli(...c.files, '--fail-on', c.failOn)).exitCode).toBe(c.exitCode);
  });
});

describe('diff bad input', () => {
  const table = [
    { name: 'one file', args: [base], exitCode: 2, message: 'diff takes two snapshot files, OLD and NEW, but got 1' },
    { name: 'unknown bump', args: [base, base, '--fail-on', 'huge'], exitCode: 2, message: '--fail-on "huge" is not a bump; use major, minor or patch' },
    { name: 'missing file', args: [base, path.join(dir, 'missing.json')], exitCode: 1, message: 'Cannot read contract snapshot' },
    { name: 'not JSON', args: [base, write('broken.json', '{"codes": [')], exitCode: 1, message: 'is not valid JSON' },
    {
      name: 'other format',
      args: [write('future.json', { ...realContract, formatVersion: 2 } as unknown as ContractSnapshot), base],
      exitCode: 1,
      message: 'has formatVersion 2, but this agnes-errors compares format 1',
    },
    {
      name: 'OpenAPI file instead of a snapshot',
      args: [write('openapi.json', '{"openapi": "3.1.0", "components": {}}'), base],
      exitCode: 1,
      message: 'is not a contract snapshot (it has no "formatVersion")',
    },
    {
      name: 'malformed code entry',
      args: [base, write('bad-params.json', edited((s) => void ((codeOf(s, 'forbidden') as { publicParams: unknown }).publicParams = 'x')))],
      exitCode: 1,
      message: 'has an invalid "publicParams" ("x")',
    },
  ];
  it.each(table.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const result = await cli(...c.args);
    expect(result.exitCode).toBe(c.exitCode);
    expect(result.stderr).toContain(c.message);
    expect(result.stdout).toBe('');
  });
});
