/**
 * Hides the registry's entry objects from the TypeScript program that reads the
 * params types. Codegen reads those entries at run time from the imported
 * registry and needs only the interfaces from the same files. Parsing and
 * binding the entries' docs text cost most of the program's time on large
 * registries.
 */
import type * as TS from 'typescript';
import { ts } from '../typescript.ts';

/** Tokens after which a `/` divides; anywhere else it starts a regular expression. */
const ENDS_EXPRESSION = new Set<TS.SyntaxKind>([
  ts.SyntaxKind.Identifier,
  ts.SyntaxKind.PrivateIdentifier,
  ts.SyntaxKind.NumericLiteral,
  ts.SyntaxKind.BigIntLiteral,
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.RegularExpressionLiteral,
  ts.SyntaxKind.CloseParenToken,
  ts.SyntaxKind.CloseBracketToken,
  ts.SyntaxKind.CloseBraceToken,
  ts.SyntaxKind.ThisKeyword,
  ts.SyntaxKind.SuperKeyword,
  ts.SyntaxKind.TrueKeyword,
  ts.SyntaxKind.FalseKeyword,
  ts.SyntaxKind.NullKeyword,
  ts.SyntaxKind.PlusPlusToken,
  ts.SyntaxKind.MinusMinusToken,
]);

/** Keywords that start a new top-level statement when they follow a line break. */
const STATEMENT_KEYWORDS = new Set<TS.SyntaxKind>([
  ts.SyntaxKind.ExportKeyword,
  ts.SyntaxKind.ImportKeyword,
  ts.SyntaxKind.ConstKeyword,
  ts.SyntaxKind.LetKeyword,
  ts.SyntaxKind.VarKeyword,
  ts.SyntaxKind.FunctionKeyword,
  ts.SyntaxKind.ClassKeyword,
  ts.SyntaxKind.InterfaceKeyword,
  ts.SyntaxKind.TypeKeyword,
  ts.SyntaxKind.EnumKeyword,
  ts.SyntaxKind.DeclareKeyword,
  ts.SyntaxKind.AtToken,
]);

const VARIABLE_KEYWORDS = new Set<TS.SyntaxKind>([ts.SyntaxKind.ConstKeyword, ts.SyntaxKind.LetKeyword, ts.SyntaxKind.VarKeyword]);

interface Candidate {
  start: number;
  callsDefineError: boolean;
}

/**
 * Returns the text with every top-level variable statement whose initializer
 * calls `defineError` reduced to its line breaks, so that every other line
 * keeps its line number for error messages. Only the scanner runs, which costs
 * a fraction of a parse.
 */
export function hideEntryObjects(text: string): string {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  const hidden: [start: number, end: number][] = [];
  const templateDepths: number[] = [];
  let depth = 0;
  let previous: TS.SyntaxKind = ts.SyntaxKind.SemicolonToken;
  let previousEnd = 0;
  let exportStart: number | undefined;
  let candidate: Candidate | undefined;

  const close = (end: number) => {
    if (candidate?.callsDefineError) hidden.push([candidate.start, end]);
    candidate = undefined;
  };

  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if ((token === ts.SyntaxKind.SlashToken || token === ts.SyntaxKind.SlashEqualsToken) && !ENDS_EXPRESSION.has(previous)) {
      token = scanner.reScanSlashToken();
    }
    if (token === ts.SyntaxKind.CloseBraceToken && templateDepths.at(-1) === depth - 1) {
      token = scanner.reScanTemplateToken(false);
    }

    if (depth === 0 && candidate && scanner.hasPrecedingLineBreak() && STATEMENT_KEYWORDS.has(token) && ENDS_EXPRESSION.has(previous)) {
      close(previousEnd);
    }
    if (depth === 0 && !candidate && VARIABLE_KEYWORDS.has(token)) {
      candidate = { start: previous === ts.SyntaxKind.ExportKeyword && exportStart !== undefined ? exportStart : scanner.getTokenStart(), callsDefineError: false };
    }
    if (candidate && token === ts.SyntaxKind.Identifier && scanner.getTokenValue() === 'defineError') candidate.callsDefineError = true;
    exportStart = token === ts.SyntaxKind.ExportKeyword ? scanner.getTokenStart() : undefined;

    switch (token) {
      case ts.SyntaxKind.OpenBraceToken:
      case ts.SyntaxKind.OpenParenToken:
      case ts.SyntaxKind.OpenBracketToken:
        depth += 1;
        break;
      case ts.SyntaxKind.CloseBraceToken:
      case ts.SyntaxKind.CloseParenToken:
      case ts.SyntaxKind.CloseBracketToken:
        depth = Math.max(0, depth - 1);
        break;
      case ts.SyntaxKind.TemplateHead:
        templateDepths.push(depth);
        depth += 1;
        break;
      case ts.SyntaxKind.TemplateTail:
        templateDepths.pop();
        depth = Math.max(0, depth - 1);
        break;
      case ts.SyntaxKind.SemicolonToken:
        if (depth === 0) close(scanner.getTokenEnd());
        break;
    }
    previous = token;
    previousEnd = scanner.getTokenEnd();
  }
  if (depth === 0) close(previousEnd);
  return blank(text, hidden);
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
