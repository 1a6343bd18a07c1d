/**
 * Plans the Python exception classes of a registry: one class per Python SDK
 * name, each under its parent (a status family under `APIError`, a code class
 * under its status family), and the class that each code and status raises.
 */
import type { ErrorEntry, Registry } from '@agnes/errors/define';
import { CodegenError } from '../errors.ts';

/** Names that the hand-written part of the Python SDK defines; a registry class may not take them. */
export const PYTHON_RESERVED_NAMES = [
  'AgnesError',
  'APIError',
  'UnexpectedResponseError',
  'APIConnectionError',
  'APITimeoutError',
  'ConnectionError',
  'TimeoutError',
  'InvalidOptionError',
  'CodeSpec',
  'CONTRACT_VERSION',
  'FAMILY_CLASS_BY_STATUS',
  'SPEC_BY_CODE',
] as const;

/** Python keywords (Python 3.13, including the soft keywords); none of them can be a class name. */
const PYTHON_KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del',
  'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
  'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'match', 'case', 'type', '_',
]);

/** One Python class to emit. */
export interface PythonClass {
  name: string;
  /** Name of the parent class: `APIError` for a family, the family's class for a code class. */
  parent: string;
  /** Statuses whose family this class is; empty for a code class. */
  familyOf: number[];
  /** Codes that raise exactly this class, in registry order. */
  codes: string[];
}

/** The classes of a registry in definition order (parents first) and the class of every code. */
export interface PythonClassPlan {
  classes: PythonClass[];
  classByCode: Map<string, string>;
  familyByStatus: Map<number, string>;
}

/**
 * Plans the classes: families first in status order, then code classes in
 * registry order. A name may be shared by several statuses' families or by
 * several codes of one status, but it cannot be both a family and a code class.
 *
 * @throws {CodegenError} for a name that is a Python keyword, is reserved by the SDK, or has two parents.
 */
export function planPythonClasses(registry: Registry): PythonClassPlan {
  const byName = new Map<string, PythonClass>();
  const classes: PythonClass[] = [];
  const familyByStatus = new Map<number, string>();

  const statuses = Object.keys(registry.families)
    .map(Number)
    .sort((a, b) => a - b);
  for (const status of statuses) {
    const name = registry.families[status]!.python;
    checkName(name, `families.${status}.python`);
    familyByStatus.set(status, name);
    const existing = byName.get(name);
    if (existing) {
      existing.familyOf.push(status);
      continue;
    }
    const created: PythonClass = { name, parent: 'APIError', familyOf: [status], codes: [] };
    byName.set(name, created);
    classes.push(created);
  }

  const classByCode = new Map<string, string>();
  for (const [code, entry] of Object.entries(registry.entries as Record<string, ErrorEntry<any>>)) {
    const family = familyByStatus.get(entry.status);
    if (family === undefined) {
      throw new CodegenError(`Code "${code}" (status): status ${entry.status} has no family in "families"; add one with a Python class name`);
    }
    const name = entry.sdk?.python ?? family;
    checkName(name, `sdk.python of code "${code}"`);
    classByCode.set(code, name);

    const existing = byName.get(name);
    if (existing) {
      if (name !== family && existing.parent !== family) {
        const role = existing.familyOf.length > 0 ? `the family class of status ${existing.familyOf.join(', ')}` : `the class of codes under ${existing.parent}`;
        throw new CodegenError(
          `Code "${code}" (sdk.python): "${name}" is already ${role}, so it cannot also be a code class under ${family}; give the code its own Python class name`,
        );
      }
      existing.codes.push(code);
      continue;
    }
    const created: PythonClass = { name, parent: family, familyOf: [], codes: [code] };
    byName.set(name, created);
    classes.push(created);
  }

  return { classes, classByCode, familyByStatus };
}

function checkName(name: string, field: string): void {
  if (PYTHON_KEYWORDS.has(name)) {
    throw new CodegenError(`Registry field ${field}: "${name}" is a Python keyword and cannot be a class name; choose another name`);
  }
  if ((PYTHON_RESERVED_NAMES as readonly string[]).includes(name)) {
    throw new CodegenError(
      `Registry field ${field}: "${name}" is defined by the Python SDK itself (${PYTHON_RESERVED_NAMES.join(', ')}); choose another class name`,
    );
  }
}
