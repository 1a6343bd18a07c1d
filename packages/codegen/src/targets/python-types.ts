/**
 * Turns JSON Schema definitions of the generated schema into Python type text
 * for the Python SDK's params `TypedDict`s. Types are spelled with the `typing`
 * names of Python 3.9 (`List`, `Optional`, `Union`), because the SDK supports it
 * and `typing.get_type_hints` evaluates them there.
 */
import type { Definition } from 'ts-json-schema-generator';
import { DEFS_PREFIX } from '../schema-keywords.ts';
import { deprecationSentence, memberDeprecationOf } from './deprecated-annotations.ts';

/** One member of a `TypedDict`. */
export interface PythonMember {
  key: string;
  type: string;
  required: boolean;
  description?: string;
}

/** A `TypedDict` to declare: a `$defs` object, a code's params, or an inline object schema. */
export interface PythonTypedDict {
  name: string;
  description: string;
  members: PythonMember[];
}

/**
 * Converts schemas to Python type text. It records the `$defs` that they reference
 * and the `typing` names that the text uses, and names each inline object schema
 * after the member that holds it, so the module can declare it as a `TypedDict`.
 */
export class PythonTypeWriter {
  /** Names of the `$defs` that converted schemas referenced, in order of first use. */
  readonly referenced: string[] = [];
  /** Names of the `$defs` and inline `TypedDict`s that the latest `typeOf` call referenced. */
  lastReferences = new Set<string>();
  /** Inline object schemas with properties, each to be declared under its name. */
  readonly inline: PythonTypedDict[] = [];
  /** `typing` names that the converted text uses. */
  readonly typingNames = new Set<string>();

  /** The `$defs` that `$ref`s point into, read for the deprecation of a referenced type. */
  private readonly defs: Readonly<Record<string, Definition>>;

  constructor(defs: Readonly<Record<string, Definition>> = {}) {
    this.defs = defs;
  }

  /** Returns the Python type of a schema; `hint` names an inline object schema. */
  typeOf(schema: Definition | boolean | undefined, hint: string): string {
    this.lastReferences = new Set();
    return this.convert(schema, hint);
  }

  private convert(schema: Definition | boolean | undefined, hint: string): string {
    if (schema === undefined || typeof schema === 'boolean') return 'object';
    if (typeof schema.$ref === 'string') return this.refName(schema.$ref);
    if ('const' in schema) return this.literalUnion([schema.const]);
    if (Array.isArray(schema.enum)) return this.literalUnion(schema.enum);
    for (const key of ['anyOf', 'oneOf'] as const) {
      const options = schema[key];
      if (Array.isArray(options)) return this.union(options.map((option, index) => this.convert(option, `${hint}${index + 1}`)));
    }
    if (Array.isArray(schema.allOf)) {
      // NOTE: Python has no intersection type, so an allOf of several schemas is typed `object`.
      return schema.allOf.length === 1 ? this.convert(schema.allOf[0], hint) : 'object';
    }
    if (Array.isArray(schema.type)) return this.union(schema.type.map((type) => this.convert({ ...schema, type }, hint)));

    switch (schema.type) {
      case 'string':
        return 'str';
      case 'integer':
        return 'int';
      case 'number':
        return 'float';
      case 'boolean':
        return 'bool';
      case 'null':
        return 'None';
      case 'array':
        return this.arrayType(schema, hint);
      case 'object':
        return this.objectType(schema, hint);
      default:
        return 'object';
    }
  }

  /** Returns the members of an object schema; `owner` is the name of the `TypedDict` that declares them. */
  membersOf(schema: Definition, owner: string): PythonMember[] {
    const required = new Set(schema.required ?? []);
    return Object.entries(schema.properties ?? {}).map(([key, member]) => ({
      key,
      type: this.convert(member, `${owner}${identifierPart(key)}`),
      required: required.has(key),
      description: schemaDocOf(member, this.defs),
    }));
  }

  private refName(ref: string): string {
    if (!ref.startsWith(DEFS_PREFIX)) return 'object';
    const name = ref.slice(DEFS_PREFIX.length);
    if (!this.referenced.includes(name)) this.referenced.push(name);
    this.lastReferences.add(name);
    return name;
  }

  private arrayType(schema: Definition, hint: string): string {
    this.typingNames.add('List');
    // JSON arrays arrive as lists, so a tuple schema (`prefixItems`, or an `items` array before
    // JSON Schema 2020-12) becomes a list of the union of its items.
    const tuple = (schema as { prefixItems?: unknown }).prefixItems ?? schema.items;
    if (Array.isArray(tuple)) {
      const items: (Definition | boolean)[] = [...tuple];
      if (!Array.isArray(schema.items) && schema.items !== undefined && schema.items !== false) items.push(schema.items);
      return `List[${this.union(items.map((item, index) => this.convert(item, `${hint}Item${index + 1}`)))}]`;
    }
    return `List[${this.convert(schema.items as Definition | undefined, `${hint}Item`)}]`;
  }

  private objectType(schema: Definition, hint: string): string {
    if (schema.properties && Object.keys(schema.properties).length > 0) {
      // NOTE: a TypedDict cannot type extra keys, so additionalProperties beside properties is left out.
      this.inline.push({ name: hint, description: schema.description ?? '', members: this.membersOf(schema, hint) });
      this.lastReferences.add(hint);
      return hint;
    }
    this.typingNames.add('Dict');
    const extra = schema.additionalProperties;
    return `Dict[str, ${typeof extra === 'object' ? this.convert(extra, `${hint}Value`) : 'object'}]`;
  }

  /** Returns `Literal[...]` of the values that Python can spell as literals, with `None` and base types for the rest. */
  private literalUnion(values: readonly unknown[]): string {
    const literals: string[] = [];
    const others: string[] = [];
    for (const value of values) {
      if (value === null) others.push('None');
      else if (typeof value === 'string') literals.push(JSON.stringify(value));
      else if (typeof value === 'boolean') literals.push(value ? 'True' : 'False');
      else if (typeof value === 'number' && Number.isInteger(value)) literals.push(String(value));
      else if (typeof value === 'number') others.push('float');
      else others.push('object');
    }
    if (literals.length > 0) this.typingNames.add('Literal');
    return this.union([...(literals.length > 0 ? [`Literal[${[...new Set(literals)].join(', ')}]`] : []), ...others]);
  }

  /** Returns the union of types: `Optional[X]` when `None` is one of two, `Union[...]` for more. */
  private union(types: readonly string[]): string {
    const unique = [...new Set(types)];
    if (unique.includes('object')) return 'object';
    const withoutNone = unique.filter((type) => type !== 'None');
    if (withoutNone.length === 0) return unique.length === 0 ? 'object' : 'None';

    let type = withoutNone[0]!;
    if (withoutNone.length > 1) {
      this.typingNames.add('Union');
      type = `Union[${withoutNone.join(', ')}]`;
    }
    if (withoutNone.length === unique.length) return type;
    this.typingNames.add('Optional');
    return `Optional[${type}]`;
  }
}

/**
 * Returns the docstring of a `TypedDict` key or a `$defs` type: its description, then
 * "Deprecated: <reason>." when it, or the type that it references, is deprecated.
 */
export function schemaDocOf(schema: Definition | boolean, defs: Readonly<Record<string, Definition>>): string | undefined {
  const { description, deprecated, reason } = memberDeprecationOf(schema, defs);
  if (!deprecated) return description;
  const sentence = deprecationSentence(reason);
  return description === undefined ? sentence : `${description}\n\n${sentence}`;
}

/** Converts a member name to a part of a class name, such as `retry_after` or `retry-after` to `RetryAfter`. */
export function identifierPart(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((word) => word !== '');
  const part = words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('');
  return /^[0-9]/.test(part) ? `_${part}` : part;
}
