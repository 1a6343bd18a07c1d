/**
 * The codegen function API: read a registry, render every target, write all
 * files or none. The params types are read in a worker thread, and nothing
 * that this module imports loads TypeScript.
 */
import module from 'node:module';
import type { Registry } from '@agnes/errors/define';
import { loadConfig, type CodegenConfig, type TargetName } from './config.ts';
import { loadRegistry } from './load-registry.ts';
import { renderOutputs, renderTargets } from './render.ts';
import { createTargetContext } from './targets/context.ts';
import { codeParamsOf } from './targets/params-codes.ts';
import type { ParamsDefinitions } from './targets/params-types.ts';
import { startParamsWorker } from './targets/params-worker-client.ts';
import { writeFilesAtomically, type GeneratedFile } from './write-files.ts';

/** Targets that read only the runtime registry, never the params types or the JSON Schema. */
const REGISTRY_ONLY_TARGETS: ReadonlySet<TargetName> = new Set(['vectors']);

/** Result of a generate run: the files written, in config order. */
export interface GenerateResult {
  files: GeneratedFile[];
}

/**
 * Loads the registry that the config names, renders all outputs and writes them atomically.
 * The params types are read in a worker thread while the registry loads and while the
 * outputs and parts that need no params types render.
 *
 * @example
 * await generate(await loadConfig('agnes-errors.config.json'));
 */
export async function generate(config: CodegenConfig, registry?: Registry): Promise<GenerateResult> {
  const names = Object.keys(config.outputs) as TargetName[];
  const registryOnly = names.filter((name) => REGISTRY_ONLY_TARGETS.has(name));
  if (registryOnly.length === names.length) {
    const loaded = registry ?? (await loadRegistry(config.registry, config.exportName));
    const files = renderOutputs(loaded, config);
    await writeFilesAtomically(files);
    return { files };
  }

  const worker = startParamsWorker(config);
  try {
    const loaded = registry ?? (await loadRegistry(config.registry, config.exportName));
    const reading = worker.read(codeParamsOf(loaded));
    // A failure below leaves `reading` unawaited; its error is the one thrown here instead.
    reading.catch(() => undefined);

    let params: ParamsDefinitions | undefined;
    const context = createTargetContext(loaded, config, () => {
      if (!params) throw new Error('A target read the params types before the worker replied; this is a codegen bug');
      return params;
    });
    const early = renderTargets(context, registryOnly);
    if (config.outputs.openapi !== undefined) context.responses();
    if (config.outputs.contract !== undefined) context.docsDigests();
    // Every module is loaded by now. When Node's compile cache is on, as the CLI turns it on, writing it
    // here overlaps the worker's work instead of delaying the exit. Without the cache, this does nothing.
    module.flushCompileCache();

    params = await reading;
    // The worker ends, writing its own compile cache, while this thread renders.
    void worker.stop();
    const late = renderTargets(context, names.filter((name) => !REGISTRY_ONLY_TARGETS.has(name)));
    const byPath = new Map([...early, ...late].map((file) => [file.path, file]));
    const files = names.map((name) => byPath.get(config.outputs[name]!)!);
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
