/**
 * Reads the params interfaces of a registry with ts-json-schema-generator, so
 * that their JSDoc and tags carry over into the JSON Schema.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as TS from 'typescript';
import type { Definition, SchemaGenerator } from 'ts-json-schema-generator';
import type { Registry } from '@agnes/errors/define';
import type { CodegenConfig } from '../config.ts';
import { CodegenError } from '../errors.ts';
import { ts } from '../typescript.ts';
import { withBooleanDeprecated } from './deprecated-annotations.ts';
import { describeGeneratorError } from './generator-errors.ts';
import { codeParamsOf, type CodeParams } from './params-codes.ts';
import { setParamsReader } from './params-reader.ts';
import { withPrefixItems } from './tuple-items.ts';
import { collectParamsRoots } from './params-roots.ts';
import { createSchemaGenerator } from './schema-generator.ts';
import { createTypesProgram, readsValueTypes } from './types-program.ts';

export { SHARED_TYPE_NAMES } from './params-roots.ts';

const require = createRequire(import.meta.url);

/** Path of the core file that declares the shared envelope types. */
export function sharedTypesFile(): string {
  const packageJson = require.resolve('@agnes/errors/package.json');
  return path.join(path.dirname(packageJson), 'src', 'envelope-types.ts');
}

/**
 * Options for reading params types when the config names no tsconfig. The ES5
 * library declares every type that JSON data needs (arrays, records, the
 * utility and string types). The later libraries add Map, Set, Promise and the
 * like, which have no JSON form, and would double the library text to parse.
 */
const DEFAULT_COMPILER_OPTIONS: TS.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es5.d.ts'],
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

/** The parts of a config that locate the params types. */
export type ParamsSource = Pick<CodegenConfig, 'types' | 'tsconfig'>;

/** A TypeScript program over the params types, ready to read the params of a list of codes. */
export interface ParamsSession {
  /** Generates the definitions of the shared types and of the codes' params interfaces. */
  read(codes: readonly CodeParams[]): ParamsDefinitions;
}

/**
 * Returns the JSON Schema definitions of the shared envelope types and of every
 * exported `<PascalCaseCode>Params` interface of the registry's codes, plus the
 * types they reference.
 *
 * @throws {CodegenError} when a code with params has no interface, an interface is
 * declared twice, or the generator cannot convert a type.
 */
export function readParamsDefinitions(registry: Registry, config: ParamsSource): ParamsDefinitions {
  return openParamsSession(config).read(codeParamsOf(registry));
}

/**
 * Creates the program over the params types, with the registry's entry objects
 * hidden, and its type checker. This is the part of reading params that does
 * not need the registry, so it can run while the registry loads.
 */
export function openParamsSession(source: ParamsSource): ParamsSession {
  const sharedFile = sharedTypesFile();
  const rootNames = [sharedFile, ...source.types];
  const options = compilerOptions(source);
  const reduced = createTypesProgram(rootNames, source.types, options, true);
  reduced.getTypeChecker();

  return {
    read(codes) {
      let program = reduced;
      let found = collectParamsRoots(program, codes, sharedFile, source.types);
      if (readsValueTypes(found.roots, program)) {
        program = createTypesProgram(rootNames, source.types, options, false);
        found = collectParamsRoots(program, codes, sharedFile, source.types);
      }
      let generator: SchemaGenerator;
      try {
        generator = createSchemaGenerator(program);
      } catch (error) {
        throw new CodegenError(describeGeneratorError(error), { cause: error });
      }
      return { definitions: generateEach(generator, found.roots), codesWithInterface: found.codesWithInterface };
    },
  };
}

/** Compiler options from the config's tsconfig, or defaults that read plain TypeScript sources. */
function compilerOptions(source: ParamsSource): TS.CompilerOptions {
  if (!source.tsconfig) return DEFAULT_COMPILER_OPTIONS;
  const parsed = ts.getParsedCommandLineOfConfigFile(source.tsconfig, { noEmit: true }, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new CodegenError(
        `Cannot read tsconfig ${source.tsconfig}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}; fix the file or the "tsconfig" path`,
      );
    },
  });
  if (!parsed) throw new CodegenError(`Cannot read tsconfig ${source.tsconfig}; fix the "tsconfig" path`);
  return { ...parsed.options, noEmit: true };
}

/**
 * Runs the generator on each root alone and merges the definitions. With
 * several roots in one call, the generator keeps the first of two different
 * types that share a name and points both users at it. One call per root lets
 * codegen see the clash. Roots are passed as nodes, because looking a name up
 * scans every source file once per name, which grows quadratically.
 */
function generateEach(generator: SchemaGenerator, roots: readonly TS.Node[]): Record<string, Definition> {
  const definitions: Record<string, Definition> = {};
  const ownerByName = new Map<string, string>();
  for (const root of roots) {
    let generated: Record<string, Definition>;
    try {
      generated = (generator.createSchemaFromNodes([root]).definitions ?? {}) as Record<string, Definition>;
    } catch (error) {
      throw new CodegenError(describeGeneratorError(error, root), { cause: error });
    }
    const owner = ts.isInterfaceDeclaration(root) || ts.isTypeAliasDeclaration(root) ? root.name.text : 'a params type';
    for (const [name, generatedDefinition] of Object.entries(generated)) {
      const definition = withPrefixItems(withBooleanDeprecated(generatedDefinition));
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

setParamsReader(readParamsDefinitions);
