/**
 * Runtime checks of a registry, for the mistakes that types cannot see and for
 * registries built from plain JavaScript.
 */
import type { DomainEntries, ErrorEntry, Registry, RegistryInput } from './define.ts';
import { classNameProblem } from './class-names.ts';
import { describeCodePlace, pascalCaseClashes } from './code-names.ts';
import { sdkClassIssues } from './sdk-classes.ts';
import { placeholdersOf } from './template.ts';

/** One problem found in a registry. */
export interface RegistryIssue {
  /** The code at fault, or `*` for a problem of the registry as a whole. */
  code: string;
  /** The entry field at fault, such as `status` or `related[0].code`. */
  field: string;
  message: string;
}

/** Raised by `defineRegistry` when a registry is invalid; `issues` lists every problem. */
export class RegistryError extends Error {
  readonly issues: readonly RegistryIssue[];

  constructor(issues: readonly RegistryIssue[]) {
    const lines = issues.map((issue) => `  - ${issue.code} (${issue.field}): ${issue.message}`);
    super(`Invalid error registry, ${issues.length} problem(s):\n${lines.join('\n')}`);
    this.name = 'RegistryError';
    this.issues = issues;
  }
}

const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;
const REQUIRED_TEXT = ['title', 'summary', 'when', 'detail'] as const;
/** Members that `buildEnvelope` writes itself, so a public param of the same name would overwrite them. */
const ENVELOPE_MEMBERS = new Set(['detail', 'code', 'request_id', 'doc_url', 'type', 'title', 'status', 'instance']);

/** Checks an entire registry input and returns the frozen registry, or throws `RegistryError`. */
export function validateRegistry(input: RegistryInput<readonly DomainEntries[]>): Registry {
  const issues: RegistryIssue[] = [];
  // A Map, because a plain object would treat `constructor` as already defined and swallow `__proto__`.
  const entries = new Map<string, ErrorEntry<any>>();
  const domainByCode = new Map<string, number>();
  const tombstones = input.tombstones ?? [];
  const tombstoned = new Map(tombstones.map((tombstone) => [tombstone.code, tombstone]));

  if (!SEMVER.test(String(input.version))) {
    issues.push({ code: '*', field: 'version', message: `"${input.version}" is not a semver version; use a version such as 1.2.0` });
  }

  input.domains.forEach((domain, index) => {
    for (const [code, entry] of Object.entries(domain)) {
      const first = domainByCode.get(code);
      if (first !== undefined) {
        const places = `${describeCodePlace(input.domains, first, code)} and again in ${describeCodePlace(input.domains, index, code)}`;
        issues.push({ code, field: 'code', message: `defined twice, in ${places}; codes must be unique, so rename or remove one of them` });
        continue;
      }
      entries.set(code, entry);
      domainByCode.set(code, index);
    }
  });

  for (const tombstone of tombstones) {
    if (entries.has(tombstone.code)) {
      issues.push({
        code: tombstone.code,
        field: 'code',
        message: `is on the tombstone list (removed in ${tombstone.removedIn}) and can never be reused; choose a new code`,
      });
    }
  }

  for (const [status, names] of Object.entries(input.families)) {
    for (const language of ['typescript', 'python'] as const) {
      const problem = classNameProblem(names?.[language], language);
      if (problem) issues.push({ code: '*', field: `families.${status}.${language}`, message: problem });
    }
  }

  for (const [code, entry] of entries) {
    issues.push(...checkEntry(code, entry, entries, input.families, tombstoned));
  }
  issues.push(...pascalCaseClashes(entries.keys()), ...sdkClassIssues(entries, input.families));

  if (issues.length > 0) throw new RegistryError(issues);

  return Object.freeze({
    version: input.version,
    entries: Object.freeze(Object.fromEntries(entries)),
    families: Object.freeze({ ...input.families }),
    tombstones: Object.freeze([...tombstones]),
  });
}

function checkEntry(
  code: string,
  entry: ErrorEntry<any>,
  entries: ReadonlyMap<string, ErrorEntry<any>>,
  families: RegistryInput<readonly DomainEntries[]>['families'],
  tombstoned: Map<string, unknown>,
): RegistryIssue[] {
  const issues: RegistryIssue[] = [];
  const add = (field: string, message: string) => issues.push({ code, field, message });

  if (!SNAKE_CASE.test(code)) {
    add('code', `"${code}" is not snake_case; use lowercase words joined by _, such as "${toSnakeCase(code)}"`);
  }
  if (!Number.isInteger(entry.status) || entry.status < 400 || entry.status > 599) {
    add('status', `${entry.status} is not an HTTP error status; use an integer from 400 to 599`);
  } else if (!families[entry.status]) {
    add('status', `no SDK family is declared for status ${entry.status}; add it to the registry's families`);
  }

  for (const field of REQUIRED_TEXT) {
    if (typeof entry[field] !== 'string' || entry[field].trim() === '') {
      add(field, 'is empty; write the text for the docs page');
    } else if (field !== 'when' && entry[field].includes('\n')) {
      add(field, 'spans several lines; keep it to one line');
    }
  }
  if (typeof entry.retry?.advice !== 'string' || entry.retry.advice.trim() === '') {
    add('retry.advice', 'is empty; say what the caller should do, such as "request additional permissions"');
  }
  checkList(entry.causes, 'causes', 'cause', add);
  checkList(entry.fix, 'fix', 'step', add);
  if (!SEMVER.test(String(entry.since))) {
    add('since', `"${entry.since}" is not a semver version; use the contract version that added the code, such as 0.1.0`);
  }

  const params: Readonly<Record<string, unknown>> = entry.params ?? {};
  const example: Readonly<Record<string, unknown>> = entry.example ?? {};
  for (const [name, visibility] of Object.entries(params)) {
    if (visibility !== 'public' && visibility !== 'detail' && visibility !== 'internal') {
      add(`params.${name}`, `visibility "${String(visibility)}" is invalid; use "public", "detail" or "internal"`);
    }
    if ((visibility === 'public' || visibility === 'detail') && !Object.hasOwn(example, name)) {
      add(`example.${name}`, 'is missing; give an example value for every public and detail param');
    }
    if (visibility === 'public' && ENVELOPE_MEMBERS.has(name)) {
      add(`params.${name}`, `public param "${name}" would overwrite the envelope member of the same name; rename the param`);
    }
  }
  for (const name of Object.keys(example)) {
    if (!Object.hasOwn(params, name)) {
      add(`example.${name}`, `"${name}" is not a declared param of this code; add it to params or remove it from the example`);
    }
  }
  for (const name of placeholdersOf(entry.detail ?? '')) {
    if (!Object.hasOwn(params, name)) add('detail', `placeholder {${name}} has no declared param; add "${name}" to params or remove it`);
    else if (params[name] === 'internal') add('detail', `placeholder {${name}} is an internal param and would leak into the envelope; make it "detail" or "public"`);
  }

  const afterParam = entry.retry?.afterParam;
  if (afterParam !== undefined && (!Object.hasOwn(params, afterParam) || params[afterParam] !== 'public')) {
    add('retry.afterParam', `"${afterParam}" is not a public param of this code; declare it in params as "public"`);
  } else if (afterParam !== undefined && Object.hasOwn(example, afterParam) && !isSeconds(example[afterParam])) {
    add(`example.${afterParam}`, `${JSON.stringify(example[afterParam])} is not a Retry-After delay; use a whole number of seconds, 0 or more`);
  }

  if (entry.sdk) {
    for (const language of ['typescript', 'python'] as const) {
      const problem = classNameProblem(entry.sdk[language], language);
      if (problem) add(`sdk.${language}`, problem);
    }
  }

  (entry.related ?? []).forEach((link, index) => {
    if ('code' in link && !entries.has(link.code)) {
      add(`related[${index}].code`, `"${link.code}" is not a code of this registry; fix the code or remove the link`);
    }
    if ('href' in link && !String(link.href).startsWith('/')) {
      add(`related[${index}].href`, `"${link.href}" is not a site-absolute path; start it with /`);
    }
  });

  const replacement = entry.deprecated?.replacement;
  if (replacement !== undefined) {
    if (tombstoned.has(replacement)) {
      add('deprecated.replacement', `"${replacement}" is on the tombstone list; name an existing code as the replacement`);
    } else if (!entries.has(replacement)) {
      add('deprecated.replacement', `"${replacement}" is not a code of this registry; name an existing code as the replacement`);
    } else if (replacement === code) {
      add('deprecated.replacement', 'points to the code itself; name another code');
    }
  }
  if (entry.deprecated && !SEMVER.test(String(entry.deprecated.since))) {
    add('deprecated.since', `"${entry.deprecated.since}" is not a semver version; use the version that deprecated the code, such as 1.2.0`);
  }
  return issues;
}

/** Checks that a list of Markdown items is non-empty and has no blank item. */
function checkList(items: unknown, field: string, noun: string, add: (field: string, message: string) => void): void {
  if (!Array.isArray(items) || items.length === 0) {
    add(field, `is empty; list at least one ${noun}`);
    return;
  }
  items.forEach((item, index) => {
    if (typeof item !== 'string' || item.trim() === '') {
      add(`${field}[${index}]`, `is empty; write the ${noun} or remove the item`);
    }
  });
}

function isSeconds(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function toSnakeCase(value: string): string {
  return value
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
}
