/**
 * The codegen function API: read a registry, render every target, write all
 * files or none. This module loads neither TypeScript nor the targets until a
 * worker thread has started reading the params types.
 */
import type { Registry } from '@agnes/errors';
import { loadConfig, type CodegenConfig } from './config.ts';
import { loadRegistry } from './load-registry.ts';
import { codeParamsOf } from './targets/params-codes.ts';
import { startParamsWorker } from './targets/params-worker-client.ts';
import { writeFilesAtomically, type GeneratedFile } from './write-files.ts';

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
  const worker = startParamsWorker(config);
  try {
    const loaded = registry ?? (await loadRegistry(config.registry, config.exportName));
    // The targets load TypeScript on this thread too, so they are imported only while the worker reads.
    const [params, { renderOutputs }] = await Promise.all([worker.read(codeParamsOf(loaded)), import('./render.ts')]);
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
