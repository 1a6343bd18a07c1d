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
import { describeGeneratorError } from './generator-errors.ts';
import { checkParamsDeclaration } from './params-check.ts';

/** Shared envelope types that core declares for the generator. */
export const SHARED_TYPE_NAMES = ['ErrorEnvelopeBase', 'ProblemDetailsMembers'] as const;

const require = createRequire(import.meta.url);

/** Path of the core file that declares the shared envelope types. */
export function sharedTypesFile(): string {
  const packageJson = require.resolve('@agnes/errors/package.json');
  return path.join(path.dirname(packageJson), 'src', 'envelope-types.ts');
}

const DEFAULT_COMPILER_OPTIONS: ts.CompilerOptions = {
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

/** The generator's definitions, and which codes have a params interface. */
export interface ParamsDefinitions {
  /** Draft-07 style definitions of the shared types, the params interfaces and what they reference. */
  definitions: Record<string, Definition>;
  /** Codes whose `<PascalCaseCode>Params` interface is exported by a "types" file. */
  codesWithInterface: Set<string>;
}

/**
 * Returns the JSON Schema definitions of the shared envelope types and of every
 * exported `<PascalCaseCode>Params` interface of the registry's codes, plus the
 * types they reference.
 *
 * @throws {CodegenError} when a code with params has no interface, an interface is
 * declared twice, or the generator cannot convert a type.
 */
export function readParamsDefinitions(registry: Registry, config: CodegenConfig): ParamsDefinitions {
  const sharedFile = sharedTypesFile();
  const program = ts.createProgram({ rootNames: [sharedFile, ...config.types], options: compilerOptions(config) });
  const checker = program.getTypeChecker();
  const shared = exportedDeclarations(program, [sharedFile]);
  const declared = exportedDeclarations(program, config.types);

  const roots: ts.Node[] = [];
  for (const name of SHARED_TYPE_NAMES) {
    const found = onlyDeclaration(shared, name);
    if (!found) throw new CodegenError(`Core's ${sharedFile} does not export ${name}; the installed @agnes/errors does not match codegen`);
    roots.push(found.node);
  }

  const codesWithInterface = new Set<string>();
  for (const [code, entry] of Object.entries(registry.entries as Record<string, ErrorEntry<any>>)) {
    const name = paramsTypeName(code);
    const found = onlyDeclaration(declared, name);
    if (found) {
      checkParamsDeclaration(found.node, checker);
      codesWithInterface.add(code);
      roots.push(found.node);
    } else if (Object.keys(entry.params ?? {}).length > 0) {
      throw new CodegenError(
        `Code "${code}" (params): no exported interface ${name} was found in ${listFiles(config.types)}; ` +
          `declare \`export interface ${name} { ... }\` in one of them, or add its file to "types"`,
      );
    }
  }

  let generator: ReturnType<typeof createGenerator>;
  try {
    generator = createGenerator({
      tsProgram: program,
      expose: 'export',
      topRef: true,
      jsDoc: 'extended',
      skipTypeCheck: true,
      additionalProperties: false,
      sortProps: false,
      encodeRefs: false,
    });
  } catch (error) {
    throw new CodegenError(describeGeneratorError(error), { cause: error });
  }
  return { definitions: generateEach(generator, roots), codesWithInterface };
}

/**
 * Runs the generator on each root alone and merges the definitions. With
 * several roots in one call, the generator keeps the first of two different
 * types that share a name and points both users at it; one call per root lets
 * codegen see the clash. Roots are passed as nodes, because looking a name up
 * scans every source file once per name, which grows quadratically.
 */
function generateEach(generator: ReturnType<typeof createGenerator>, roots: readonly ts.Node[]): Record<string, Definition> {
  const definitions: Record<string, Definition> = {};
  const ownerByName = new Map<string, string>();
  for (const root of roots) {
    let generated: Record<string, Definition>;
    try {
      generated = (generator.createSchemaFromNodes([root]).definitions ?? {}) as Record<string, Definition>;
    } catch (error) {
      throw new CodegenError(describeGeneratorError(error), { cause: error });
    }
    const owner = ts.isInterfaceDeclaration(root) || ts.isTypeAliasDeclaration(root) ? root.name.text : 'a params type';
    for (const [name, definition] of Object.entries(generated)) {
      const existing = definitions[name];
      if (existing === undefined) {
        definitions[name] = definition;
        ownerByName.set(name, owner);
      } else if (JSON.stringify(existing) !== JSON.stringify(definition)) {
        throw new CodegenError(
          `Type ${name} has two different declarations, one used by ${ownerByName.get(name)} and one by ${owner}; ` +
            'the schema needs one definition per name, so rename one of the two types',
        );
      }
    }
  }
  return definitions;
}

/** Compiler options from the config's tsconfig, or defaults that read plain TypeScript sources. */
function compilerOptions(config: CodegenConfig): ts.CompilerOptions {
  if (!config.tsconfig) return DEFAULT_COMPILER_OPTIONS;
  const parsed = ts.getParsedCommandLineOfConfigFile(config.tsconfig, { noEmit: true }, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new CodegenError(
        `Cannot read tsconfig ${config.tsconfig}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}; fix the file or the "tsconfig" path`,
      );
    },
  });
  if (!parsed) throw new CodegenError(`Cannot read tsconfig ${config.tsconfig}; fix the "tsconfig" path`);
  return { ...parsed.options, noEmit: true };
}

interface Declaration {
  node: ts.Node;
  file: string;
}

/** Maps each interface or type alias that the files export to its declarations, one per exporting file. */
function exportedDeclarations(program: ts.Program, files: readonly string[]): Map<string, Declaration[]> {
  const checker = program.getTypeChecker();
  const declarations = new Map<string, Declaration[]>();
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) throw new CodegenError(`Types file ${file} was not found; fix the path in "types"`);
    const moduleSymbol = checker.getSymbolAtLocation(source);
    for (const exported of moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : []) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      if (!(symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias))) continue;
      const node = symbol.declarations?.find((item) => ts.isInterfaceDeclaration(item) || ts.isTypeAliasDeclaration(item));
      if (!node) continue;
      const list = declarations.get(exported.getName()) ?? [];
      if (!list.some((item) => item.node === node)) list.push({ node, file });
      declarations.set(exported.getName(), list);
    }
  }
  return declarations;
}

/** Returns the one declaration of a type name, `undefined` when none exists, or throws when files disagree. */
function onlyDeclaration(declarations: Map<string, Declaration[]>, name: string): Declaration | undefined {
  const found = declarations.get(name) ?? [];
  if (found.length > 1) {
    throw new CodegenError(
      `Type ${name} is exported by both ${relative(found[0]!.file)} and ${relative(found[1]!.file)}; ` +
        'codegen cannot tell which one holds the params, so rename or remove one of them',
    );
  }
  return found[0];
}

function listFiles(files: readonly string[]): string {
  return files.map(relative).join(', ') || '(no "types" files configured)';
}

function relative(file: string): string {
  return path.relative(process.cwd(), file);
}
