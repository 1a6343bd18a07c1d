/**
 * Checks of SDK class names across codes and status families. They repeat the
 * rules by which codegen's TypeScript and Python SDK targets plan their
 * classes, so that a registry that either target would reject already fails
 * in `validateRegistry`, before any codegen run writes a file.
 *
 * NOTE: core reads only the registry, not the TypeScript types of the params
 * interfaces. A class named like a type that a public param references, such as
 * `FieldError` of `validation_failed`, passes here. The SDK targets reject it,
 * but only in their own codegen runs, after the run for core has written
 * schema.json, openapi.json and contract.json.
 */
import type { ErrorEntry, SdkClassNames } from './define.ts';
import { toPascalCase } from './code-names.ts';
import type { RegistryIssue } from './validate.ts';

/**
 * Names that each SDK defines itself, in its hand-written modules or in the
 * tables of its generated error module, so that no registry class may take them.
 * Codegen's SDK targets reject the same names.
 */
export const SDK_RESERVED_CLASS_NAMES: Readonly<{ typescript: readonly string[]; python: readonly string[] }> = Object.freeze({
  typescript: Object.freeze([
    'AgnesError', 'APIError', 'APIConnectionError', 'APITimeoutError', 'APIUserAbortError', 'UnexpectedResponseError',
    'InvalidOptionError', 'ErrorCode', 'PublicParamsByCode', 'CodeRetryPolicy', 'ERROR_CLASS_BY_CODE',
    'FAMILY_CLASS_BY_STATUS', 'RETRY_POLICY_BY_CODE', 'RETRYABLE', 'NOT_RETRYABLE', 'CODE_TABLE', 'ErrorClassByCode',
  ]),
  python: Object.freeze([
    'AgnesError', 'APIError', 'UnexpectedResponseError', 'APIConnectionError', 'APITimeoutError', 'ConnectionError',
    'TimeoutError', 'InvalidOptionError', 'CodeSpec', 'CONTRACT_VERSION', 'FAMILY_CLASS_BY_STATUS', 'SPEC_BY_CODE',
    // Names that the generated error module imports or defines besides its classes and tables.
    'TYPE_CHECKING', 'Dict', 'List', 'Literal', 'Mapping', 'Optional', 'Type', 'TypedDict', 'Union', 'overload',
    'TypeGuard', 'error_has_code', 'is_agnes_error',
  ]),
});

type Language = keyof SdkClassNames;
type Families = Readonly<Record<number, SdkClassNames>>;

const LANGUAGE_NAMES: Record<Language, string> = { typescript: 'TypeScript', python: 'Python' };

/**
 * Returns an issue for each SDK class name that a codegen SDK target would
 * reject: a name that the SDK defines itself, a TypeScript family class shared
 * by two statuses that codes use, a code class that is the family class of
 * another status, or a code class shared by codes under different families.
 * Statuses without a family are left to the status check.
 */
export function sdkClassIssues(entries: ReadonlyMap<string, ErrorEntry<any>>, families: Families): RegistryIssue[] {
  return [...typeScriptIssues(entries, families), ...pythonIssues(entries, families)];
}

/**
 * Returns the TypeScript class issues. The TypeScript SDK declares a family class only for the
 * statuses that codes use, and each of them needs its own.
 */
function typeScriptIssues(entries: ReadonlyMap<string, ErrorEntry<any>>, families: Families): RegistryIssue[] {
  const issues: RegistryIssue[] = [];
  const used = [...new Set([...entries.values()].map((entry) => entry.status))].filter((status) => families[status]).sort((a, b) => a - b);
  const statusByFamily = new Map<string, number>();
  for (const status of used) {
    const name = families[status]!.typescript;
    const field = `families.${status}.typescript`;
    if (isReserved(name, 'typescript')) issues.push({ code: '*', field, message: reservedMessage(name, 'typescript') });
    const other = statusByFamily.get(name);
    if (other !== undefined) {
      issues.push({
        code: '*',
        field,
        message: `"${name}" is also the TypeScript family class of status ${other}, but each status that a code uses needs its own TypeScript family class; rename one of them`,
      });
    } else {
      statusByFamily.set(name, status);
    }
  }

  const classByName = new Map<string, { code: string; status: number }>();
  for (const [code, entry] of entries) {
    const family = families[entry.status]?.typescript;
    const own = entry.sdk?.typescript;
    if (family === undefined || own === undefined || own === family) continue;
    const familyOf = statusByFamily.get(own);
    issues.push(...codeClassIssues(code, entry.status, own, family, 'typescript', familyOf));
    if (familyOf !== undefined) continue;
    const shared = classByName.get(own);
    if (shared === undefined) classByName.set(own, { code, status: entry.status });
    else if (shared.status !== entry.status) issues.push(sharedClassIssue(code, own, shared.code, families[shared.status]!.typescript, 'typescript'));
  }
  return issues;
}

/**
 * Returns the Python class issues. The Python SDK declares a class for every family, and several
 * statuses may share one. Its error module also declares a `<Code>Params` TypedDict for every code,
 * so no class may take such a name.
 */
function pythonIssues(entries: ReadonlyMap<string, ErrorEntry<any>>, families: Families): RegistryIssue[] {
  const issues: RegistryIssue[] = [...paramsNameIssues(entries, families)];
  const statusesByFamily = new Map<string, number[]>();
  const statuses = Object.keys(families).map(Number).sort((a, b) => a - b);
  for (const status of statuses) {
    const name = families[status]!.python;
    if (isReserved(name, 'python')) issues.push({ code: '*', field: `families.${status}.python`, message: reservedMessage(name, 'python') });
    statusesByFamily.set(name, [...(statusesByFamily.get(name) ?? []), status]);
  }

  const classByName = new Map<string, { code: string; family: string }>();
  for (const [code, entry] of entries) {
    const family = families[entry.status]?.python;
    const own = entry.sdk?.python;
    if (family === undefined || own === undefined || own === family) continue;
    const familyOf = statusesByFamily.get(own)?.join(', ');
    issues.push(...codeClassIssues(code, entry.status, own, family, 'python', familyOf));
    if (familyOf !== undefined) continue;
    const shared = classByName.get(own);
    if (shared === undefined) classByName.set(own, { code, family });
    else if (shared.family !== family) issues.push(sharedClassIssue(code, own, shared.code, shared.family, 'python'));
  }
  return issues;
}

/** Problems of a code's own class name: reserved by the SDK, or the family class of other statuses. */
function codeClassIssues(
  code: string,
  status: number,
  own: string,
  family: string,
  language: Language,
  familyOf: number | string | undefined,
): RegistryIssue[] {
  const field = `sdk.${language}`;
  const issues: RegistryIssue[] = [];
  if (isReserved(own, language)) issues.push({ code, field, message: reservedMessage(own, language) });
  if (familyOf !== undefined) {
    issues.push({
      code,
      field,
      message:
        `"${own}" is the ${LANGUAGE_NAMES[language]} family class of status ${familyOf}, but this code has status ${status}, ` +
        `and a code class must extend the family class of its own status; use "${family}" or a class name of the code's own`,
    });
  }
  return issues;
}

function sharedClassIssue(code: string, own: string, otherCode: string, otherFamily: string, language: Language): RegistryIssue {
  return {
    code,
    field: `sdk.${language}`,
    message:
      `"${own}" is already the ${LANGUAGE_NAMES[language]} class of "${otherCode}", which extends ${otherFamily}, ` +
      'and a class can extend one family class only; give this code another class name',
  };
}

function isReserved(name: string, language: Language): boolean {
  return SDK_RESERVED_CLASS_NAMES[language].includes(name);
}

function reservedMessage(name: string, language: Language): string {
  return `"${name}" is a name that the ${LANGUAGE_NAMES[language]} SDK defines itself (${SDK_RESERVED_CLASS_NAMES[language].join(', ')}); choose another class name`;
}

/** Returns an issue for each Python class name that is the `<Code>Params` TypedDict name of a code. */
function paramsNameIssues(entries: ReadonlyMap<string, ErrorEntry<any>>, families: Families): RegistryIssue[] {
  const codeByParamsName = new Map([...entries.keys()].map((code) => [`${toPascalCase(code)}Params`, code]));
  const message = (name: string, code: string) =>
    `"${name}" is the name of the TypedDict of the params of "${code}" in the Python SDK; choose another class name`;
  const issues: RegistryIssue[] = [];
  for (const [status, names] of Object.entries(families)) {
    const code = codeByParamsName.get(names.python);
    if (code !== undefined) issues.push({ code: '*', field: `families.${status}.python`, message: message(names.python, code) });
  }
  for (const [code, entry] of entries) {
    const own = entry.sdk?.python;
    const other = own === undefined ? undefined : codeByParamsName.get(own);
    if (own !== undefined && other !== undefined) issues.push({ code, field: 'sdk.python', message: message(own, other) });
  }
  return issues;
}
