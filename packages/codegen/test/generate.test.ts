/**
 * `generate` and the CLI around it: the files that the worker-based run writes
 * equal an in-process render, and the CLI keeps Node's compile cache for its
 * own modules, the registry and the TypeScript compiler in its worker.
 */
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate, loadConfig, loadRegistry, renderOutputs, TARGET_NAMES } from '../src/index.ts';
import { runProcess } from './support/cli.ts';
import { defaultSpec, writeFixtureProject, type FixtureProject } from './support/fixture-project.ts';
import { CLI_BIN } from './support/paths.ts';
import { useTempDirs } from './support/temp-dir.ts';

const tempDir = useTempDirs('generate');

/** Writes the default fixture with a config that names every target. */
async function projectWithEveryTarget(): Promise<FixtureProject & { configText: string }> {
  const dir = await tempDir();
  const extensions: Record<string, string> = { 'sdk-typescript': 'ts', 'sdk-python': 'py' };
  const outputs = Object.fromEntries(TARGET_NAMES.map((name) => [name, `./out/${name}.${extensions[name] ?? 'json'}`]));
  const configText = JSON.stringify({ registry: './src/registry.ts', types: ['./src/*.ts'], command: 'agnes-errors generate', outputs });
  const project = await writeFixtureProject(dir, defaultSpec());
  await writeFile(project.config, configText);
  return { ...project, configText };
}

/** Runs the CLI on a project with extra environment variables and an empty temp dir of its own. */
async function runCliWithTempDir(project: FixtureProject, env: Record<string, string>) {
  const tmp = await tempDir();
  const { NODE_COMPILE_CACHE: _inherited, ...baseEnv } = process.env;
  const result = await runProcess(process.execPath, [CLI_BIN, 'generate', '--config', project.config], project.dir, { ...baseEnv, TMPDIR: tmp, ...env });
  return { result, tmp };
}

/** Returns the size in bytes of the largest file under a directory. */
async function largestFileSize(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const sizes = await Promise.all(entries.filter((entry) => entry.isFile()).map(async (entry) => (await stat(path.join(entry.parentPath, entry.name))).size));
  return Math.max(0, ...sizes);
}

describe('generate', () => {
  it('writes what renderOutputs renders', async () => {
    const project = await projectWithEveryTarget();
    const config = await loadConfig(project.config);

    const { files } = await generate(config);
    const rendered = renderOutputs(await loadRegistry(config.registry, config.exportName), config);

    expect(files.map((file) => file.path)).toEqual(Object.values(config.outputs));
    expect(rendered.map((file) => file.path)).toEqual(Object.values(config.outputs));
    for (const [index, file] of rendered.entries()) {
      expect(await readFile(file.path, 'utf8'), file.path).toBe(file.content);
      expect(files[index]!.content, file.path).toBe(file.content);
    }
  });
});

describe('CLI compile cache', () => {
  it('caches the CLI, registry and compiler modules', async () => {
    const project = await projectWithEveryTarget();

    const { result, tmp } = await runCliWithTempDir(project, { NODE_DEBUG_NATIVE: 'COMPILE_CACHE' });

    expect(result.exitCode).toBe(0);
    expect(await readdir(tmp)).toEqual(['node-compile-cache']);
    expect(result.stderr).toMatch(/saving transpilation cache for StrippedTypeScript \S*\/codegen\/src\/cli\.ts/);
    expect(result.stderr).toMatch(/saving transpilation cache for StrippedTypeScript \S*\/src\/registry\.ts/);
    // The worker's entry for TypeScript's 9 MB compiler is the only one above 1 MiB. The debug log
    // cannot show it reliably, because the two threads' lines interleave on stderr.
    expect(await largestFileSize(path.join(tmp, 'node-compile-cache'))).toBeGreaterThan(2 ** 20);
  });

  it('is off with NODE_DISABLE_COMPILE_CACHE', async () => {
    const project = await projectWithEveryTarget();

    const { result, tmp } = await runCliWithTempDir(project, { NODE_DISABLE_COMPILE_CACHE: '1' });

    expect(result.exitCode).toBe(0);
    expect(await readdir(tmp)).toEqual([]);
  });

  it('writes the same files with a warm cache', async () => {
    const project = await projectWithEveryTarget();
    const cache = await tempDir();
    const run = async () => {
      const result = await runProcess(process.execPath, [CLI_BIN, 'generate', '--config', project.config], project.dir, { ...process.env, NODE_COMPILE_CACHE: cache });
      expect(result.exitCode).toBe(0);
      const outputs = Object.values((await loadConfig(project.config)).outputs);
      return Promise.all(outputs.map((file) => readFile(file, 'utf8')));
    };

    const cold = await run();
    const warm = await run();

    expect(warm).toEqual(cold);
  });
});
