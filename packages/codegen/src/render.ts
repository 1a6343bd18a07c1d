/** Renders the outputs of a config in memory. */
import type { Registry } from '@agnes/errors/define';
import type { CodegenConfig, TargetName } from './config.ts';
import { CodegenError } from './errors.ts';
import { createTargetContext } from './targets/context.ts';
import { TARGETS } from './targets/index.ts';
import type { ParamsDefinitions } from './targets/params-types.ts';
import type { GeneratedFile } from './write-files.ts';

/**
 * Renders every output of the config from a registry, in memory, and returns the files.
 * Nothing is written; a failure in any target throws before any file exists.
 *
 * @param params the registry's params definitions when they were read already, such as by a worker.
 */
export function renderOutputs(registry: Registry, config: CodegenConfig, params?: ParamsDefinitions): GeneratedFile[] {
  const context = createTargetContext(registry, config, params);
  const files: GeneratedFile[] = [];
  for (const [name, file] of Object.entries(config.outputs) as [TargetName, string][]) {
    const target = TARGETS[name];
    if (!target) throw new CodegenError(`Output "${name}" has no target in this version of codegen; remove it from "outputs"`);
    files.push({ path: file, content: target(context) });
  }
  return files;
}
