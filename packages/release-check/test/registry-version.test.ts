/** `setRegistryVersion` on the real catalog index and on sources it must reject. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { setRegistryVersion, WORKSPACE_ROOT } from '../src/index.ts';

const catalogIndex = readFileSync(path.join(WORKSPACE_ROOT, 'packages', 'core', 'src', 'catalog', 'index.ts'), 'utf8');

describe('setRegistryVersion', () => {
  it('rewrites the catalog version', () => {
    const updated = setRegistryVersion(catalogIndex, '7.8.9');

    expect(updated).toContain("  version: '7.8.9',\n");
    expect(updated.split('\n').filter((line, index) => line !== catalogIndex.split('\n')[index])).toEqual(["  version: '7.8.9',"]);
  });

  it.each([
    ['no version line', 'export const registry = defineRegistry({ domains: [] });', 'found 0'],
    ['two version lines', "  version: '1.0.0',\n  version: '1.0.0',\n", 'found 2'],
  ])('rejects %s', (_name, source, message) => {
    expect(() => setRegistryVersion(source, '2.0.0')).toThrow(message);
  });
});
