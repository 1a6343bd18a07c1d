/** Renders the outputs of a config in memory. */
import type { Registry } from '@agnes/errors/define';
import type { CodegenConfig, TargetName } from './config.ts';
import { CodegenError } from './errors.ts';
import { createTargetContext, type TargetContext } from './targets/context.ts';
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
  return renderTargets(createTargetContext(registry, config, params), Object.keys(config.outputs) as TargetName[]);
}

/** Renders the named outputs of the context's config, in the order given. */
export function renderTargets(context: TargetContext, names: readonly TargetName[]): GeneratedFile[] {
  return names.map((name) => {
    const target = TARGETS[name];
    if (!target) throw new CodegenError(`Output "${name}" has no target in this version of codegen; remove it from "outputs"`);
    return { path: context.config.outputs[name]!, content: target(context) };
  });
}
