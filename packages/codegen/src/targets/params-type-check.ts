/**
 * Checks of the types that params reach, at any depth, before the generator runs: tuple shapes
 * that JSON Schema cannot describe, and `@asType` tags that name no JSON Schema type (Ajv rejects
 * the whole schema then). This module loads TypeScript, so only the params reader imports it.
 */
import type * as TS from 'typescript';
import { CodegenError } from '../errors.ts';
import { paramsTypeName } from '../naming.ts';
import { ts } from '../typescript.ts';
import { tupleProblem } from './tuple-check.ts';

/** The values of the JSON Schema `type` keyword, which `@asType` sets. */
const JSON_SCHEMA_TYPES: ReadonlySet<string> = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);

/**
 * Throws a `CodegenError` for the first problem in the types of a code's params interface. `checked`
 * contains the types already found valid, so that types shared by many codes are walked once.
 */
export function checkParamsTypes(code: string, declaration: TS.Node, checker: TS.TypeChecker, checked: Set<TS.Type>): void {
  const name = ts.isInterfaceDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration) ? declaration.name : undefined;
  const symbol = name && checker.getSymbolAtLocation(name);
  if (!symbol) return;

  for (const member of checker.getDeclaredTypeOfSymbol(symbol).getProperties()) {
    const param = member.getName();
    const fail = (problem: string): never => {
      throw new CodegenError(`Code "${code}" (params.${param}): ${problem}`);
    };
    checkAsType(member, `${paramsTypeName(code)}.${param}`, fail);
    visitType(checker.getTypeOfSymbolAtLocation(member, declaration), checker, checked, fail);
  }
}

type Fail = (problem: string) => never;

function visitType(type: TS.Type, checker: TS.TypeChecker, checked: Set<TS.Type>, fail: Fail): void {
  if (checked.has(type)) return;
  // Added before the walk, so that a recursive type stops here. A type that fails stops codegen.
  checked.add(type);
  if (type.aliasSymbol) checkAsType(type.aliasSymbol, type.aliasSymbol.getName(), fail);

  if (type.isUnionOrIntersection()) {
    for (const part of type.types) visitType(part, checker, checked, fail);
  } else if (checker.isTupleType(type)) {
    const problem = tupleProblem(type as TS.TypeReference, checker);
    if (problem) fail(`the tuple type ${checker.typeToString(type)} ${problem}`);
    for (const element of checker.getTypeArguments(type as TS.TypeReference)) visitType(element, checker, checked, fail);
  } else if (checker.isArrayType(type)) {
    for (const element of checker.getTypeArguments(type as TS.TypeReference)) visitType(element, checker, checked, fail);
  } else if (type.flags & ts.TypeFlags.Object) {
    const owner = type.symbol?.getName() ?? 'an object type';
    for (const property of type.getProperties()) {
      checkAsType(property, `${owner}.${property.getName()}`, fail);
      visitType(checker.getTypeOfSymbol(property), checker, checked, fail);
    }
    for (const index of checker.getIndexInfosOfType(type)) visitType(index.type, checker, checked, fail);
  }
}

/** Fails when the symbol's `@asType` tag names no JSON Schema type, such as `@asType integr`. */
function checkAsType(symbol: TS.Symbol, label: string, fail: Fail): void {
  for (const tag of symbol.getJsDocTags()) {
    if (tag.name !== 'asType') continue;
    const value = (tag.text ?? []).map((part) => part.text).join('').trim();
    if (JSON_SCHEMA_TYPES.has(value)) continue;
    fail(`@asType ${value || '(empty)'} on ${label} is not a JSON Schema type; use one of ${[...JSON_SCHEMA_TYPES].join(', ')}`);
  }
}
