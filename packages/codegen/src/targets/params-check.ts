/**
 * Checks of params interfaces that run before the generator: it crashes on a
 * type name that is not declared, and it converts types that JSON cannot carry
 * into schemas that accept the wrong values (a `Map` becomes `{ size: number }`).
 */
import path from 'node:path';
import type * as TS from 'typescript';
import { ts } from '../typescript.ts';
import { CodegenError } from '../errors.ts';

/** Global types whose values do not survive `JSON.stringify`. */
const NON_JSON_TYPE_NAMES = new Set([
  'Map', 'ReadonlyMap', 'WeakMap', 'Set', 'ReadonlySet', 'WeakSet', 'WeakRef', 'Promise', 'PromiseLike', 'Function', 'Symbol', 'BigInt',
]);

const NON_JSON_KEYWORDS = new Map<TS.SyntaxKind, string>([
  [ts.SyntaxKind.SymbolKeyword, 'symbol'],
  [ts.SyntaxKind.BigIntKeyword, 'bigint'],
]);

/**
 * Throws a `CodegenError` for the first member of a params interface whose type
 * names an undeclared type or a type without a JSON form.
 */
export function checkParamsDeclaration(declaration: TS.Node, checker: TS.TypeChecker): void {
  const source = declaration.getSourceFile();
  const owner = ts.isInterfaceDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration) ? declaration.name.text : 'params type';

  const visit = (node: TS.Node): void => {
    if (ts.isTypeReferenceNode(node)) {
      const name = node.typeName.getText(source);
      if (NON_JSON_TYPE_NAMES.has(name)) {
        fail(node, `${name} has no JSON form; use an array, an object type or a string instead`);
      }
      // An unresolved name yields no symbol or the checker's placeholder symbol without declarations.
      const symbol = checker.getSymbolAtLocation(node.typeName);
      if (!symbol?.declarations?.length) {
        fail(node, `type ${name} is not declared; declare it in this file or import it`);
      }
    } else if (ts.isFunctionTypeNode(node) || ts.isConstructorTypeNode(node)) {
      fail(node, 'a function has no JSON form; remove the member or use data that describes it');
    } else if (NON_JSON_KEYWORDS.has(node.kind)) {
      fail(node, `${NON_JSON_KEYWORDS.get(node.kind)} has no JSON form; use string or number instead`);
    }
    ts.forEachChild(node, visit);
  };

  const fail = (node: TS.Node, problem: string): never => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    const member = memberNameOf(node, source);
    throw new CodegenError(
      `Params type ${owner}${member ? `.${member}` : ''} at ${path.relative(process.cwd(), source.fileName)}:${line + 1}: ${problem}`,
    );
  };

  ts.forEachChild(declaration, visit);
}

/** Name of the top-level interface member that contains a node, if any. */
function memberNameOf(node: TS.Node, source: TS.SourceFile): string | undefined {
  for (let current: TS.Node | undefined = node; current?.parent; current = current.parent) {
    if (ts.isPropertySignature(current) && ts.isInterfaceDeclaration(current.parent)) return current.name.getText(source);
  }
  return undefined;
}
