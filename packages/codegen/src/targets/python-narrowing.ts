/**
 * Renders `is_agnes_error`, the Python SDK's type guard: one overload per code
 * that narrows an error to its class with the code as a `Literal` and `params`
 * typed by the code's `TypedDict`, like `isAgnesError` in the TypeScript SDK.
 */
import { pascalCase } from '../naming.ts';
import { pythonString } from './python-syntax.ts';

/** A code with the class that it raises and the name of its params `TypedDict`. */
export interface NarrowedCode {
  code: string;
  className: string;
  paramsType: string;
}

/** Name of the type-only class that `is_agnes_error(error, code)` narrows to, such as `_ForbiddenError`. */
export function narrowedClassName(code: string): string {
  return `_${pascalCase(code)}Error`;
}

/**
 * Renders the type-only classes, which exist under `TYPE_CHECKING` only, and the
 * overloads and implementation of `is_agnes_error`.
 */
export function renderNarrowing(codes: readonly NarrowedCode[]): string[] {
  // Each class narrows attributes that APIError declares as mutable, which type checkers report as an
  // unsafe override. The classes are never instantiated and the SDK never assigns these attributes after
  // construction, so the narrower types hold for every error that the guard accepts.
  // Pyright reports all three overrides, and mypy 1.0.1 only `params`, because a TypedDict is not a
  // Dict[str, Any]. mypy reads only `# type: ignore`, which pyright also honors, so the `params` line
  // carries that comment alone. A pyright comment beside it would count as an unnecessary ignore.
  const pyrightIgnore = '  # pyright: ignore[reportIncompatibleVariableOverride]';
  const lines = ['', '', 'if TYPE_CHECKING:'];
  for (const { code, className, paramsType } of codes) {
    lines.push(
      '',
      `    class ${narrowedClassName(code)}(${className}):`,
      `        code: Literal[${pythonString(code)}]${pyrightIgnore}`,
      `        is_known_code: Literal[True]${pyrightIgnore}`,
      `        params: ${paramsType}  # type: ignore[assignment]`,
    );
  }

  lines.push('', '', '@overload', 'def is_agnes_error(error: object) -> TypeGuard[AgnesError]: ...');
  for (const { code } of codes) {
    lines.push('', '', '@overload', `def is_agnes_error(error: object, code: Literal[${pythonString(code)}]) -> TypeGuard[${narrowedClassName(code)}]: ...`);
  }
  lines.push(
    '',
    '',
    'def is_agnes_error(error: object, code: object = None) -> bool:',
    '    """Check whether ``error`` is an error of this SDK, and of one known code when ``code`` is given.',
    '',
    '    With a code, type checkers narrow ``error`` to the class of the code, with ``code`` as a',
    '    ``Literal`` and ``params`` typed by the code\'s ``TypedDict``, such as ``RateLimitedParams``.',
    '    An error matches only when the response carried that code and the SDK raised the',
    '    code\'s class for it. Neither the params nor the status are checked, so a body that',
    '    lacked a param still narrows and reading that key raises ``KeyError``.',
    '',
    '    A ``code`` of ``None`` means no code. Raises ``TypeError`` when ``code`` is neither a',
    '    string nor ``None``, and ``ValueError`` when it is not a code of the registry.',
    '',
    '    Example::',
    '',
    '        if agnes.is_agnes_error(error, "rate_limited"):',
    '            print(error.params["retry_after"])',
    '    """',
    '    return error_has_code(error, code, SPEC_BY_CODE)',
  );
  return lines;
}
