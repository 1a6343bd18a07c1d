/**
 * Rules for the Markdown that registry entries carry. A page is assembled from
 * many fields, so one field must not be able to change the page around it.
 * The rules reject headings, raw HTML, unclosed code fences, braces outside code
 * (MDX and VitePress read them as expressions), links to pages that do not exist,
 * and links to anything but a site path or an https URL.
 */
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';

const parser = new MarkdownIt('default', { html: true, linkify: false });
// markdown-it leaves a link to a javascript:, vbscript:, file: or data: URL as plain text.
// Parse every link, so that linkProblems can name the target and the rule.
parser.validateLink = () => true;

/** `block` text may hold paragraphs and lists; `inline` text must stay one paragraph. */
export type MarkdownKind = 'block' | 'inline';

/** Links a field may point to. */
export interface LinkTargets {
  /** Returns whether a site-absolute path, without its `#fragment`, is a page of the site. */
  hasPage(path: string): boolean;
}

/** Returns one message per rule that the text breaks; an empty list means the text is fine. */
export function markdownProblems(text: string, kind: MarkdownKind, targets: LinkTargets): string[] {
  if (typeof text !== 'string' || text.trim() === '') {
    return ['is empty; write the text that the docs page shows here'];
  }
  const problems: string[] = [];
  const fenceLine = unclosedFenceLine(text);
  if (fenceLine !== undefined) {
    problems.push(`opens a code fence on line ${fenceLine} that is never closed; close it with a matching fence line`);
  }
  const tokens = parser.parse(text, {});
  if (kind === 'inline' && !isSingleParagraph(tokens)) {
    problems.push('must be inline Markdown of one paragraph, without lists, quotes, tables or code blocks');
  }
  const openedTags = new Set<string>();
  for (const token of flatten(tokens)) {
    if (token.type === 'html_inline') {
      // A closing tag belongs to an opening tag that is reported already, so one pair is one problem.
      const [, closing, name = ''] = /^<(\/?)([A-Za-z][\w-]*)/.exec(token.content) ?? [];
      if (closing === '/' && openedTags.has(name.toLowerCase())) continue;
      if (closing === '') openedTags.add(name.toLowerCase());
    }
    problems.push(...tokenProblems(token, targets));
  }
  return [...new Set(problems)];
}

function tokenProblems(token: Token, targets: LinkTargets): string[] {
  switch (token.type) {
    case 'html_block':
    case 'html_inline':
      return [
        `contains raw HTML ${JSON.stringify(token.content.trim().slice(0, 40))}; write plain Markdown, or put the markup in a code span`,
      ];
    case 'heading_open':
      return ['contains a heading; the page layout owns the headings, so write plain text or bold instead'];
    case 'text':
      return /[{}]/.test(token.content)
        ? ['contains a brace outside code; MDX and VitePress read braces as expressions, so put it in a code span']
        : [];
    case 'code_inline':
      // VitePress compiles pages as Vue templates, which evaluate {{ }} even inside a code span.
      return token.content.includes('{{')
        ? ['contains "{{" in a code span, which VitePress evaluates as a Vue expression; use a code block or write it as "{ {"']
        : [];
    case 'link_open':
      if (token.markup === 'autolink') {
        return [`contains the autolink <${token.attrGet('href')}>; write it as [text](url) for MDX`];
      }
      return linkProblems(token.attrGet('href') ?? '', targets);
    case 'image':
      return linkProblems(token.attrGet('src') ?? '', targets);
    default:
      return [];
  }
}

/**
 * Returns the problems of a link target. Allowed are a `#fragment` of the same page, an
 * https URL, and a site-absolute path of a page of the site. The fragment of a link is
 * not checked, because the headings of the site's other pages are unknown here.
 */
export function linkProblems(href: string, targets: LinkTargets): string[] {
  if (href.startsWith('#')) return [];
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(href)?.[1];
  if (scheme !== undefined) {
    if (scheme.toLowerCase() === 'https') return [];
    return [
      `links to ${JSON.stringify(href.slice(0, 60))}, which uses the ${scheme}: scheme; link a page of the site by its path (such as /errors/<code>) or an https:// URL`,
    ];
  }
  if (!href.startsWith('/') || href.startsWith('//')) {
    return [`links to "${href}", which is not a site-absolute path; start it with / (such as /errors/<code>) or use an https:// URL`];
  }
  if (!targets.hasPage(href)) {
    return [`links to ${href}, which is not a page of the site; link an existing page or add the page to the site`];
  }
  return [];
}

function isSingleParagraph(tokens: readonly Token[]): boolean {
  return (
    tokens.length === 3 &&
    tokens[0]?.type === 'paragraph_open' &&
    tokens[1]?.type === 'inline' &&
    tokens[2]?.type === 'paragraph_close'
  );
}

function* flatten(tokens: readonly Token[]): Generator<Token> {
  for (const token of tokens) {
    yield token;
    if (token.children) yield* flatten(token.children);
  }
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/**
 * Returns the line of a code fence that is never closed. markdown-it would let
 * such a fence run to the end of the field, and on a page it swallows the rest
 * of the page, so it is found here with CommonMark's fence rules.
 */
function unclosedFenceLine(text: string): number | undefined {
  let open: { char: string; length: number; line: number } | undefined;
  text.split('\n').forEach((line, index) => {
    const match = FENCE.exec(line);
    if (!match) return;
    const run = match[1] as string;
    const rest = match[2] as string;
    if (open === undefined) {
      // A backtick fence's info string cannot contain a backtick, so such a line is inline code.
      if (run.startsWith('`') && rest.includes('`')) return;
      open = { char: run.charAt(0), length: run.length, line: index + 1 };
    } else if (run.charAt(0) === open.char && run.length >= open.length && rest.trim() === '') {
      open = undefined;
    }
  });
  return open?.line;
}
