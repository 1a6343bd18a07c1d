/**
 * Markdown building blocks of the generated pages, laid out as the published
 * reference page is: padded pipe tables, `*` bullets, and continuation lines
 * indented under their list marker.
 */

/** Width at which the renderer wraps the paragraphs it composes itself, as the reference page does. */
export const WRAP_WIDTH = 70;

/** Renders a pipe table whose columns are padded to their widest cell. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, column) =>
    Math.max(3, cell.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${widths.map((width, column) => (cells[column] ?? '').padEnd(width)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** Escapes the characters that would end a table cell early. */
export function tableCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** Renders a `*` bullet list; each item's further lines are indented under its text. */
export function bulletList(items: readonly string[]): string {
  return items.map((item) => listItem('* ', item)).join('\n');
}

/** Renders a numbered list starting at 1. */
export function orderedList(items: readonly string[]): string {
  return items.map((item, index) => listItem(`${index + 1}. `, item)).join('\n');
}

function listItem(marker: string, text: string): string {
  const indent = ' '.repeat(marker.length);
  const [first, ...rest] = text.trim().split('\n');
  return [marker + first, ...rest.map((line) => (line.trim() === '' ? '' : indent + line))].join('\n');
}

/** Returns an inline code span, with a fence longer than any run of backticks inside. */
export function codeSpan(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Wraps a paragraph at `width` columns between words. Line breaks already in the
 * text are kept, and a word longer than the width stays whole on its own line.
 */
export function wrapParagraph(text: string, width: number = WRAP_WIDTH): string {
  return text
    .split('\n')
    .map((line) => wrapLine(line, width))
    .join('\n');
}

function wrapLine(line: string, width: number): string {
  const lines: string[] = [];
  let current = '';
  for (const word of line.split(' ').filter((part) => part !== '')) {
    if (current !== '' && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else {
      current = current === '' ? word : `${current} ${word}`;
    }
  }
  lines.push(current);
  return lines.join('\n');
}
