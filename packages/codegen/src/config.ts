/** The codegen config file: which registry to read and which files to write. */
import { globSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** Names of the artifacts that codegen can write. */
export const TARGET_NAMES = ['schema', 'openapi', 'contract', 'sdk-typescript', 'sdk-python', 'vectors'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

/** A resolved codegen config; every path is absolute. */
export interface CodegenConfig {
  /** Module that exports the registry. */
  registry: string;
  /** Name of the export that holds the registry. @default 'registry' or the only registry export */
  exportName?: string;
  /** TypeScript files that declare the params interfaces (`<PascalCaseCode>Params`). */
  types: string[];
  /** tsconfig used to read `types`. */
  tsconfig?: string;
  /** Output file of each target to write. */
  outputs: Partial<Record<TargetName, string>>;
  /** Text of the command that regenerates the files, written into their headers. */
  command: string;
}

/** Raised for a config file that cannot be used; the message names the field and the fix. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and resolves a JSON config file; relative paths are relative to the file. */
export async function loadConfig(file: string): Promise<CodegenConfig> {
  const absolute = path.resolve(file);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(absolute, 'utf8'));
  } catch (error) {
    throw new ConfigError(`Cannot read codegen config ${absolute}: ${(error as Error).message}`, { cause: error });
  }
  return resolveConfig(raw, path.dirname(absolute), `agnes-errors generate --config ${path.basename(absolute)}`);
}

/** Checks a config object and resolves its paths against `baseDir`. */
export function resolveConfig(raw: unknown, baseDir: string, command: string): CodegenConfig {
  if (typeof raw !== 'object' || raw === null) throw new ConfigError('Invalid codegen config: expected a JSON object');
  const input = raw as Record<string, unknown>;
  const resolve = (value: string) => path.resolve(baseDir, value);

  if (typeof input.registry !== 'string' || input.registry === '') {
    throw new ConfigError('Invalid codegen config: "registry" is missing; set it to the module that exports the registry');
  }
  const types = input.types ?? [];
  if (!Array.isArray(types) || types.some((item) => typeof item !== 'string')) {
    throw new ConfigError('Invalid codegen config: "types" must be an array of file paths that declare params interfaces');
  }
  const outputs = (input.outputs ?? {}) as Record<string, unknown>;
  const resolvedOutputs: Partial<Record<TargetName, string>> = {};
  for (const [name, value] of Object.entries(outputs)) {
    if (!(TARGET_NAMES as readonly string[]).includes(name)) {
      throw new ConfigError(`Invalid codegen config: unknown output "${name}"; use one of ${TARGET_NAMES.join(', ')}`);
    }
    if (typeof value !== 'string' || value === '') {
      throw new ConfigError(`Invalid codegen config: output "${name}" must be a file path`);
    }
    resolvedOutputs[name as TargetName] = resolve(value);
  }
  if (Object.keys(resolvedOutputs).length === 0) {
    throw new ConfigError('Invalid codegen config: "outputs" is empty; name at least one file to write, such as "schema"');
  }

  return {
    registry: resolve(input.registry),
    exportName: typeof input.export === 'string' ? input.export : undefined,
    types: expandTypes(types as string[], baseDir),
    tsconfig: typeof input.tsconfig === 'string' ? resolve(input.tsconfig) : undefined,
    outputs: resolvedOutputs,
    command: typeof input.command === 'string' ? input.command : command,
  };
}

/** Expands glob patterns in "types"; a pattern that matches no file is an error. */
function expandTypes(patterns: readonly string[], baseDir: string): string[] {
  const files = new Set<string>();
  for (const pattern of patterns) {
    const matches = pattern.includes('*') ? globSync(pattern, { cwd: baseDir }) : [pattern];
    if (matches.length === 0) {
      throw new ConfigError(`Invalid codegen config: "types" pattern "${pattern}" matches no file in ${baseDir}`);
    }
    for (const match of matches) files.add(path.resolve(baseDir, match));
  }
  return [...files].sort();
}
