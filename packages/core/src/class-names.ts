/** Rules for SDK class names that must work in both TypeScript and Python. */

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Python 3.13 keywords, which cannot name a class, and the soft keywords `match`, `case`, `type` and `_`,
 * which could but which codegen's Python target rejects as class names.
 */
const PYTHON_RESERVED = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue',
  'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is',
  'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
  'match', 'case', 'type', '_',
]);

/**
 * JavaScript reserved words, and globals that a generated class of the same
 * name would shadow inside the SDK module, breaking the code around it.
 */
const TYPESCRIPT_RESERVED = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum',
  'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null',
  'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield',
  'let', 'static', 'implements', 'interface', 'package', 'private', 'protected', 'public', 'await', 'arguments', 'eval',
  'undefined', 'NaN', 'Infinity', 'Object', 'Function', 'Array', 'String', 'Number', 'Boolean', 'Symbol', 'BigInt',
  'Error', 'TypeError', 'RangeError', 'SyntaxError', 'Promise', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Date', 'RegExp',
  'JSON', 'Math', 'Reflect', 'Proxy', 'Response', 'Request', 'Headers', 'URL', 'AbortSignal', 'AbortController',
]);

/**
 * Returns why `name` cannot be an SDK class name in `language`, or undefined
 * when it can.
 */
export function classNameProblem(name: unknown, language: 'typescript' | 'python'): string | undefined {
  if (!IDENTIFIER.test(String(name))) {
    return `"${String(name)}" is not a valid class name; use letters, digits and _ only, not starting with a digit`;
  }
  if (language === 'python' && PYTHON_RESERVED.has(String(name))) {
    return `"${String(name)}" is a Python keyword and cannot name a class; choose another name, such as "${String(name)}Error"`;
  }
  // The generated Python module names its own helpers with a leading underscore, such as `_GoneError` for
  // the type that `is_agnes_error(error, "gone")` narrows to and `_GoneParamsRequired`, so a registry class
  // with such a name would redeclare one of them. Python marks those names private by convention anyway.
  if (language === 'python' && String(name).startsWith('_')) {
    const publicName = String(name).replace(/^_+/, '');
    const example = /^[A-Za-z]/.test(publicName) ? `, such as "${publicName}"` : '';
    return `"${String(name)}" starts with _, which marks a private name in Python, and the Python SDK uses such names for its own helpers; choose a name without the leading _${example}`;
  }
  if (language === 'typescript' && TYPESCRIPT_RESERVED.has(String(name))) {
    return `"${String(name)}" is a JavaScript reserved word or global and would break the generated SDK; choose another name, such as "${String(name)}Error"`;
  }
  return undefined;
}
