/**
 * Plans the typed params of the Python SDK: a `TypedDict` per code named like the
 * TypeScript params interface (`forbidden` gets `ForbiddenParams`), one per `$defs`
 * object that a public param references, and aliases for the other `$defs`.
 */
import type { ErrorEntry, Registry } from '@agnes/errors/define';
import type { Definition } from 'ts-json-schema-generator';
import { CodegenError } from '../errors.ts';
import { envelopeSchemaName, paramsTypeName } from '../naming.ts';
import { PYTHON_BUILTIN_NAMES } from './python-builtins.ts';
import { narrowedClassName } from './python-narrowing.ts';
import { pythonDocstring } from './python-syntax.ts';
import { PYTHON_HARD_KEYWORDS, renderTypedDict, typedDictBaseNames } from './python-typed-dict.ts';
import { PythonTypeWriter, schemaDocOf, type PythonTypedDict } from './python-types.ts';

/** Built-in names that the writer puts into annotations. */
const ANNOTATION_BUILTINS = ['str', 'int', 'float', 'bool', 'object', 'None'];

/** The params types of a registry, ready to write into the module. */
export interface PythonParamsPlan {
  /** Declarations: `TypedDict`s first, then aliases in dependency order. */
  lines: string[];
  /** Public names that the declarations define, in order. */
  names: string[];
  /** The params `TypedDict` of each code. */
  typeByCode: Map<string, string>;
  /** `typing` names that the declarations use. */
  typingNames: Set<string>;
}

/**
 * Plans the params types of every code from the JSON Schema.
 *
 * @param takenNames names that the module defines otherwise, such as its classes and tables.
 * @throws {CodegenError} for a type name that is taken, a keyword or a built-in, for a class or type named
 * like a private helper of the module (`_GoneError`, `_GoneParamsRequired`), and for aliases that refer to each other in a cycle.
 */
export function planPythonParams(registry: Registry, defs: Record<string, Definition>, takenNames: ReadonlySet<string>): PythonParamsPlan {
  const writer = new PythonTypeWriter(defs);
  const typedDicts: PythonTypedDict[] = [];
  const typeByCode = new Map<string, string>();
  const ownerByName = new Map<string, string>();
  const claim = (name: string, owner: string) => {
    checkTypeName(name, owner, takenNames);
    const other = ownerByName.get(name);
    if (other !== undefined) throw new CodegenError(`${owner}: the Python type name ${name} is already used by ${other}; rename one of them`);
    ownerByName.set(name, owner);
  };

  for (const [code, entry] of Object.entries(registry.entries as Record<string, ErrorEntry<any>>)) {
    const name = paramsTypeName(code);
    claim(name, `Code "${code}" (params)`);
    typeByCode.set(code, name);
    typedDicts.push({ name, description: describeParams(code, entry), members: writer.membersOf(publicParamsSchema(code, entry, defs), name) });
  }

  const aliases: { name: string; type: string; description: string; references: Set<string> }[] = [];
  for (let index = 0; index < writer.referenced.length; index++) {
    const name = writer.referenced[index]!;
    claim(name, `Type ${name} that a public param uses`);
    const definition = defs[name];
    if (!definition || typeof definition !== 'object') {
      throw new CodegenError(`Type ${name} is referenced by a public param but missing from the JSON Schema's $defs; this is a codegen bug`);
    }
    const description = schemaDocOf(definition, defs) ?? '';
    if (definition.type === 'object' && definition.properties && Object.keys(definition.properties).length > 0) {
      typedDicts.push({ name, description, members: writer.membersOf(definition, name) });
    } else {
      aliases.push({ name, type: writer.typeOf(definition, name), description, references: writer.lastReferences });
    }
  }
  for (const inline of writer.inline) claim(inline.name, `The inline object type ${inline.name} of a public param`);
  typedDicts.push(...writer.inline);

  // The module also declares private helpers: the type-only class of each code that `is_agnes_error`
  // narrows to, and the bases of a TypedDict with both required and optional keys. Claiming them here
  // rejects a class or type of the same name before the module redeclares it.
  const publicNames = [...ownerByName.keys()];
  for (const code of typeByCode.keys()) claim(narrowedClassName(code), `The class that is_agnes_error narrows code "${code}" to`);
  for (const { name } of typedDicts) {
    const bases = typedDictBaseNames(name);
    claim(bases.required, `The base class of the required keys of ${name}`);
    claim(bases.optional, `The base class of the optional keys of ${name}`);
  }

  const moduleNames = new Set([...takenNames, ...publicNames, ...writer.typingNames, ...ANNOTATION_BUILTINS]);
  const lines: string[] = [];
  for (const typedDict of typedDicts) lines.push('', '', ...renderTypedDict(typedDict, moduleNames));
  for (const alias of sortAliases(aliases)) {
    lines.push('', `${alias.name} = ${alias.type}`);
    if (alias.description !== '') lines.push(pythonDocstring(alias.description, ''));
  }
  if (typedDicts.length > 0) writer.typingNames.add('TypedDict');
  return { lines, names: publicNames, typeByCode, typingNames: writer.typingNames };
}

function describeParams(code: string, entry: ErrorEntry<any>): string {
  const deprecated = entry.deprecated ? ` Deprecated${entry.deprecated.replacement ? `: use \`\`${entry.deprecated.replacement}\`\` instead` : ''}.` : '';
  return `Public params of \`\`${code}\`\` (HTTP ${entry.status}): ${entry.summary}.${deprecated}`;
}

/** Builds the object schema of a code's public params from its envelope definition. */
function publicParamsSchema(code: string, entry: ErrorEntry<any>, defs: Record<string, Definition>): Definition {
  const envelope = defs[envelopeSchemaName(code)];
  if (!envelope || typeof envelope !== 'object' || !envelope.properties) {
    throw new CodegenError(`Code "${code}" (schema): the JSON Schema has no object definition ${envelopeSchemaName(code)}; this is a codegen bug`);
  }
  const schema: Definition = { type: 'object', properties: {}, required: [] };
  for (const [name, visibility] of Object.entries(entry.params ?? {})) {
    if (visibility !== 'public') continue;
    const member = envelope.properties[name];
    if (member === undefined) {
      throw new CodegenError(`Code "${code}" (params.${name}): the param is public but ${envelopeSchemaName(code)} in the JSON Schema has no member "${name}"; regenerate the schema`);
    }
    schema.properties![name] = member;
    if (envelope.required?.includes(name)) schema.required!.push(name);
  }
  return schema;
}

function checkTypeName(name: string, owner: string, takenNames: ReadonlySet<string>): void {
  if (PYTHON_HARD_KEYWORDS.has(name) || PYTHON_BUILTIN_NAMES.has(name)) {
    throw new CodegenError(`${owner}: the Python type name ${name} is a Python keyword or built-in; rename the type or the code`);
  }
  if (takenNames.has(name)) {
    throw new CodegenError(`${owner}: the Python type name ${name} is already a class or table of the Python SDK; rename the type or the class`);
  }
}

/** Orders aliases so that each comes after the aliases that it refers to, because Python evaluates them at import. */
function sortAliases<T extends { name: string; references: Set<string> }>(aliases: T[]): T[] {
  const byName = new Map(aliases.map((alias) => [alias.name, alias]));
  const sorted: T[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (alias: T, path: string[]) => {
    if (state.get(alias.name) === 'done') return;
    if (state.get(alias.name) === 'visiting') {
      throw new CodegenError(`Types ${[...path, alias.name].join(' -> ')} refer to each other in a cycle, which a Python type alias cannot; wrap one of them in an interface`);
    }
    state.set(alias.name, 'visiting');
    for (const reference of alias.references) {
      const target = byName.get(reference);
      if (target) visit(target, [...path, alias.name]);
    }
    state.set(alias.name, 'done');
    sorted.push(alias);
  };
  for (const alias of aliases) visit(alias, []);
  return sorted;
}
