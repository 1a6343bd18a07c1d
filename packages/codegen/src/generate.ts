/** The codegen function API: read a registry, render every target, write all files or none. */
import type { Registry } from '@agnes/errors';
import { loadConfig, type CodegenConfig, type TargetName } from './config.ts';
import { CodegenError } from './errors.ts';
import { loadRegistry } from './load-registry.ts';
import { createTargetContext } from './targets/context.ts';
import { TARGETS } from './targets/index.ts';
import { writeFilesAtomically, type GeneratedFile } from './write-files.ts';

/** Result of a generate run: the files written, in config order. */
export interface GenerateResult {
  files: GeneratedFile[];
}

/**
 * Renders every output of the config from a registry, in memory, and returns the files.
 * Nothing is written; a failure in any target throws before any file exists.
 */
export function renderOutputs(registry: Registry, config: CodegenConfig): GeneratedFile[] {
  const context = createTargetContext(registry, config);
  const files: GeneratedFile[] = [];
  for (const [name, file] of Object.entries(config.outputs) as [TargetName, string][]) {
    const target = TARGETS[name];
    if (!target) throw new CodegenError(`Output "${name}" has no target in this version of codegen; remove it from "outputs"`);
    files.push({ path: file, content: target(context) });
  }
  return files;
}

/**
 * Loads the registry that the config names, renders all outputs and writes them atomically.
 *
 * @example
 * await generate(await loadConfig('agnes-errors.config.json'));
 */
export async function generate(config: CodegenConfig, registry?: Registry): Promise<GenerateResult> {
  const loaded = registry ?? (await loadRegistry(config.registry, config.exportName));
  const files = renderOutputs(loaded, config);
  await writeFilesAtomically(files);
  return { files };
}

/** Loads a config file and runs `generate`. */
export async function generateFromConfigFile(file: string): Promise<GenerateResult> {
  return generate(await loadConfig(file));
}
