/**
 * The TypeScript SDK's class module. It declares a family class per HTTP status that a
 * code uses, a class per code that the registry names one for, the union of codes and
 * the public params of each code (typed from the JSON Schema). Its tables map code to
 * class, status to family class, and code to retry policy, for the SDK's parser and client.
 */
import { SDK_RESERVED_CLASS_NAMES, type ErrorEntry, type Registry } from '@agnes/errors/define';
import type { Definition } from 'ts-json-schema-generator';
import { CodegenError } from '../errors.ts';
import { envelopeSchemaName } from '../naming.ts';
import type { TargetContext } from './context.ts';
import { docComment, schemaDocOf, TypeScriptTypeWriter } from './typescript-types.ts';

/** Import path of the SDK's hand-written `APIError`, relative to the generated module. */
export const SDK_API_ERROR_IMPORT = '../errors/api-error.ts';

/** Names that the SDK's hand-written modules or this module already use; no class or type may take them. */
const RESERVED_NAMES: ReadonlySet<string> = new Set(SDK_RESERVED_CLASS_NAMES.typescript);

interface ClassPlan {
  /** Family class of each status that a code uses, ascending by status. */
  familyByStatus: Map<number, string>;
  /** Code classes in registry order, each with its status and the codes that raise it. */
  codeClasses: Map<string, { status: number; codes: string[] }>;
  /** The class that each code raises. */
  classByCode: Map<string, string>;
}

/** Renders the SDK's class module for a registry. */
export function sdkTypeScriptTarget(context: TargetContext): string {
  const { registry } = context;
  const entries = Object.entries(registry.entries as Record<string, ErrorEntry<any>>);
  const plan = planClasses(registry, entries);
  const writer = new TypeScriptTypeWriter(context.schema().$defs);
  const paramsLines = publicParamsLines(entries, context.schema().$defs, writer);
  const definitionLines = referencedDefinitionLines(writer, context.schema().$defs, plan);

  const lines = [
    `// ${context.header}`,
    '/**',
    ` * Error classes, codes and retry policies of the error registry, contract version ${registry.version}.`,
    ' * The SDK\'s parser and client read the tables at the end of this file.',
    ' */',
    `import { APIError } from '${SDK_API_ERROR_IMPORT}';`,
    '',
    '/** Every code of the registry. */',
    'export type ErrorCode =',
    ...entries.map(([code], index) => `  | '${code}'${index === entries.length - 1 ? ';' : ''}`),
    '',
    ...definitionLines,
    '/** Public params of each code: the members that its envelope adds to `detail`, `code`, `request_id` and `doc_url`. */',
    'export interface PublicParamsByCode {',
    ...paramsLines,
    '}',
    '',
    '/** Retry policy of a code: whether SDKs retry it, and the param that carries the server\'s delay in seconds. */',
    'export interface CodeRetryPolicy {',
    '  readonly retryable: boolean;',
    '  readonly afterParam?: string;',
    '}',
    '',
    ...familyClassLines(plan),
    ...codeClassLines(plan, registry),
    '/** The family class of each HTTP status that a code uses; unknown codes with that status raise it. */',
    'export const FAMILY_CLASS_BY_STATUS: Readonly<Record<number, typeof APIError>> = {',
    ...[...plan.familyByStatus].map(([status, name]) => `  ${status}: ${name},`),
    '};',
    '',
    '/** The retry policies of codes without a delay param, shared by those codes and frozen, so no code can change another\'s. */',
    'const RETRYABLE: CodeRetryPolicy = Object.freeze({ retryable: true });',
    'const NOT_RETRYABLE: CodeRetryPolicy = Object.freeze({ retryable: false });',
    '',
    // One table instead of one object per export keeps each code name once in the SDK bundle.
    '/** Each code with the class that it raises and its retry policy from the registry, in registry order. */',
    'const CODE_TABLE: readonly (readonly [ErrorCode, typeof APIError, CodeRetryPolicy])[] = [',
    ...entries.map(([code, entry]) => `  ['${code}', ${plan.classByCode.get(code)}, ${retryPolicyLiteral(entry)}],`),
    '];',
    '',
    '/** The class type of each code. */',
    'export interface ErrorClassByCode {',
    ...entries.map(([code]) => `  ${code}: typeof ${plan.classByCode.get(code)};`),
    '}',
    '',
    '/** The class that each code raises. */',
    'export const ERROR_CLASS_BY_CODE = Object.fromEntries(',
    '  CODE_TABLE.map(([code, ErrorClass]) => [code, ErrorClass]),',
    ') as unknown as Readonly<ErrorClassByCode>;',
    '',
    '/** Retry policy of each code, from the registry. */',
    'export const RETRY_POLICY_BY_CODE = Object.fromEntries(',
    '  CODE_TABLE.map(([code, , policy]) => [code, policy]),',
    ') as Readonly<Record<ErrorCode, CodeRetryPolicy>>;',
  ];
  return `${lines.join('\n')}\n`;
}

/** Decides which classes exist and which class each code raises, and rejects names that would clash. */
function planClasses(registry: Registry, entries: [string, ErrorEntry<any>][]): ClassPlan {
  const statuses = [...new Set(entries.map(([, entry]) => entry.status))].sort((a, b) => a - b);
  const familyByStatus = new Map<number, string>();
  const statusByFamily = new Map<string, number>();
  for (const status of statuses) {
    const name = registry.families[status]?.typescript;
    if (!name) throw new CodegenError(`Status ${status} (families): no SDK family class is named for it; add families[${status}] to the registry`);
    checkName(name, `families[${status}].typescript`);
    const other = statusByFamily.get(name);
    if (other !== undefined) {
      throw new CodegenError(`Status ${status} (families): class ${name} is already the family of status ${other}; give each status its own family class`);
    }
    familyByStatus.set(status, name);
    statusByFamily.set(name, status);
  }

  const codeClasses = new Map<string, { status: number; codes: string[] }>();
  const classByCode = new Map<string, string>();
  for (const [code, entry] of entries) {
    const family = familyByStatus.get(entry.status)!;
    const own = entry.sdk?.typescript;
    if (own === undefined || own === family) {
      classByCode.set(code, family);
      continue;
    }
    checkName(own, `Code "${code}" (sdk.typescript)`);
    if (statusByFamily.has(own)) {
      throw new CodegenError(`Code "${code}" (sdk.typescript): ${own} is the family class of status ${statusByFamily.get(own)}, not of ${entry.status}; choose another class name`);
    }
    const shared = codeClasses.get(own);
    if (shared && shared.status !== entry.status) {
      throw new CodegenError(
        `Code "${code}" (sdk.typescript): class ${own} is already used by "${shared.codes[0]}" with status ${shared.status}; a class can only extend one status family, so choose another name`,
      );
    }
    if (shared) shared.codes.push(code);
    else codeClasses.set(own, { status: entry.status, codes: [code] });
    classByCode.set(code, own);
  }
  return { familyByStatus, codeClasses, classByCode };
}

function checkName(name: string, where: string): void {
  if (RESERVED_NAMES.has(name)) {
    throw new CodegenError(`${where}: ${name} is a name that the SDK already uses for its own classes or tables; choose another class name`);
  }
}

/** Members of `PublicParamsByCode`: each code's public params, typed from its envelope definition. */
function publicParamsLines(entries: [string, ErrorEntry<any>][], defs: Record<string, Definition>, writer: TypeScriptTypeWriter): string[] {
  const lines: string[] = [];
  for (const [code, entry] of entries) {
    const doc = `\`${code}\` (HTTP ${entry.status}): ${entry.summary}.`;
    lines.push(...docComment(entry.deprecated ? `${doc}\n@deprecated${deprecationText(entry)}` : doc, '  '));

    const envelope = defs[envelopeSchemaName(code)];
    if (!envelope || typeof envelope !== 'object' || !envelope.properties) {
      throw new CodegenError(`Code "${code}" (schema): the JSON Schema has no object definition ${envelopeSchemaName(code)}; this is a codegen bug`);
    }
    const publicNames = Object.entries(entry.params ?? {})
      .filter(([, visibility]) => visibility === 'public')
      .map(([name]) => name);
    if (publicNames.length === 0) {
      lines.push(`  ${code}: Record<never, never>;`);
      continue;
    }
    const params: Definition = { type: 'object', properties: {}, required: [] };
    for (const name of publicNames) {
      const schema = envelope.properties[name];
      if (schema === undefined) {
        throw new CodegenError(`Code "${code}" (params.${name}): the param is public but ${envelopeSchemaName(code)} in the JSON Schema has no member "${name}"; regenerate the schema`);
      }
      params.properties![name] = schema;
      if (envelope.required?.includes(name)) params.required!.push(name);
    }
    lines.push(`  ${code}: {`, ...writer.membersOf(params, '    '), '  };');
  }
  return lines;
}

function deprecationText(entry: ErrorEntry<any>): string {
  const replacement = entry.deprecated?.replacement;
  return replacement ? ` use \`${replacement}\` instead` : '';
}

/** Declarations of the `$defs` types that params reference, such as `FieldError`, including what those reference. */
function referencedDefinitionLines(writer: TypeScriptTypeWriter, defs: Record<string, Definition>, plan: ClassPlan): string[] {
  const classNames = new Set([...plan.familyByStatus.values(), ...plan.codeClasses.keys()]);
  const lines: string[] = [];
  for (let index = 0; index < writer.referenced.length; index++) {
    const name = writer.referenced[index]!;
    if (RESERVED_NAMES.has(name) || classNames.has(name)) {
      throw new CodegenError(`Type ${name} that a public param uses has the name of an SDK class or table; rename the type`);
    }
    const definition = defs[name];
    if (!definition || typeof definition !== 'object') {
      throw new CodegenError(`Type ${name} is referenced by a public param but missing from the JSON Schema's $defs; this is a codegen bug`);
    }
    const doc = schemaDocOf(definition, defs);
    if (doc !== undefined) lines.push(...docComment(doc, ''));
    if (definition.type === 'object' && definition.properties && definition.additionalProperties === false) {
      lines.push(`export interface ${name} {`, ...writer.membersOf(definition, '  '), '}', '');
    } else {
      lines.push(`export type ${name} = ${writer.typeOf(definition)};`, '');
    }
  }
  return lines;
}

function familyClassLines(plan: ClassPlan): string[] {
  const lines: string[] = [];
  for (const [status, name] of plan.familyByStatus) {
    const codes = [...plan.classByCode].filter(([, className]) => className === name).map(([code]) => `\`${code}\``);
    const subclasses = [...plan.codeClasses].filter(([, info]) => info.status === status).map(([className]) => className);
    const raisedFor = codes.length === 0 ? 'unknown codes' : `${codes.length === 1 ? 'code' : 'codes'} ${codes.join(', ')}, and unknown codes`;
    let doc = `HTTP ${status}: raised for ${raisedFor} with this status.`;
    if (subclasses.length > 0) {
      doc += ` Codes with their own class raise ${subclasses.length === 1 ? 'its subclass' : 'its subclasses'} ${subclasses.join(', ')}.`;
    }
    // TypeScript compares classes by their members, and family classes have the same ones. A private
    // member declared in each class makes them distinct types without emitting any JavaScript.
    // `status` stays a number: the parser picks the class by code, and a response may carry a known
    // code with another status.
    lines.push(...docComment(doc, ''), `export class ${name} extends APIError {`, `  override name = '${name}';`, '  declare private readonly familyBrand: never;', '}', '');
  }
  return lines;
}

function codeClassLines(plan: ClassPlan, registry: Registry): string[] {
  const entries = registry.entries as Record<string, ErrorEntry<any>>;
  const lines: string[] = [];
  for (const [name, info] of plan.codeClasses) {
    const family = plan.familyByStatus.get(info.status)!;
    const summaries = info.codes.map((code) => `\`${code}\` (HTTP ${info.status}): ${entries[code]!.summary}.`);
    const codes = info.codes.map((code) => `'${code}'`).join(' | ');
    lines.push(
      ...docComment(`Raised for ${summaries.join('\n')}`, ''),
      `export class ${name} extends ${family} {`,
      `  override name = '${name}';`,
      `  declare readonly code: ${codes};`,
      '}',
      '',
    );
  }
  return lines;
}

function retryPolicyLiteral(entry: ErrorEntry<any>): string {
  const { retryable, afterParam } = entry.retry;
  if (afterParam === undefined) return retryable ? 'RETRYABLE' : 'NOT_RETRYABLE';
  const after = `, afterParam: '${afterParam.replace(/['\\]/g, '\\$&')}'`;
  return `{ retryable: ${retryable}${after} }`;
}
