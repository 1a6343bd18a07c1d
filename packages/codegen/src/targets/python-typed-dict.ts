/**
 * Renders `TypedDict` declarations for Python 3.9. Optional keys use a
 * `total=False` part instead of `NotRequired`, which `typing` has only from 3.11,
 * so the SDK needs no `typing_extensions` at runtime.
 */
import { pythonDocstring, pythonString } from './python-syntax.ts';
import type { PythonMember, PythonTypedDict } from './python-types.ts';

/** Hard keywords (`keyword.kwlist` of Python 3.11); a `TypedDict` key with one of these names needs the functional syntax. */
export const PYTHON_HARD_KEYWORDS: ReadonlySet<string> = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del',
  'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
  'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Names of the private base classes that `renderTypedDict` may declare for the `TypedDict` `name`:
 * one for its required keys and one for its optional keys.
 */
export function typedDictBaseNames(name: string): { required: string; optional: string } {
  return { required: `_${name}Required`, optional: `_${name}Optional` };
}

/**
 * Renders one `TypedDict`. `moduleNames` lists the names that annotations in the
 * module use: a key with one of those names would shadow it inside a class body,
 * so such keys, keywords and other non-identifiers get the functional syntax.
 */
export function renderTypedDict(spec: PythonTypedDict, moduleNames: ReadonlySet<string>): string[] {
  const required = spec.members.filter((member) => member.required);
  const optional = spec.members.filter((member) => !member.required);
  const fitsClass = (members: PythonMember[]) =>
    members.every(({ key }) => IDENTIFIER.test(key) && !PYTHON_HARD_KEYWORDS.has(key) && !moduleNames.has(key));

  if (required.length === 0 || optional.length === 0) {
    return renderPart(spec.name, spec.description, spec.members, optional.length > 0, [], fitsClass(spec.members));
  }

  const { required: requiredBase, optional: optionalBase } = typedDictBaseNames(spec.name);
  const lines = [...renderPart(requiredBase, `Required keys of \`\`${spec.name}\`\`.`, required, false, [], fitsClass(required)), '', ''];
  if (fitsClass(optional)) {
    return [...lines, ...renderPart(spec.name, spec.description, optional, true, [requiredBase], true)];
  }
  return [
    ...lines,
    ...renderPart(optionalBase, `Optional keys of \`\`${spec.name}\`\`.`, optional, true, [], false),
    '',
    '',
    ...renderPart(spec.name, spec.description, [], false, [requiredBase, optionalBase], true),
  ];
}

function renderPart(name: string, description: string, members: PythonMember[], optional: boolean, bases: string[], classSyntax: boolean): string[] {
  if (!classSyntax) {
    // Python evaluates the values of the functional syntax when the module loads, so each type is a
    // string: a forward reference that type checkers and `typing.get_type_hints` resolve later.
    const entries = members.map((member) => `${pythonString(member.key)}: ${pythonString(member.type)}`).join(', ');
    const memberDocs = members.filter((member) => member.description).map((member) => `\`\`${member.key}\`\`: ${member.description}`);
    return [
      `${name} = TypedDict(${pythonString(name)}, {${entries}}${optional ? ', total=False' : ''})`,
      pythonDocstring([description, ...memberDocs].filter((text) => text !== '').join('\n\n'), ''),
    ];
  }

  const parents = [...(bases.length > 0 ? bases : ['TypedDict'])].join(', ');
  const lines = [`class ${name}(${parents}${optional ? ', total=False' : ''}):`];
  if (description !== '') lines.push(pythonDocstring(description, '    '));
  for (const member of members) {
    if (lines.length > 1) lines.push('');
    lines.push(`    ${member.key}: ${member.type}`);
    if (member.description) lines.push(pythonDocstring(member.description, '    '));
  }
  if (lines.length === 1) lines.push('    pass');
  return lines;
}
