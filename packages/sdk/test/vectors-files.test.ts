/** The vector files follow their schema, and the generated one matches what codegen renders now. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { loadConfig, loadRegistry, renderOutputs } from '@agnes/codegen';
import { describe, expect, it } from 'vitest';
import { CONFORMANCE_DIR, loadVectorFile } from './support/vectors.ts';

const schema = JSON.parse(readFileSync(`${CONFORMANCE_DIR}vectors.schema.json`, 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats.default(ajv);
const validate = ajv.compile(schema);

describe.each(['vectors.generated.json', 'vectors.hostile.json'])('%s', (name) => {
  const file = loadVectorFile(name);

  it('matches vectors.schema.json', () => {
    const valid = validate(file);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('has unique ids', () => {
    const ids = file.vectors.map((vector) => vector.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has delay bounds with min <= max', () => {
    for (const { expected } of file.vectors) {
      if (expected.retry.retry) expect(expected.retry.delayMs.min).toBeLessThanOrEqual(expected.retry.delayMs.max);
    }
  });
});

describe('generated files', () => {
  it('match a fresh render of the registry', async () => {
    const config = await loadConfig(fileURLToPath(new URL('../agnes-errors.config.json', import.meta.url)));
    const registry = await loadRegistry(config.registry, config.exportName);
    const files = renderOutputs(registry, config);
    expect(files.map((file) => file.path).sort()).toEqual(Object.values(config.outputs).sort());
    for (const file of files) {
      expect(readFileSync(file.path, 'utf8'), `${file.path} is stale; run pnpm --filter @agnes/sdk codegen`).toBe(file.content);
    }
  });
});
