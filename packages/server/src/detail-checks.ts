/**
 * Runtime checks of the `detail` of a contract error: the detail option, and the detail params that
 * fill the code's detail template. TypeScript checks both, but a JavaScript caller or a cast can pass
 * `detail: {}` or leave out a param, which would send `"detail":{}` or a detail such as
 * "Permission denied: missing scope {scope}.".
 *
 * The published JSON Schema has members only for public params, and the runtime registry declares
 * no param types. So the expected JSON type of a detail param is that of its example value in the
 * registry, which `defineError` types as the code's params and `validateRegistry` requires.
 */
import type { ErrorEntry } from '@agnes/errors';
import { fillDetailTemplate } from './detail-template.ts';
import { describeShownValue, describeValue, invalidParamError, jsonProblemOf } from './param-checks.ts';

/** JSON type of a value, as JSON Schema names it, with integers counted as numbers. */
type JsonType = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'null';

/** A detail param that the template names, and the JSON type of its example. */
interface DetailParamRule {
  readonly name: string;
  /** `undefined` when the example is missing or `null`, so any JSON value passes. */
  readonly expectedType: JsonType | undefined;
}

/** The detail rules of one entry, derived once from its declaration. */
interface DetailRules {
  /** The template and params declaration the rules were derived from, to notice a replaced one. */
  readonly template: string;
  readonly params: ErrorEntry<any>['params'];
  readonly detailParams: readonly DetailParamRule[];
}

const rulesByEntry = new WeakMap<ErrorEntry<any>, DetailRules>();

/**
 * Checks the detail that an error of `code` sends, which must be a non-empty string. When it comes
 * from the template, each detail param that the template names must be present, a JSON value and of
 * the JSON type of its example. When the detail option replaces the template, detail params do not
 * reach the envelope, so they are not checked.
 *
 * @throws {TypeError} naming the code, the option or param, the value and the rule.
 */
export function checkDetail(entry: ErrorEntry<any>, code: string, params: object, detail: unknown): void {
  if (typeof detail !== 'string') {
    throw new TypeError(
      `Invalid detail option of ${code}: got ${describeShownValue(detail)}; expected a string, or no detail option, null or an empty string to use the detail template of the code. Fix the code that throws this error`,
    );
  }
  if (detail === '') {
    throw new TypeError(
      `Invalid detail of ${code}: got an empty string from the detail template ${describeValue(entry.detail)}; the envelope needs a non-empty detail, so check the params that fill the template. Fix the code that throws this error`,
    );
  }

  const rules = rulesOf(entry);
  if (rules.detailParams.length === 0) return;
  const values = (params ?? {}) as Record<string, unknown>;
  for (const { name, expectedType } of rules.detailParams) {
    const value = values[name];
    const problem = detailParamProblemOf(name, value, expectedType);
    // A detail other than the filled template is the thrower's own, and the param does not reach it.
    if (problem !== undefined && detail === filledTemplateOf(entry, values)) {
      throw invalidParamError(code, name, describeShownValue(value), problem, 'detail');
    }
  }
}

function rulesOf(entry: ErrorEntry<any>): DetailRules {
  const cached = rulesByEntry.get(entry);
  if (cached !== undefined && cached.template === entry.detail && cached.params === entry.params) return cached;

  const declared: Readonly<Record<string, string>> = entry.params ?? {};
  const examples = (entry.example ?? {}) as Record<string, unknown>;
  const names = new Set(placeholderNamesOf(entry.detail));
  const detailParams = [...names]
    .filter((name) => declared[name] === 'detail')
    .map((name) => ({ name, expectedType: examples[name] == null ? undefined : jsonTypeOf(examples[name]) }));
  const rules: DetailRules = { template: entry.detail, params: entry.params, detailParams };
  rulesByEntry.set(entry, rules);
  return rules;
}

/** Returns the names in a template's `{name}` placeholders, with the syntax of core's `renderTemplate`. */
function placeholderNamesOf(template: string): string[] {
  return [...template.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((match) => match[1] as string);
}

/** Returns why a detail param breaks its rule, or `undefined` when it is valid. */
function detailParamProblemOf(name: string, value: unknown, expectedType: JsonType | undefined): string | undefined {
  // A string is the usual case, so it skips the deeper checks.
  if (typeof value === 'string' && (expectedType === 'string' || expectedType === undefined)) return undefined;
  if (value === undefined || value === null) {
    return `it is required, because the detail template contains {${name}}`;
  }
  const problem = jsonProblemOf(value, 0);
  if (problem !== undefined) return problem;
  const actualType = jsonTypeOf(value);
  if (expectedType !== undefined && actualType !== expectedType) {
    return `expected ${withArticle(expectedType)}, the JSON type of the param's example in the registry`;
  }
  return undefined;
}

function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' ? type : 'object';
}

function withArticle(type: JsonType): string {
  return type === 'array' || type === 'object' ? `an ${type}` : `a ${type}`;
}

/** Returns the detail that the constructor builds from the template, as `detailOf` in contract-error.ts does. */
function filledTemplateOf(entry: ErrorEntry<any>, values: Record<string, unknown>): string {
  try {
    return fillDetailTemplate(entry, values);
  } catch {
    return entry.detail;
  }
}
