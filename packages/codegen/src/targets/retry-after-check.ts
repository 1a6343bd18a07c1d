/**
 * Checks that the schema of the param that `retry.afterParam` names can carry
 * a `Retry-After` delay. Servers send the delay as whole seconds, so the schema
 * must be a non-negative integer. retry-after-type.ts checks the TypeScript type.
 */
import type { ErrorEntry } from '@agnes/errors/define';
import type { Definition } from 'ts-json-schema-generator';
import { CodegenError } from '../errors.ts';
import { envelopeSchemaName, paramsTypeName } from '../naming.ts';
import { DEFS_PREFIX } from '../schema-keywords.ts';

/** Returns how to declare a delay param, for the fix in each message. */
export function declarationHint(param: string): string {
  return `declare it as \`${param}: number\` with the JSDoc tags @asType integer and @minimum 0`;
}

/**
 * Throws a `CodegenError` when the envelope schema of a code's `retry.afterParam`
 * is not `type: integer` with a `minimum` or an `exclusiveMinimum` of 0 or more.
 * A `$ref` to a named type is followed through `definitions`.
 */
export function checkRetryAfterSchemas(
  entries: readonly [string, ErrorEntry<any>][],
  envelopes: Readonly<Record<string, Definition>>,
  definitions: Readonly<Record<string, Definition>>,
): void {
  for (const [code, entry] of entries) {
    const param = entry.retry?.afterParam;
    if (param === undefined) continue;
    const schema = resolve(envelopes[envelopeSchemaName(code)]?.properties?.[param], definitions);
    // validateRegistry makes the param public, and the envelope definition carries every public param.
    if (schema === undefined || typeof schema !== 'object') continue;

    const nonNegative = (bound: unknown) => typeof bound === 'number' && bound >= 0;
    if (schema.type === 'integer' && (nonNegative(schema.minimum) || nonNegative(schema.exclusiveMinimum))) continue;
    throw new CodegenError(
      `Code "${code}" (params.${param}): retry.afterParam names it, so its schema must be {"type":"integer"} with a "minimum" or "exclusiveMinimum" of 0 or more, ` +
        `but ${paramsTypeName(code)}.${param} generates ${JSON.stringify(pick(schema))}; ${declarationHint(param)}`,
    );
  }
}

/** Follows `$ref`s into `definitions` until a schema without one; a cycle yields undefined. */
function resolve(schema: Definition | boolean | undefined, definitions: Readonly<Record<string, Definition>>): Definition | boolean | undefined {
  const seen = new Set<string>();
  let current = schema;
  while (typeof current === 'object' && typeof current.$ref === 'string' && current.$ref.startsWith(DEFS_PREFIX)) {
    const name = current.$ref.slice(DEFS_PREFIX.length);
    if (seen.has(name)) return undefined;
    seen.add(name);
    current = definitions[name];
  }
  return current;
}

/** Picks the members of a schema that the rule reads, for the message. */
function pick(schema: Definition): Definition {
  const { type, minimum, exclusiveMinimum, anyOf, $ref } = schema;
  return Object.fromEntries(Object.entries({ type, minimum, exclusiveMinimum, anyOf, $ref }).filter(([, value]) => value !== undefined));
}
