/**
 * Reads the params interfaces of a registry with ts-json-schema-generator, so
 * that their JSDoc and tags carry over into the JSON Schema.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { createGenerator, type Definition } from 'ts-json-schema-generator';
import type { ErrorEntry, Registry } from '@agnes/errors';
import type { CodegenConfig } from '../config.ts';
import { CodegenError } from '../errors.ts';
import { paramsTypeName } from '../naming.ts';

/** Shared envelope types that core declares for the generator. */
export const SHARED_TYPE_NAMES = ['ErrorEnvelopeBase', 'ProblemDetailsMembers'] as const;

const require = createRequire(import.meta.url);

/** Path of the core file that declares the shared envelope types. */
export function sharedTypesFile(): string {
  const packageJson = require.resolve('@agnes/errors/package.json');
  return path.join(path.dirname(packageJson), 'src', 'envelope-types.ts');
}

const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  allowImportingTsExtensions: true,
  resolveJsonModule: true,
  types: [],
};

/**
 * Returns the JSON Schema definitions (draft-07 style, under `definitions`) of
 * the shared envelope types and of every `<PascalCaseCode>Params` interface that
 * the registry's codes need, plus the types they reference.
 *
 * @throws {CodegenError} when a params interface is missing or the generator cannot read a type.
 */
export function readParamsDefinitions(registry: Registry, config: CodegenConfig): Record<string, Definition> {
  const rootFiles = [sharedTypesFile(), ...config.types];
  const program = ts.createProgram({ rootNames: rootFiles, options: COMPILER_OPTIONS });
  const exported = exportedTypeNames(program, config.types);

  const wanted: string[] = [...SHARED_TYPE_NAMES];
  for (const [code, entry] of Object.entries(registry.entries as Record<string, ErrorEntry<any>>)) {
    if (Object.keys(entry.params ?? {}).length === 0) continue;
    const name = paramsTypeName(code);
    if (!exported.has(name)) {
      const files = config.types.map((file) => path.relative(process.cwd(), file)).join(', ') || '(no "types" files configured)';
      throw new CodegenError(
        `Code "${code}" (params): no exported interface ${name} was found in ${files}; ` +
          `declare \`export interface ${name} { ... }\` in one of them, or add its file to "types"`,
      );
    }
    wanted.push(name);
  }

  let definitions: Record<string, Definition>;
  try {
    const generator = createGenerator({
      tsProgram: program,
      expose: 'export',
      topRef: true,
      jsDoc: 'extended',
      skipTypeCheck: true,
      additionalProperties: false,
      sortProps: false,
      encodeRefs: false,
    });
    const schema = generator.createSchema(wanted);
    definitions = (schema.definitions ?? {}) as Record<string, Definition>;
  } catch (error) {
    throw new CodegenError(describeGeneratorError(error), { cause: error });
  }
  return definitions;
}

function exportedTypeNames(program: ts.Program, files: readonly string[]): Set<string> {
  const checker = program.getTypeChecker();
  const names = new Set<string>();
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) throw new CodegenError(`Types file ${file} was not found; fix the path in "types"`);
    const symbol = checker.getSymbolAtLocation(source);
    for (const exported of symbol ? checker.getExportsOfModule(symbol) : []) {
      if (exported.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) names.add(exported.getName());
    }
  }
  return names;
}

/** Turns a generator failure into a message naming the file, the type and the fix. */
function describeGeneratorError(error: unknown): string {
  const node = (error as { node?: ts.Node }).node;
  const message = error instanceof Error ? error.message : String(error);
  let location = '';
  if (node && typeof node.getSourceFile === 'function') {
    const source = node.getSourceFile();
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    location = ` at ${path.relative(process.cwd(), source.fileName)}:${line + 1} (${node.getText(source).slice(0, 80)})`;
  }
  return (
    `ts-json-schema-generator could not convert a params type${location}: ${message}. ` +
    'Use types that JSON Schema can express (string, number, boolean, literal unions, arrays, interfaces); ' +
    'write template literal types out as a union of string literals.'
  );
}
