/**
 * Turns JSON Schema definitions of the generated schema back into TypeScript type
 * text, for the SDK's per-code params types. It covers what ts-json-schema-generator
 * emits for params interfaces: primitives, literals and enums, arrays, objects,
 * unions and `$ref`s into `$defs`. Anything else becomes `unknown`.
 */
import type { Definition } from 'ts-json-schema-generator';
import { DEFS_PREFIX } from '../schema-keywords.ts';
import { memberDeprecationOf } from './deprecated-annotations.ts';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Converts schemas to type text and records which `$defs` they reference. */
export class TypeScriptTypeWriter {
  /** Names of the `$defs` that converted schemas referenced, in order of first use. */
  readonly referenced: string[] = [];

  /** The `$defs` that `$ref`s point into, read for the deprecation of a referenced type. */
  private readonly defs: Readonly<Record<string, Definition>>;

  constructor(defs: Readonly<Record<string, Definition>> = {}) {
    this.defs = defs;
  }

  /** Returns the TypeScript type of a schema; `indent` is the indentation of the line the type starts on. */
  typeOf(schema: Definition | boolean | undefined, indent = ''): string {
    if (schema === undefined || schema === true) return 'unknown';
    if (schema === false) return 'never';
    if (typeof schema.$ref === 'string') return this.refName(schema.$ref);
    if ('const' in schema) return literal(schema.const);
    if (Array.isArray(schema.enum)) return schema.enum.map(literal).join(' | ') || 'never';
    for (const key of ['anyOf', 'oneOf'] as const) {
      const options = schema[key];
      if (Array.isArray(options)) return union(options.map((option) => this.typeOf(option, indent)));
    }
    if (Array.isArray(schema.allOf)) return schema.allOf.map((part) => wrap(this.typeOf(part, indent))).join(' & ');
    if (Array.isArray(schema.type)) return union(schema.type.map((type) => this.typeOf({ ...schema, type }, indent)));

    switch (schema.type) {
      case 'string':
        return 'string';
      case 'number':
      case 'integer':
        return 'number';
      case 'boolean':
        return 'boolean';
      case 'null':
        return 'null';
      case 'array':
        return this.arrayType(schema, indent);
      case 'object':
        return this.objectType(schema, indent);
      default:
        return 'unknown';
    }
  }

  /** Returns the members of an object schema as interface body lines, each with its JSDoc. */
  membersOf(schema: Definition, indent: string): string[] {
    const required = new Set(schema.required ?? []);
    const lines: string[] = [];
    for (const [name, member] of Object.entries(schema.properties ?? {})) {
      const doc = schemaDocOf(member, this.defs);
      if (doc !== undefined) lines.push(...docComment(doc, indent));
      const key = IDENTIFIER.test(name) ? name : JSON.stringify(name);
      lines.push(`${indent}${key}${required.has(name) ? '' : '?'}: ${this.typeOf(member, indent)};`);
    }
    return lines;
  }

  private refName(ref: string): string {
    if (!ref.startsWith(DEFS_PREFIX)) return 'unknown';
    const name = ref.slice(DEFS_PREFIX.length);
    if (!this.referenced.includes(name)) this.referenced.push(name);
    return name;
  }

  private arrayType(schema: Definition, indent: string): string {
    const tuple = (schema as { prefixItems?: unknown }).prefixItems ?? schema.items;
    if (Array.isArray(tuple)) {
      const elements = (tuple as (Definition | boolean)[]).map((item, index) => {
        const optional = typeof schema.minItems === 'number' && index >= schema.minItems ? '?' : '';
        return `${wrap(this.typeOf(item, indent))}${optional}`;
      });
      const rest = Array.isArray(schema.items) ? schema.additionalItems : schema.items;
      if (rest !== undefined && rest !== false) elements.push(`...${wrap(this.typeOf(rest, indent))}[]`);
      return `[${elements.join(', ')}]`;
    }
    return `${wrap(this.typeOf(schema.items as Definition | undefined, indent))}[]`;
  }

  private objectType(schema: Definition, indent: string): string {
    const members = this.membersOf(schema, `${indent}  `);
    const extra = schema.additionalProperties;
    if (typeof extra === 'object') members.push(`${indent}  [key: string]: ${this.typeOf(extra, `${indent}  `)};`);
    if (members.length === 0) return extra === false ? 'Record<never, never>' : 'Record<string, unknown>';
    return `{\n${members.join('\n')}\n${indent}}`;
  }
}

/**
 * Returns the JSDoc text of an object member or a `$defs` type: its description, then `@deprecated`
 * with the reason when it, or the type that it references, is deprecated.
 */
export function schemaDocOf(schema: Definition | boolean, defs: Readonly<Record<string, Definition>>): string | undefined {
  const { description, deprecated, reason } = memberDeprecationOf(schema, defs);
  if (!deprecated) return description;
  const tag = reason === undefined ? '@deprecated' : `@deprecated ${reason}`;
  return description === undefined ? tag : `${description}\n${tag}`;
}

/** Formats a description as JSDoc lines at an indentation. */
export function docComment(text: string, indent: string): string[] {
  const lines = text.replaceAll('*/', '*\\/').split('\n');
  if (lines.length === 1) return [`${indent}/** ${lines[0]} */`];
  return [`${indent}/**`, ...lines.map((line) => `${indent} *${line === '' ? '' : ` ${line}`}`), `${indent} */`];
}

function literal(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

function union(types: string[]): string {
  return [...new Set(types)].join(' | ') || 'never';
}

/** Parenthesizes a union or intersection so that `[]` and `&` bind to the whole type. */
function wrap(type: string): string {
  let depth = 0;
  let quoted = false;
  for (let index = 0; index < type.length; index++) {
    const char = type[index];
    if (quoted) {
      if (char === '\\') index++;
      else if (char === '"') quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === '{' || char === '[' || char === '(') depth++;
    else if (char === '}' || char === ']' || char === ')') depth--;
    else if (depth === 0 && (char === '|' || char === '&')) return `(${type})`;
  }
  return type;
}
