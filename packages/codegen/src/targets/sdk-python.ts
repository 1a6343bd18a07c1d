/**
 * The `sdk-python` target: the error module of the Python SDK (`agnes/_errors.py`).
 * It defines one exception class per Python SDK name in the registry and the
 * tables that response parsing and retries read: the class and retry flag of
 * each code, and the family class of each status. It also declares a params
 * `TypedDict` per code and the type guard `is_agnes_error`, which narrows an
 * error to its code's params.
 */
import type { ErrorEntry } from '@agnes/errors/define';
import { CodegenError } from '../errors.ts';
import type { TargetContext } from './context.ts';
import { reasonPhraseOf } from './http-status.ts';
import { PYTHON_RESERVED_NAMES, planPythonClasses, type PythonClass } from './python-classes.ts';
import { renderNarrowing } from './python-narrowing.ts';
import { planPythonParams } from './python-params.ts';
import { pythonDocstring, pythonString } from './python-syntax.ts';

/** Hand-written names that the generated module imports from `agnes._base` and re-exports. */
const BASE_NAMES = [
  'AgnesError',
  'APIError',
  'UnexpectedResponseError',
  'APIConnectionError',
  'APITimeoutError',
  'ConnectionError',
  'TimeoutError',
  'InvalidOptionError',
] as const;

/** Names that the generated module imports or defines besides its classes and tables. */
export const MODULE_NAMES = [
  'TYPE_CHECKING', 'Dict', 'List', 'Literal', 'Mapping', 'Optional', 'Type', 'TypedDict', 'Union', 'overload',
  'TypeGuard', 'error_has_code', 'is_agnes_error',
];

/** Renders `_errors.py` for a registry. */
export function sdkPythonTarget(context: TargetContext): string {
  const { registry } = context;
  const plan = planPythonClasses(registry);
  const entries = Object.entries(registry.entries as Record<string, ErrorEntry<any>>);
  for (const cls of plan.classes) {
    if (MODULE_NAMES.includes(cls.name)) {
      throw new CodegenError(`Python class ${cls.name}: the SDK's error module imports or defines this name itself (${MODULE_NAMES.join(', ')}); choose another class name`);
    }
  }
  const takenNames = new Set([...PYTHON_RESERVED_NAMES, ...MODULE_NAMES, ...plan.classes.map((cls) => cls.name)]);
  const params = planPythonParams(registry, context.schema().$defs, takenNames);
  const typingNames = [...new Set(['TYPE_CHECKING', 'Literal', 'Mapping', 'Type', 'overload', ...params.typingNames])].sort();

  const lines: string[] = [
    `# ${context.header}`,
    pythonDocstring(
      `Exception classes of the Agnes API and the registry facts that the SDK reads, for contract version ${registry.version}.\n\n` +
        'Each class name is the Python SDK name in the error registry: a code\'s own ``sdk.python`` name, ' +
        'or else the family name of its HTTP status.',
      '',
    ),
    '',
    'from __future__ import annotations',
    '',
    `from typing import ${typingNames.join(', ')}`,
    '',
    'from ._base import (',
    ...[...BASE_NAMES, 'CodeSpec'].map((name) => `    ${name},`),
    ')',
    'from ._narrow import error_has_code',
    '',
    'if TYPE_CHECKING:',
    // typing has TypeGuard only from Python 3.10 on. This import never runs, and type checkers bring
    // their own typing_extensions stubs, so the SDK still needs only the standard library on 3.9.
    '    from typing_extensions import TypeGuard',
    '',
    `CONTRACT_VERSION = ${pythonString(registry.version)}`,
    '"""Version of the error contract that this module was generated from."""',
  ];

  for (const cls of plan.classes) lines.push('', '', ...renderClass(cls, entries));
  lines.push(...params.lines);

  lines.push(
    '',
    '',
    'FAMILY_CLASS_BY_STATUS: Mapping[int, Type[APIError]] = {',
    ...[...plan.familyByStatus].map(([status, name]) => `    ${status}: ${name},`),
    '}',
    '"""Class raised for each status that has a family, when the body has no known code."""',
    '',
    'SPEC_BY_CODE: Mapping[str, CodeSpec] = {',
    ...entries.map(([code, entry]) => `    ${pythonString(code)}: ${renderSpec(entry, plan.classByCode.get(code)!)},`),
    '}',
    '"""Status, class and retry policy of every code in the registry."""',
    ...renderNarrowing(entries.map(([code]) => ({ code, className: plan.classByCode.get(code)!, paramsType: params.typeByCode.get(code)! }))),
    '',
    '',
    '__all__ = [',
    ...[...BASE_NAMES, ...plan.classes.map((cls) => cls.name), ...params.names, 'is_agnes_error'].map((name) => `    ${pythonString(name)},`),
    ']',
    '',
  );
  return lines.join('\n');
}

function renderSpec(entry: ErrorEntry<any>, className: string): string {
  const members = [`status=${entry.status}`, `error_class=${className}`, `retryable=${entry.retry.retryable ? 'True' : 'False'}`];
  if (entry.retry.afterParam !== undefined) members.push(`retry_after_param=${pythonString(entry.retry.afterParam)}`);
  return `CodeSpec(${members.join(', ')})`;
}

function renderClass(cls: PythonClass, entries: readonly [string, ErrorEntry<any>][]): string[] {
  return [`class ${cls.name}(${cls.parent}):`, pythonDocstring(describeClass(cls, entries), '    ')];
}

function describeClass(cls: PythonClass, entries: readonly [string, ErrorEntry<any>][]): string {
  const codes = cls.codes.map((code) => `\`\`${code}\`\``).join(', ');
  if (cls.familyOf.length > 0) {
    const statuses = cls.familyOf.map((status) => `${status} ${reasonPhraseOf(status) ?? ''}`.trim()).join(', ');
    const raisedFor = codes === '' ? 'unknown codes' : `${codes}, and for unknown codes`;
    return `HTTP ${statuses}: raised for ${raisedFor} with ${cls.familyOf.length > 1 ? 'these statuses' : 'this status'}.`;
  }
  const summaries = cls.codes.map((code) => {
    const entry = entries.find(([name]) => name === code)?.[1];
    return `\`\`${code}\`\` (HTTP ${entry?.status}): ${entry?.summary}.`;
  });
  return summaries.join('\n');
}
