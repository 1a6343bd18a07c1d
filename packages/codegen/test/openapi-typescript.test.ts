/**
 * openapi-typescript 7.13.0 turns the committed openapi.json into types that
 * compile, and those types narrow the envelope union by `code`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { responseNameOf, type ContractSnapshot } from '../src/index.ts';
import { runProcess } from './support/cli.ts';
import { CATALOG_CHECKS, FAILING_CHECK, expectedTypeOf, narrowingSource } from './support/narrowing-source.ts';
import { BIN_DIR, GENERATED } from './support/paths.ts';
import type { OpenApiDocument } from './support/render.ts';
import { useTempDirs } from './support/temp-dir.ts';

const tempDir = useTempDirs('openapi-ts');

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noEmit: true,
    types: [],
    skipLibCheck: false,
  },
  files: ['narrowing.ts'],
};

/** Runs the workspace's tsc on a project directory. */
function tsc(dir: string) {
  return runProcess(path.join(BIN_DIR, 'tsc'), ['-p', path.join(dir, 'tsconfig.json'), '--pretty', 'false'], dir);
}

describe('openapi-typescript types of openapi.json', () => {
  let dir: string;
  let narrowing: string;
  beforeAll(async () => {
    dir = await tempDir();
    const generated = await runProcess(path.join(BIN_DIR, 'openapi-typescript'), [GENERATED.openapi, '--output', path.join(dir, 'openapi.d.ts')], dir);
    if (generated.exitCode !== 0) throw new Error(`openapi-typescript failed:\n${generated.stderr}`);

    const contract = JSON.parse(await readFile(GENERATED.contract, 'utf8')) as ContractSnapshot;
    const openapi = JSON.parse(await readFile(GENERATED.openapi, 'utf8')) as OpenApiDocument;
    const codesByResponse: Record<string, string[]> = {};
    for (const code of contract.codes) (codesByResponse[responseNameOf(code.status)] ??= []).push(code.code);
    narrowing = narrowingSource(contract, openapi.components.responses, codesByResponse) + CATALOG_CHECKS;

    await writeFile(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    await writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG));
  });

  it('compile, and switch (error.code) narrows every code', async () => {
    await writeFile(path.join(dir, 'narrowing.ts'), narrowing);

    const result = await tsc(dir);

    expect(result.stdout).toBe('');
    expect(result.exitCode).toBe(0);
  });

  it('fail to compile with a wrong param type', async () => {
    await writeFile(path.join(dir, 'narrowing.ts'), narrowing + FAILING_CHECK);

    const result = await tsc(dir);

    expect(result.exitCode).not.toBe(0);
    expect(result.stdout).toMatch(/narrowing\.ts\(\d+,\d+\): error TS2344/);
  });
});

describe('expected param types', () => {
  const cases: { name: string; schema: Record<string, unknown>; want: string | undefined }[] = [
    { name: 'integer', schema: { type: 'integer', minimum: 0 }, want: 'number' },
    { name: 'string enum', schema: { type: 'string', enum: ['a', 'b'] }, want: '"a" | "b"' },
    { name: 'string array', schema: { type: 'array', items: { type: 'string' } }, want: '(string)[]' },
    { name: 'object array', schema: { type: 'array', items: { type: 'object' } }, want: undefined },
  ];

  it.each(cases)('$name', ({ schema, want }) => {
    expect(expectedTypeOf(schema)).toBe(want);
  });
});
