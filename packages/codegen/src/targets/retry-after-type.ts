/**
 * Checks that the param that `retry.afterParam` names has a number type in its
 * params interface. This module loads TypeScript, so only the params reader imports it.
 */
import type * as TS from 'typescript';
import { CodegenError } from '../errors.ts';
import { paramsTypeName } from '../naming.ts';
import { ts } from '../typescript.ts';
import { declarationHint } from './retry-after-check.ts';

/**
 * Throws a `CodegenError` when the TypeScript type of a code's `retry.afterParam`
 * member, without `undefined`, is not a number type. `@asType integer` makes the
 * schema type integer whatever the TypeScript type is, so the schema check alone
 * lets `retry_after: string` through.
 */
export function checkRetryAfterType(code: string, param: string, declaration: TS.Node, checker: TS.TypeChecker): void {
  const name = ts.isInterfaceDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration) ? declaration.name : undefined;
  const symbol = name && checker.getSymbolAtLocation(name);
  if (!symbol) return;
  const member = checker.getDeclaredTypeOfSymbol(symbol).getProperty(param);
  // A missing member is reported by the check that compares params with the interface.
  if (!member) return;

  const type = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(member, declaration));
  const parts = type.isUnion() ? type.types : [type];
  if (parts.every((part) => (part.flags & ts.TypeFlags.NumberLike) !== 0)) return;
  throw new CodegenError(
    `Code "${code}" (params.${param}): retry.afterParam names it, so ${paramsTypeName(code)}.${param} must have a number type, ` +
      `but its type is ${checker.typeToString(type)}; ${declarationHint(param)}`,
  );
}
