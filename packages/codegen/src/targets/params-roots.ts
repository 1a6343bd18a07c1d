/** Finds the declarations that the generator starts from: the shared envelope types and each code's params interface. */
import path from 'node:path';
import type * as TS from 'typescript';
import { ts } from '../typescript.ts';
import { CodegenError } from '../errors.ts';
import { paramsTypeName } from '../naming.ts';
import { checkParamsDeclaration } from './params-check.ts';
import type { CodeParams } from './params-codes.ts';
import { checkRetryAfterType } from './retry-after-type.ts';
import { checkParamsTypes } from './params-type-check.ts';

/** Shared envelope types that core declares for the generator. */
export const SHARED_TYPE_NAMES = ['ErrorEnvelopeBase', 'ProblemDetailsMembers'] as const;

/** The generator's starting declarations, and which codes have a params interface. */
export interface ParamsRoots {
  roots: TS.Node[];
  /** Codes whose `<PascalCaseCode>Params` interface is exported by a "types" file. */
  codesWithInterface: Set<string>;
}

/**
 * Collects the shared types from `sharedFile` and every code's params interface
 * from `typesFiles`, and checks each interface with `checkParamsDeclaration`.
 *
 * @throws {CodegenError} when a code with params has no interface or an interface is exported twice.
 */
export function collectParamsRoots(program: TS.Program, codes: readonly CodeParams[], sharedFile: string, typesFiles: readonly string[]): ParamsRoots {
  const checker = program.getTypeChecker();
  const shared = exportedDeclarations(program, [sharedFile]);
  const declared = exportedDeclarations(program, typesFiles);

  const roots: TS.Node[] = [];
  for (const name of SHARED_TYPE_NAMES) {
    const found = onlyDeclaration(shared, name);
    if (!found) throw new CodegenError(`Core's ${sharedFile} does not export ${name}; the installed @agnes/errors does not match codegen`);
    roots.push(found.node);
  }

  const codesWithInterface = new Set<string>();
  const validTypes = new Set<TS.Type>();
  for (const { code, hasParams, afterParam } of codes) {
    const name = paramsTypeName(code);
    const found = onlyDeclaration(declared, name);
    if (found) {
      checkParamsDeclaration(found.node, checker);
      if (afterParam !== undefined) checkRetryAfterType(code, afterParam, found.node, checker);
      checkParamsTypes(code, found.node, checker, validTypes);
      codesWithInterface.add(code);
      roots.push(found.node);
    } else if (hasParams) {
      const files = typesFiles.map(relative).join(', ') || '(no "types" files configured)';
      throw new CodegenError(
        `Code "${code}" (params): no exported interface ${name} was found in ${files}; ` +
          `declare \`export interface ${name} { ... }\` in one of them, or add its file to "types"`,
      );
    }
  }
  return { roots, codesWithInterface };
}

interface Declaration {
  node: TS.Node;
  file: string;
}

/** Maps each interface or type alias that the files export to its declarations, one per exporting file. */
function exportedDeclarations(program: TS.Program, files: readonly string[]): Map<string, Declaration[]> {
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

function relative(file: string): string {
  return path.relative(process.cwd(), file);
}
