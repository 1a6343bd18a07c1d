/** Renders the `sdk-python` target in this process and runs the module with the SDK's real hand-written modules. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Definition } from 'ts-json-schema-generator';
import { agnesRegistry, type Registry } from '@agnes/errors';
import { readParamsDefinitions, resolveConfig, type ParamsDefinitions } from '../../src/index.ts';
import { createTargetContext } from '../../src/targets/context.ts';
import { sdkPythonTarget } from '../../src/targets/sdk-python.ts';
import { CORE_DIR, REPO_ROOT } from './paths.ts';

const COMMAND = 'pnpm --filter @agnes/sdk-python codegen';
const SDK_SOURCE = path.join(REPO_ROOT, 'packages', 'sdk-python', 'src', 'agnes');
const CONFIG = resolveConfig(
  { registry: './index.ts', types: ['./*.ts'], outputs: { 'sdk-python': './_errors.py' } },
  path.join(CORE_DIR, 'src', 'catalog'),
  COMMAND,
);

let agnesParams: ParamsDefinitions | undefined;

/** Reads the params definitions of the Agnes catalog once. They include the shared envelope types. */
function agnesParamsDefinitions(): ParamsDefinitions {
  agnesParams ??= readParamsDefinitions(agnesRegistry, CONFIG);
  return agnesParams;
}

/**
 * Renders `_errors.py` for a registry. `interfaces` gives the params interfaces of a
 * fixture registry as JSON Schema definitions, keyed by code. The Agnes catalog's
 * shared envelope types are added to them.
 */
export function renderPython(registry: Registry, interfaces?: Record<string, { name: string; definition: Definition; extra?: Record<string, Definition> }>): string {
  const shared = agnesParamsDefinitions();
  let params: ParamsDefinitions = shared;
  if (registry !== agnesRegistry) {
    const definitions: Record<string, Definition> = { ...shared.definitions };
    for (const { name, definition, extra } of Object.values(interfaces ?? {})) Object.assign(definitions, { [name]: definition }, extra);
    params = { definitions, codesWithInterface: new Set(Object.keys(interfaces ?? {})) };
  }
  return sdkPythonTarget(createTargetContext(registry, CONFIG, params));
}

/**
 * Runs Python on a generated module as `pkg._errors`, beside the SDK's real `_base.py`
 * and `_narrow.py` as `pkg._base` and `pkg._narrow`, and returns what the probe prints.
 * The probe reads the module as the variable `errors`.
 */
export function runPython(module: string, probe: string): string {
  const program = [
    'import sys, types',
    `SOURCE = ${JSON.stringify(SDK_SOURCE)}`,
    'package = types.ModuleType("pkg"); package.__path__ = []; sys.modules["pkg"] = package',
    'def load(name, text):',
    '    loaded = types.ModuleType("pkg." + name); loaded.__package__ = "pkg"; sys.modules["pkg." + name] = loaded',
    '    exec(compile(text, name + ".py", "exec"), loaded.__dict__)',
    '    return loaded',
    'for name in ("_base", "_narrow"):',
    '    with open(SOURCE + "/" + name + ".py", encoding="utf-8") as file: load(name, file.read())',
    'errors = load("_errors", sys.stdin.read())',
    probe,
  ].join('\n');
  return execFileSync('python3', ['-c', program], { input: module, encoding: 'utf8' });
}
