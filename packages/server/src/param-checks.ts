/**
 * Runtime checks of the public params of a contract error that need only the registry, so that an
 * envelope that would break the published schema is never sent. TypeScript's `number` allows NaN,
 * Infinity, -1 and 1.5, and a cast can smuggle in anything, so a thrower's bug would otherwise reach
 * clients as `null` members or a detail such as "Retry after null seconds".
 *
 * The checks are cheap: the rules of each entry are derived once from the registry and cached.
 * The runtime registry carries no param types, so only two rules come from it: the
 * `retry.afterParam` is a whole number of seconds ≥ 0, and a public param named in the detail
 * template is required. Every other rule of a param (type, length, pattern, bounds, format, items)
 * is checked against the published JSON Schema by `param-schema.ts`, when the renderer has it.
 */
import { placeholdersOf, type ErrorEntry } from '@agnes/errors';

/** The check rules of one entry, derived once from its declaration. */
interface ParamRules {
  /** The declaration the rules were derived from, to notice a replaced one. */
  readonly params: ErrorEntry<any>['params'];
  readonly publicParams: readonly string[];
  readonly requiredParams: ReadonlySet<string>;
  readonly secondsParam: string | undefined;
}

const rulesByEntry = new WeakMap<ErrorEntry<any>, ParamRules>();

/** Maximum nesting depth of arrays and objects in a param; deeper values count as invalid. */
const MAX_DEPTH = 16;

/**
 * Checks the public params of an error of `code` before its envelope is built.
 *
 * @throws {TypeError} naming the code, the param and the value when a public param is missing while
 * required, is a number that is not finite, is not a whole number of seconds ≥ 0 for the Retry-After
 * param, or contains a value that JSON cannot represent (BigInt, function, symbol, cycle).
 */
export function checkPublicParams(entry: ErrorEntry<any>, code: string, params: object): void {
  const rules = rulesOf(entry);
  if (rules.publicParams.length === 0) return;
  const values = (params ?? {}) as Record<string, unknown>;

  for (const name of rules.publicParams) {
    const value = values[name];
    if (value === undefined) {
      if (rules.requiredParams.has(name)) throw invalidParam(code, name, value, 'it is required');
      continue;
    }
    if (name === rules.secondsParam && !(Number.isSafeInteger(value) && (value as number) >= 0)) {
      throw invalidParam(code, name, value, 'expected a whole number of seconds ≥ 0 for Retry-After');
    }
    const problem = jsonProblemOf(value, 0);
    if (problem !== undefined) throw invalidParam(code, name, value, problem);
  }
}

function rulesOf(entry: ErrorEntry<any>): ParamRules {
  const cached = rulesByEntry.get(entry);
  if (cached !== undefined && cached.params === entry.params) return cached;

  const publicParams = Object.entries(entry.params ?? {})
    .filter(([, visibility]) => visibility === 'public')
    .map(([name]) => name);
  const placeholders = new Set(placeholdersOf(entry.detail));
  const rules: ParamRules = {
    params: entry.params,
    publicParams,
    requiredParams: new Set(publicParams.filter((name) => placeholders.has(name))),
    secondsParam: entry.retry?.afterParam,
  };
  rulesByEntry.set(entry, rules);
  return rules;
}

/** Returns why JSON cannot carry `value` unchanged, or `undefined` when it can. */
export function jsonProblemOf(value: unknown, depth: number): string | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : 'expected a finite number, because JSON sends NaN and Infinity as null';
    case 'object':
      break;
    default:
      return `expected a JSON value, got a ${typeof value}`;
  }
  if (value === null) return undefined;
  if (depth >= MAX_DEPTH) return `expected a JSON value nested at most ${MAX_DEPTH} levels deep, such as one without a cycle`;

  const items = Array.isArray(value) ? value : Object.values(value);
  for (const item of items) {
    // Object members that are undefined are left out by JSON.stringify, so they are fine.
    if (item === undefined && !Array.isArray(value)) continue;
    const problem = item === undefined ? 'expected a JSON value, got undefined in an array' : jsonProblemOf(item, depth + 1);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function invalidParam(code: string, name: string, value: unknown, rule: string): TypeError {
  return invalidParamError(code, name, describeValue(value), rule);
}

/**
 * Creates the error of a public or detail param that breaks a rule, naming the code, the param, the
 * value as `describedValue` and the rule.
 */
export function invalidParamError(
  code: string,
  name: string,
  describedValue: string,
  rule: string,
  visibility: 'public' | 'detail' = 'public',
): TypeError {
  return new TypeError(`Invalid ${visibility} param "${name}" of ${code}: got ${describedValue}; ${rule}. Fix the code that throws this error`);
}

/** Describes a value for an error message: primitives as they are, strings cut to 40 characters. */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'number':
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'bigint':
      return `${value}n`;
    case 'string':
      return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    case 'object':
      return value === null ? 'null' : Array.isArray(value) ? 'an array' : 'an object';
    default:
      return `a ${typeof value}`;
  }
}

/** Longest JSON text of an array or object param that an error message shows before `…`. */
const MAX_SHOWN_JSON_LENGTH = 60;

/** Describes a value that breaks a rule: arrays and objects as short JSON, long strings with their length. */
export function describeShownValue(value: unknown): string {
  if (typeof value === 'string' && value.length > 40) return `${describeValue(value)} (${value.length} characters)`;
  if (typeof value !== 'object' || value === null) return describeValue(value);
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  if (json === undefined) return describeValue(value);
  return json.length > MAX_SHOWN_JSON_LENGTH ? `${json.slice(0, MAX_SHOWN_JSON_LENGTH)}…` : json;
}
