/**
 * Hides the registry's entry objects from the TypeScript program that reads the
 * params types. Codegen reads those entries at run time from the imported
 * registry and needs only the interfaces from the same files. Parsing and
 * binding the entries' docs text cost most of the program's time on large
 * registries.
 *
 * A small lexer finds the statements. It tracks comments, strings, template
 * literals, regular expressions and bracket depth, which is enough to find
 * where a top-level statement ends. It runs several times faster than the
 * TypeScript scanner, and this step lies on codegen's critical path.
 */

/** Keywords after which a `/` starts a regular expression rather than a division. */
const KEYWORDS_BEFORE_EXPRESSION = new Set([
  'return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await',
]);

/** Keywords that start a new top-level statement when they follow a line break. */
const STATEMENT_KEYWORDS = new Set(['export', 'import', 'const', 'let', 'var', 'function', 'class', 'interface', 'type', 'enum', 'declare']);

const VARIABLE_KEYWORDS = new Set(['const', 'let', 'var']);

/**
 * Kinds of the last token, as far as statement ends and regular expressions are
 * concerned: a word, a value that ends an expression, or an operator after
 * which an expression follows.
 */
const TOKEN = { none: 0, word: 1, value: 2, operator: 3 } as const;
type TokenKind = (typeof TOKEN)[keyof typeof TOKEN];

const CHAR = {
  tab: 9, newline: 10, carriageReturn: 13, space: 32, doubleQuote: 34, dollar: 36, singleQuote: 39,
  openParen: 40, closeParen: 41, star: 42, slash: 47, semicolon: 59, at: 64, openBracket: 91, backslash: 92,
  closeBracket: 93, backtick: 96, openBrace: 123, closeBrace: 125,
} as const;

interface Candidate {
  start: number;
  callsDefineError: boolean;
}

/**
 * Returns the text with every top-level variable statement whose initializer
 * calls `defineError` reduced to its line breaks, so that every other line
 * keeps its line number for error messages.
 */
export function hideEntryObjects(text: string): string {
  const hidden: [start: number, end: number][] = [];
  const templateDepths: number[] = [];
  let depth = 0;
  let last: TokenKind = TOKEN.none;
  let lastWord = '';
  let lastEnd = 0;
  let lineBreakBefore = true;
  let exportStart: number | undefined;
  let candidate: Candidate | undefined;
  let index = 0;

  const close = (end: number) => {
    if (candidate?.callsDefineError) hidden.push([candidate.start, end]);
    candidate = undefined;
  };

  // Handles a word at depth 0 or inside a candidate: statement starts, ends by line break, and `defineError`.
  const onWord = (word: string, start: number) => {
    if (depth === 0 && candidate && lineBreakBefore && STATEMENT_KEYWORDS.has(word) && last !== TOKEN.operator) close(lastEnd);
    if (depth === 0 && !candidate && VARIABLE_KEYWORDS.has(word)) {
      candidate = { start: lastWord === 'export' && exportStart !== undefined ? exportStart : start, callsDefineError: false };
    }
    if (candidate && word === 'defineError') candidate.callsDefineError = true;
    exportStart = word === 'export' ? start : undefined;
  };

  while (index < text.length) {
    const char = text.charCodeAt(index);

    if (char === CHAR.newline || char === CHAR.carriageReturn) {
      lineBreakBefore = true;
      index += 1;
      continue;
    }
    if (char === CHAR.space || char === CHAR.tab || char === 11 || char === 12 || char === 0xa0 || char === 0xfeff) {
      index += 1;
      continue;
    }

    // Comments keep the line-break state of what they contain.
    if (char === CHAR.slash && text.charCodeAt(index + 1) === CHAR.slash) {
      const end = text.indexOf('\n', index);
      index = end === -1 ? text.length : end;
      continue;
    }
    if (char === CHAR.slash && text.charCodeAt(index + 1) === CHAR.star) {
      const end = text.indexOf('*/', index + 2);
      const stop = end === -1 ? text.length : end + 2;
      if (text.slice(index, stop).includes('\n')) lineBreakBefore = true;
      index = stop;
      continue;
    }

    const start = index;
    if (isWordStart(char)) {
      index += 1;
      while (index < text.length && isWordPart(text.charCodeAt(index))) index += 1;
      const word = text.slice(start, index);
      if (depth === 0 || candidate) onWord(word, start);
      last = KEYWORDS_BEFORE_EXPRESSION.has(word) ? TOKEN.operator : TOKEN.word;
      lastWord = word;
    } else if (char >= 48 && char <= 57) {
      index += 1;
      while (index < text.length && isWordPart(text.charCodeAt(index))) index += 1;
      last = TOKEN.value;
    } else if (char === CHAR.singleQuote || char === CHAR.doubleQuote) {
      index = skipString(text, index, char);
      last = TOKEN.value;
    } else if (char === CHAR.backtick) {
      index = scanTemplate(text, index + 1);
      if (text.charCodeAt(index - 1) === CHAR.openBrace) {
        templateDepths.push(depth);
        depth += 1;
        last = TOKEN.operator;
      } else {
        last = TOKEN.value;
      }
    } else if (char === CHAR.closeBrace && templateDepths.at(-1) === depth - 1) {
      // The end of a `${...}` expression: the template literal goes on.
      index = scanTemplate(text, index + 1);
      if (text.charCodeAt(index - 1) !== CHAR.openBrace) {
        templateDepths.pop();
        depth -= 1;
        last = TOKEN.value;
      } else {
        last = TOKEN.operator;
      }
    } else if (char === CHAR.slash && last !== TOKEN.word && last !== TOKEN.value) {
      index = skipRegularExpression(text, index);
      last = TOKEN.value;
    } else {
      index += 1;
      if (char === CHAR.openBrace || char === CHAR.openParen || char === CHAR.openBracket) {
        depth += 1;
        last = TOKEN.operator;
      } else if (char === CHAR.closeBrace || char === CHAR.closeParen || char === CHAR.closeBracket) {
        depth = Math.max(0, depth - 1);
        last = TOKEN.value;
      } else {
        if (char === CHAR.at && depth === 0 && candidate && lineBreakBefore && last !== TOKEN.operator) close(lastEnd);
        if (char === CHAR.semicolon && depth === 0) close(index);
        // `++` and `--` end an expression; other punctuation continues one.
        const next = text.charCodeAt(index);
        last = (char === 43 || char === 45) && next === char ? TOKEN.value : TOKEN.operator;
        if (last === TOKEN.value) index += 1;
      }
      lastWord = '';
    }
    lastEnd = index;
    lineBreakBefore = false;
  }
  if (depth === 0) close(lastEnd);
  return blank(text, hidden);
}

function isWordStart(char: number): boolean {
  return (char >= 97 && char <= 122) || (char >= 65 && char <= 90) || char === 95 || char === CHAR.dollar || char === CHAR.backslash || char > 127;
}

function isWordPart(char: number): boolean {
  return isWordStart(char) || (char >= 48 && char <= 57);
}

/** Returns the index after a quoted string that starts at `start`. */
function skipString(text: string, start: number, quote: number): number {
  let index = start + 1;
  while (index < text.length) {
    const char = text.charCodeAt(index);
    if (char === CHAR.backslash) index += 2;
    else if (char === quote || char === CHAR.newline) return index + 1;
    else index += 1;
  }
  return index;
}

/** Returns the index after the template text that starts at `start`: after its closing backtick or after `${`. */
function scanTemplate(text: string, start: number): number {
  let index = start;
  while (index < text.length) {
    const char = text.charCodeAt(index);
    if (char === CHAR.backslash) index += 2;
    else if (char === CHAR.backtick) return index + 1;
    else if (char === CHAR.dollar && text.charCodeAt(index + 1) === CHAR.openBrace) return index + 2;
    else index += 1;
  }
  return index;
}

/** Returns the index after a regular expression literal, its flags included. */
function skipRegularExpression(text: string, start: number): number {
  let index = start + 1;
  let inClass = false;
  while (index < text.length) {
    const char = text.charCodeAt(index);
    if (char === CHAR.backslash) {
      index += 2;
      continue;
    }
    if (char === CHAR.newline) return index;
    if (char === CHAR.openBracket) inClass = true;
    else if (char === CHAR.closeBracket) inClass = false;
    else if (char === CHAR.slash && !inClass) break;
    index += 1;
  }
  index += 1;
  while (index < text.length && isWordPart(text.charCodeAt(index))) index += 1;
  return index;
}

/** Replaces each range by the line breaks it contains. */
function blank(text: string, ranges: readonly [number, number][]): string {
  if (ranges.length === 0) return text;
  const parts: string[] = [];
  let from = 0;
  for (const [start, end] of ranges) {
    parts.push(text.slice(from, start), '\n'.repeat(countLineBreaks(text, start, end)));
    from = end;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

function countLineBreaks(text: string, start: number, end: number): number {
  let count = 0;
  for (let index = text.indexOf('\n', start); index !== -1 && index < end; index = text.indexOf('\n', index + 1)) count += 1;
  return count;
}
