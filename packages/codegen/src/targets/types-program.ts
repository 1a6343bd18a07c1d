/**
 * The TypeScript program that the generator reads params types from. The
 * "types" files enter it with their entry objects hidden, which keeps program
 * creation cheap. A params type that reads a value's type (`typeof x`) needs
 * the full files, so it gets a second, full program.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type * as TS from 'typescript';
import { ts } from '../typescript.ts';
import { hideEntryObjects } from './hide-entries.ts';

/**
 * Creates a program over `rootNames`. With `hideEntries`, the files in `typesFiles`
 * are read through `hideEntryObjects`.
 */
export function createTypesProgram(
  rootNames: readonly string[],
  typesFiles: readonly string[],
  options: TS.CompilerOptions,
  hideEntries: boolean,
): TS.Program {
  const host = ts.createCompilerHost(options);
  if (hideEntries) {
    const reduced = new Set(typesFiles.map((file) => path.resolve(file)));
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
      if (!reduced.has(path.resolve(fileName))) return getSourceFile(fileName, languageVersion, onError, shouldCreate);
      let text: string;
      try {
        text = readFileSync(fileName, 'utf8');
      } catch (error) {
        onError?.((error as Error).message);
        return undefined;
      }
      return ts.createSourceFile(fileName, hideEntryObjects(text), languageVersion);
    };
  }
  return ts.createProgram({ rootNames, options, host });
}

/**
 * Returns whether any of the declarations, or a type they reference outside
 * the default library, contains a type query (`typeof x`). Its result depends
 * on the values that `hideEntryObjects` hides.
 */
export function readsValueTypes(roots: readonly TS.Node[], program: TS.Program): boolean {
  const checker = program.getTypeChecker();
  const visited = new Set<TS.Node>();
  const pending = [...roots];

  const follow = (name: TS.Node | undefined) => {
    if (!name) return;
    let symbol = checker.getSymbolAtLocation(name);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    for (const declaration of symbol?.declarations ?? []) {
      if (!program.isSourceFileDefaultLibrary(declaration.getSourceFile()) && !visited.has(declaration)) pending.push(declaration);
    }
  };

  while (pending.length > 0) {
    const declaration = pending.pop()!;
    if (visited.has(declaration)) continue;
    visited.add(declaration);
    let found = false;
    const visit = (node: TS.Node): void => {
      if (found) return;
      if (ts.isTypeQueryNode(node)) {
        found = true;
        return;
      }
      if (ts.isTypeReferenceNode(node)) follow(node.typeName);
      else if (ts.isExpressionWithTypeArguments(node)) follow(node.expression);
      else if (ts.isImportTypeNode(node)) follow(node.qualifier);
      ts.forEachChild(node, visit);
    };
    visit(declaration);
    if (found) return true;
  }
  return false;
}
