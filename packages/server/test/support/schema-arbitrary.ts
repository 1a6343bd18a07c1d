/**
 * fast-check arbitraries drawn from the contract's JSON Schema, for the subset of keywords that the
 * envelope schemas use. Contract errors built from them have params that the contract allows.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';

interface SchemaNode {
  $ref?: string;
  type?: string;
  const?: unknown;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
  required?: string[];
}

const require = createRequire(import.meta.url);
const document = JSON.parse(readFileSync(require.resolve('@agnes/errors/schema.json'), 'utf8')) as {
  $defs: Record<string, SchemaNode>;
};

/** Returns the envelope schema of a code: the definition whose `code` member is that constant. */
export function envelopeSchemaOf(code: string): SchemaNode {
  const found = Object.values(document.$defs).find((definition) => definition.properties?.code?.const === code);
  if (!found) throw new Error(`schema.json has no envelope for "${code}"; regenerate it with pnpm --filter @agnes/errors codegen`);
  return found;
}

/** HTTP method tokens of RFC 9110, which the renderer requires in `allowed_methods`. */
const methodToken = fc.stringMatching(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,12}$/);

/**
 * Returns an arbitrary of the values of a public param that the renderer sends. The values follow
 * the param's member schema in the code's envelope, plus the renderer's one rule beyond the
 * schema: each item of `allowed_methods` is an HTTP method token, because the list becomes the
 * `Allow` header.
 */
export function publicParamOf(code: string, name: string): fc.Arbitrary<unknown> {
  const member = envelopeSchemaOf(code).properties?.[name] ?? {};
  if (name !== 'allowed_methods') return arbitraryOf(member);
  return fc.uniqueArray(methodToken, { minLength: member.minItems ?? 0, maxLength: 4 });
}

/** Returns an arbitrary of the values that a schema node accepts. */
export function arbitraryOf(node: SchemaNode): fc.Arbitrary<unknown> {
  if (node.$ref) return arbitraryOf(document.$defs[node.$ref.replace('#/$defs/', '')] ?? {});
  if (node.const !== undefined) return fc.constant(node.const);
  if (node.enum) return fc.constantFrom(...node.enum);
  switch (node.type) {
    case 'string':
      return stringOf(node);
    case 'integer':
      return fc.integer({ min: node.minimum ?? -1_000_000, max: node.maximum ?? 1_000_000 });
    case 'number':
      return fc.double({ min: node.minimum ?? -1e6, max: node.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const constraints = { minLength: node.minItems ?? 0, maxLength: Math.min(node.maxItems ?? 4, 4) };
      const items = arbitraryOf(node.items ?? {});
      return node.uniqueItems ? fc.uniqueArray(items, { ...constraints, selector: (item) => JSON.stringify(item) }) : fc.array(items, constraints);
    }
    case 'object':
      return fc.record(
        Object.fromEntries(Object.entries(node.properties ?? {}).map(([name, child]) => [name, arbitraryOf(child)])),
        { requiredKeys: node.required ?? [] },
      );
    default:
      return fc.jsonValue();
  }
}

function stringOf(node: SchemaNode): fc.Arbitrary<string> {
  if (node.format === 'uri') return fc.webUrl();
  if (node.format === 'date-time') {
    return fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2199-12-31T23:59:59Z'), noInvalidDate: true }).map((date) => date.toISOString());
  }
  const length = { minLength: node.minLength ?? 0, maxLength: node.maxLength ?? 40 };
  if (node.pattern) {
    return fc.stringMatching(new RegExp(node.pattern)).filter((value) => value.length >= length.minLength && value.length <= length.maxLength);
  }
  return fc.string({ ...length, unit: 'grapheme' });
}
