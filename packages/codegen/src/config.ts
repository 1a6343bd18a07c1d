/** The codegen config file: which registry to read and which files to write. */
import { existsSync, globSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** Names of the artifacts that codegen can write. */
export const TARGET_NAMES = ['schema', 'openapi', 'contract', 'sdk-typescript', 'sdk-python', 'vectors'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

/** A resolved codegen config; every path is absolute. */
export interface CodegenConfig {
  /** Module that exports the registry. */
  registry: string;
  /** Name of the export that contains the registry; without it, the module's only registry export is used. */
  exportName?: string;
  /** TypeScript files that declare the params interfaces (`<PascalCaseCode>Params`). */
  types: string[];
  /** tsconfig used to read `types`. */
  tsconfig?: string;
  /** Output file of each target to write. */
  outputs: Partial<Record<TargetName, string>>;
  /** Text of the command that regenerates the files, written into their headers. */
  command: string;
  /** Name of the API whose errors the registry lists, used as the OpenAPI `info.title`. @default 'Error contract' */
  title: string;
}

/** Members that a config file may have. */
const CONFIG_KEYS = ['$schema', 'registry', 'export', 'types', 'tsconfig', 'outputs', 'command', 'title'] as const;

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
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError('Invalid codegen config: expected a JSON object with "registry", "types" and "outputs"');
  }
  const input = raw as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!(CONFIG_KEYS as readonly string[]).includes(key)) {
      throw new ConfigError(`Invalid codegen config: unknown member "${key}"; use only ${CONFIG_KEYS.join(', ')}`);
    }
  }
  for (const key of ['export', 'tsconfig', 'command', 'title'] as const) {
    if (input[key] !== undefined && (typeof input[key] !== 'string' || input[key] === '')) {
      throw new ConfigError(`Invalid codegen config: "${key}" must be a non-empty string, got ${JSON.stringify(input[key])}`);
    }
  }
  const resolve = (value: string) => path.resolve(baseDir, value);

  if (typeof input.registry !== 'string' || input.registry === '') {
    throw new ConfigError('Invalid codegen config: "registry" is missing; set it to the module that exports the registry');
  }
  const types = input.types ?? [];
  if (!Array.isArray(types) || types.some((item) => typeof item !== 'string')) {
    throw new ConfigError('Invalid codegen config: "types" must be an array of file paths that declare params interfaces');
  }
  const outputs = input.outputs ?? {};
  if (typeof outputs !== 'object' || outputs === null || Array.isArray(outputs)) {
    throw new ConfigError('Invalid codegen config: "outputs" must be an object that maps target names to file paths, such as {"schema": "./generated/schema.json"}');
  }
  const resolvedOutputs: Partial<Record<TargetName, string>> = {};
  for (const [name, value] of Object.entries(outputs)) {
    if (!(TARGET_NAMES as readonly string[]).includes(name)) {
      throw new ConfigError(`Invalid codegen config: unknown output "${name}"; use one of ${TARGET_NAMES.join(', ')}`);
    }
    if (typeof value !== 'string' || value === '') {
      throw new ConfigError(`Invalid codegen config: output "${name}" must be a file path`);
    }
    const file = resolve(value);
    const other = Object.entries(resolvedOutputs).find(([, existing]) => existing === file);
    if (other) {
      throw new ConfigError(`Invalid codegen config: outputs "${other[0]}" and "${name}" both write ${value}; give each output its own file`);
    }
    resolvedOutputs[name as TargetName] = file;
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
    title: typeof input.title === 'string' ? input.title : 'Error contract',
  };
}

/** Expands glob patterns in "types"; a pattern that matches no file is an error. */
function expandTypes(patterns: readonly string[], baseDir: string): string[] {
  const files = new Set<string>();
  for (const pattern of patterns) {
    const matches = pattern.includes('*') ? globSync(pattern, { cwd: baseDir }) : [pattern].filter((file) => existsSync(path.resolve(baseDir, file)));
    if (matches.length === 0) {
      throw new ConfigError(`Invalid codegen config: "types" pattern "${pattern}" matches no file in ${baseDir}; fix the path or the pattern`);
    }
    for (const match of matches) files.add(path.resolve(baseDir, match));
  }
  return [...files].sort();
}
