/**
 * Tuple shapes that JSON Schema 2020-12 cannot describe as TypeScript does. A 2020-12 tuple lists
 * its leading elements in `prefixItems` and one schema for the rest in `items`, so it has no form
 * for a rest element before the last element: ts-json-schema-generator 2.10.0 writes
 * `[...string[], number]` as `[number, ...string[]]` without a warning. A tuple element that may be
 * `undefined` reaches JSON as `null`, which its schema rejects.
 */
import type * as TS from 'typescript';
import { ts } from '../typescript.ts';

/** Returns what is wrong with a tuple type, as the end of a sentence that names it, or `undefined` when JSON Schema can describe it. */
export function tupleProblem(tuple: TS.TypeReference, checker: TS.TypeChecker): string | undefined {
  const flags = (tuple.target as TS.TupleType).elementFlags;
  const restIndex = flags.findIndex((flag) => (flag & ts.ElementFlags.Variable) !== 0);
  if (restIndex !== -1 && restIndex < flags.length - 1) {
    return (
      'has a rest element before its last element, which JSON Schema 2020-12 cannot describe: `prefixItems` lists the leading elements ' +
      'and `items` only the rest at the end. Put the rest element last, such as [number, ...string[]], or use an array, such as (string | number)[]'
    );
  }

  // An optional element may hold the `undefined` that `?` adds, as may an optional object member,
  // so only required and rest elements are checked.
  // NOTE: `['a', undefined]` fits `[string, number?]` in TypeScript, but reaches JSON as `['a', null]`, which the schema rejects.
  const elements = checker.getTypeArguments(tuple);
  const undefinedAt = elements.findIndex(
    (element, index) =>
      (flags[index]! & ts.ElementFlags.Optional) === 0 &&
      (element.isUnion() ? element.types : [element]).some((part) => (part.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)) !== 0),
  );
  if (undefinedAt === -1) return undefined;
  return (
    `has an element that may be undefined (element ${undefinedAt}), which JSON.stringify writes as null and the schema rejects. ` +
    'Use null in place of undefined, or remove the element'
  );
}
