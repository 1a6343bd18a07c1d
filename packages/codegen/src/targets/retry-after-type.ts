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
 * member, without `undefined`, is not a number type, such as `string` or
 * `number | null`. `@asType integer` makes the schema type integer whatever the
 * TypeScript type is, so the schema check alone lets `retry_after: string` through.
 */
export function checkRetryAfterType(code: string, param: string, declaration: TS.Node, checker: TS.TypeChecker): void {
  const name = ts.isInterfaceDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration) ? declaration.name : undefined;
  const symbol = name && checker.getSymbolAtLocation(name);
  if (!symbol) return;
  const member = checker.getDeclaredTypeOfSymbol(symbol).getProperty(param);
  // A missing member is reported by the check that compares params with the interface.
  if (!member) return;

  // Drop only the undefined that an optional member adds. A null would reach the envelope as a value
  // that is no delay, so `number | null` fails like any other non-number type.
  const type = checker.getTypeOfSymbolAtLocation(member, declaration);
  const parts = (type.isUnion() ? type.types : [type]).filter((part) => (part.flags & ts.TypeFlags.Undefined) === 0);
  if (parts.length > 0 && parts.every((part) => (part.flags & ts.TypeFlags.NumberLike) !== 0)) return;
  const typeText = parts.length > 0 ? parts.map((part) => checker.typeToString(part)).join(' | ') : checker.typeToString(type);
  throw new CodegenError(
    `Code "${code}" (params.${param}): retry.afterParam names it, so ${paramsTypeName(code)}.${param} must have a number type, ` +
      `but its type is ${typeText}; ${declarationHint(param)}`,
  );
}
