/**
 * The codegen function API: read a registry, render every target, write all
 * files or none. The params types are read in a worker thread, and nothing
 * that this module imports loads TypeScript.
 */
import type { Registry } from '@agnes/errors/define';
import { loadConfig, type CodegenConfig, type TargetName } from './config.ts';
import { loadRegistry } from './load-registry.ts';
import { renderOutputs } from './render.ts';
import { codeParamsOf } from './targets/params-codes.ts';
import { startParamsWorker } from './targets/params-worker-client.ts';
import { writeFilesAtomically, type GeneratedFile } from './write-files.ts';

/** Targets that read only the runtime registry, never the params types or the JSON Schema. */
const REGISTRY_ONLY_TARGETS: ReadonlySet<TargetName> = new Set(['sdk-python', 'vectors']);

/** Whether any output of the config needs the params types read by the TypeScript worker. */
function needsParamsTypes(config: CodegenConfig): boolean {
  return (Object.keys(config.outputs) as TargetName[]).some((name) => !REGISTRY_ONLY_TARGETS.has(name));
}

/** Result of a generate run: the files written, in config order. */
export interface GenerateResult {
  files: GeneratedFile[];
}

/**
 * Loads the registry that the config names, renders all outputs and writes them atomically.
 * The params types are read in a worker thread while the registry loads.
 *
 * @example
 * await generate(await loadConfig('agnes-errors.config.json'));
 */
export async function generate(config: CodegenConfig, registry?: Registry): Promise<GenerateResult> {
  if (!needsParamsTypes(config)) {
    const loaded = registry ?? (await loadRegistry(config.registry, config.exportName));
    const files = renderOutputs(loaded, config);
    await writeFilesAtomically(files);
    return { files };
  }
  const worker = startParamsWorker(config);
  try {
    const loaded = registry ?? (await loadRegistry(config.registry, config.exportName));
    const params = await worker.read(codeParamsOf(loaded));
    const files = renderOutputs(loaded, config, params);
    await writeFilesAtomically(files);
    return { files };
  } finally {
    await worker.stop();
  }
}

/** Loads a config file and runs `generate`. */
export async function generateFromConfigFile(file: string): Promise<GenerateResult> {
  return generate(await loadConfig(file));
}
