/**
 * Codegen imports core through `@agnes/errors/define`, the entry without the
 * Agnes catalog, so codegen itself does not evaluate the catalog's entries. A
 * registry that imports the root entry still does.
 */
import path from 'node:path';
import * as root from '@agnes/errors';
import * as defineEntry from '@agnes/errors/define';
import { describe, expect, it } from 'vitest';
import { runProcess } from './support/cli.ts';
import { defaultSpec, writeFixtureProject } from './support/fixture-project.ts';
import { CLI_BIN, CODEGEN_DIR } from './support/paths.ts';
import { useTempDirs } from './support/temp-dir.ts';

const tempDir = useTempDirs('define-entry');
const RECORDER = path.join(CODEGEN_DIR, 'test', 'support', 'record-modules.ts');
const CATALOG_MODULE = /\/packages\/core\/src\/catalog\//;

/** Runs the CLI with the module recorder and returns the URLs of the modules that its main thread loaded. */
async function modulesLoadedByGenerate(coreEntry: '@agnes/errors' | '@agnes/errors/define'): Promise<string[]> {
  const project = await writeFixtureProject(await tempDir(), { ...defaultSpec(), coreEntry });
  const result = await runProcess(process.execPath, ['--import', RECORDER, CLI_BIN, 'generate', '--config', project.config], project.dir);
  const lines = result.stderr.split('\n').filter((item) => item.startsWith('loaded modules: '));
  expect(result.exitCode).toBe(0);
  expect(lines).toHaveLength(1);
  const line = lines[0]!;
  return JSON.parse(line.slice('loaded modules: '.length)) as string[];
}

describe('@agnes/errors/define', () => {
  it('exports the root values except the catalog', () => {
    const rootNames = Object.keys(root).filter((name) => name !== 'agnesRegistry');

    expect(Object.keys(defineEntry).sort()).toEqual(rootNames.sort());
    for (const name of rootNames) expect(defineEntry[name as keyof typeof defineEntry], name).toBe(root[name as keyof typeof root]);
  });
});

describe('generate', () => {
  it('loads no catalog module for a registry on the define entry', async () => {
    const loaded = await modulesLoadedByGenerate('@agnes/errors/define');

    expect(loaded.some((url) => url.endsWith('/src/registry.ts'))).toBe(true);
    expect(loaded.filter((url) => CATALOG_MODULE.test(url))).toEqual([]);
  });

  it('loads the catalog when the registry imports the root entry', async () => {
    const loaded = await modulesLoadedByGenerate('@agnes/errors');

    expect(loaded.some((url) => CATALOG_MODULE.test(url))).toBe(true);
  });
});
