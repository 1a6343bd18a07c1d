/**
 * The synchronous params reader that targets fall back to when no params
 * definitions were passed in. It is set by params-types.ts when that module
 * loads, which the package's index does, so that rendering modules need not
 * load TypeScript themselves: the CLI reads params in a worker thread instead.
 */
import type { Registry } from '@agnes/errors/define';
import type { CodegenConfig } from '../config.ts';
import type { ParamsDefinitions } from './params-types.ts';

type ParamsReader = (registry: Registry, config: CodegenConfig) => ParamsDefinitions;

let reader: ParamsReader | undefined;

/** Sets the reader that `readParams` uses. */
export function setParamsReader(next: ParamsReader): void {
  reader = next;
}

/**
 * Reads the params definitions of a registry with the reader that was set.
 *
 * @throws {Error} when no reader was set, because neither `@agnes/codegen` nor params-types.ts was imported.
 */
export function readParams(registry: Registry, config: CodegenConfig): ParamsDefinitions {
  if (!reader) {
    throw new Error('No params definitions were passed and no params reader is loaded; import @agnes/codegen, or pass the definitions');
  }
  return reader(registry, config);
}
