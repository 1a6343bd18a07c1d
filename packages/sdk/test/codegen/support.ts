/** Runs codegen targets in memory on a registry, with a config like the SDK's. */
import { fileURLToPath } from 'node:url';
import { renderOutputs, resolveConfig, type TargetName } from '@agnes/codegen';
import type { Registry } from '@agnes/errors';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** Renders one target of a registry whose params interfaces are declared in `typesFile`. */
export function render(registry: Registry, target: TargetName, typesFile = 'synthetic-registry.ts'): string {
  const config = resolveConfig(
    { registry: `./${typesFile}`, types: [`./${typesFile}`], command: 'pnpm test-codegen', outputs: { [target]: `./out/${target}` } },
    FIXTURES,
    'unused',
  );
  const [file] = renderOutputs(registry, config);
  return file!.content;
}
