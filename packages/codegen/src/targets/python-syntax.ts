/** Python source literals for the generated Python module. */

/** Maximum line length of generated docstrings, the common Python formatter default. */
const LINE_LENGTH = 88;

/**
 * Returns a Python string literal of `text`. JSON string escapes (`\"`, `\\`,
 * `\n`, `\uXXXX`) mean the same in Python, so the JSON form is valid Python.
 */
export function pythonString(text: string): string {
  return JSON.stringify(text);
}

/**
 * Returns a triple-quoted docstring at `indent`, with each line of `text`
 * wrapped at 88 columns. Backslashes and double quotes are escaped, so no
 * registry text can end the docstring early.
 */
export function pythonDocstring(text: string, indent: string): string {
  const escaped = text.replaceAll('\\', '\\\\').replaceAll('"', '\\"');
  const width = LINE_LENGTH - indent.length;
  const lines = escaped.split('\n').flatMap((line) => (line === '' ? [''] : wrap(line, width)));
  if (lines.length === 1 && lines[0]!.length + 6 <= width) return `${indent}"""${lines[0]}"""`;

  const [first, ...rest] = lines;
  const body = rest.map((line) => (line === '' ? '' : `${indent}${line}`));
  return [`${indent}"""${first}`, ...body, `${indent}"""`].join('\n');
}

function wrap(line: string, width: number): string[] {
  const result: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current !== '' && current.length + 1 + word.length > width) {
      result.push(current);
      current = word;
    } else {
      current = current === '' ? word : `${current} ${word}`;
    }
  }
  result.push(current);
  return result;
}
