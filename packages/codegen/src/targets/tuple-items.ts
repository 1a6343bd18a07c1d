/**
 * Tuple types in params. ts-json-schema-generator 2.10.0 writes a tuple such as
 * `[{ a: number }, string]` in the draft-07 form, with a list in `items` and the rest element in
 * `additionalItems`. JSON Schema 2020-12 and OpenAPI 3.1 require `items` to be one schema, so the
 * list moves to `prefixItems` and the rest element to `items`.
 */
import type { Definition } from 'ts-json-schema-generator';
import { mapSchemas } from '../schema-keywords.ts';

/** Returns the definition with every draft-07 tuple rewritten as a 2020-12 `prefixItems` tuple. */
export function withPrefixItems(definition: Definition): Definition {
  return mapSchemas(definition, (schema) => {
    if (!Array.isArray(schema.items)) return schema;
    const { items, additionalItems, ...rest } = schema;
    return additionalItems === undefined ? { ...rest, prefixItems: items } : { ...rest, prefixItems: items, items: additionalItems };
  }) as Definition;
}
