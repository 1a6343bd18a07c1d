/**
 * Deprecation and retirement as the artifacts show them: a tombstoned code fails the build
 * through the real CLI, and the deprecated catalog code is marked in OpenAPI and kept by the SDKs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { agnesRegistry, lookupsOf } from '@agnes/errors';
import { afterAll, describe, expect, it } from 'vitest';

const CODEGEN_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PACKAGES_DIR = path.resolve(CODEGEN_DIR, '..');
const CORE_SRC = path.join(PACKAGES_DIR, 'core', 'src');

const tombstone = agnesRegistry.tombstones[0]!;
const deprecatedCodes = [...lookupsOf(agnesRegistry).entryByCode].filter(([, entry]) => entry.deprecated).map(([code]) => code);

describe('tombstoned code defined again', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'agnes-tombstone-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // The whole Agnes catalog plus one new entry that takes the tombstoned code.
  writeFileSync(
    path.join(dir, 'registry.ts'),
    [
      `import { agnesRegistry, defineRegistry } from ${JSON.stringify(pathToFileURL(path.join(CORE_SRC, 'index.ts')).href)};`,
      `const { forbidden } = agnesRegistry.entries;`,
      `export const registry = defineRegistry({`,
      `  version: agnesRegistry.version,`,
      `  domains: [agnesRegistry.entries, { ${JSON.stringify(tombstone.code)}: { ...forbidden, since: '0.2.0' } }],`,
      `  families: agnesRegistry.families,`,
      `  tombstones: agnesRegistry.tombstones,`,
      `});`,
    ].join('\n'),
  );
  writeFileSync(
    path.join(dir, 'agnes-errors.config.json'),
    JSON.stringify({ registry: './registry.ts', export: 'registry', types: [path.join(CORE_SRC, 'catalog', '*.ts')], outputs: { contract: './contract.json' } }),
  );
  const result = spawnSync(process.execPath, [path.join(CODEGEN_DIR, 'bin', 'agnes-errors.js'), 'generate', '--config', 'agnes-errors.config.json'], {
    cwd: dir,
    encoding: 'utf8',
  });

  it('fails the build', () => {
    expect(result.status).toBe(1);
  });

  it('names the code and the version', () => {
    expect(result.stderr).toContain(`${tombstone.code} (code): is on the tombstone list (removed in ${tombstone.removedIn}) and can never be reused`);
  });

  it('writes no file', () => {
    expect(existsSync(path.join(dir, 'contract.json'))).toBe(false);
  });
});

describe('deprecated catalog code in the artifacts', () => {
  const openapi = JSON.parse(readFileSync(path.join(PACKAGES_DIR, 'core', 'generated', 'openapi.json'), 'utf8'));
  const schemas = openapi.components.schemas as Record<string, { deprecated?: boolean; properties?: { code?: { const?: string } } }>;
  const deprecatedSchemas = Object.values(schemas).filter((schema) => schema.deprecated === true);
  const typescriptSdk = readFileSync(path.join(PACKAGES_DIR, 'sdk', 'src', 'generated', 'errors.ts'), 'utf8');
  const pythonSdk = readFileSync(path.join(PACKAGES_DIR, 'sdk-python', 'src', 'agnes', '_errors.py'), 'utf8');

  it('has one deprecated code', () => {
    expect(deprecatedCodes).toEqual(['session_expired']);
  });

  it('marks only its OpenAPI schema deprecated', () => {
    expect(deprecatedSchemas.map((schema) => schema.properties?.code?.const)).toEqual(deprecatedCodes);
  });

  it.each(deprecatedCodes)('TypeScript SDK keeps the class of %s', (code) => {
    const sdkClass = lookupsOf(agnesRegistry).sdkClassByCode.get(code)!.typescript;
    expect(typescriptSdk).toContain(`  ['${code}', ${sdkClass}, `);
    expect(typescriptSdk).toMatch(new RegExp(`@deprecated use \`${agnesRegistry.entries.session_expired.deprecated.replacement}\` instead\\n\\s+\\*/\\n\\s+${code}:`));
  });

  it.each(deprecatedCodes)('Python SDK keeps the class of %s', (code) => {
    const sdkClass = lookupsOf(agnesRegistry).sdkClassByCode.get(code)!.python;
    expect(pythonSdk).toMatch(new RegExp(`"${code}": CodeSpec\\(status=\\d+, error_class=${sdkClass},`));
  });
});
