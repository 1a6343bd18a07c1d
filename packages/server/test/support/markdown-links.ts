/** Relative links of Markdown files and the anchors that their headings create. */

/** One link of a Markdown file: its text, its target path (empty for a link within the file) and its anchor. */
export interface MarkdownLink {
  text: string;
  path: string;
  anchor: string | undefined;
}

const FENCED_BLOCK = /^```[\s\S]*?^```/gm;
const CODE_SPAN = /(`+)[\s\S]*?\1/g;
// Link text may contain one level of brackets, as in `[see [1]](notes.md)`.
const INLINE_LINK = /\[((?:[^[\]]|\[[^\]]*\])*)\]\(([^)\s]+)\)/g;

/** Returns the relative links of `markdown`, leaving out URLs with a scheme and links inside code. */
export function relativeLinksOf(markdown: string): MarkdownLink[] {
  const prose = markdown.replace(FENCED_BLOCK, '').replace(CODE_SPAN, 'code');
  const links: MarkdownLink[] = [];
  for (const [, text, target] of prose.matchAll(INLINE_LINK)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target!)) continue;
    const [path, anchor] = target!.split('#', 2) as [string, string | undefined];
    links.push({ text: text!.replace(/\s+/g, ' '), path, anchor });
  }
  return links;
}

/**
 * Returns the anchors that GitHub gives the headings of `markdown`: lower case, punctuation other
 * than `-` and `_` removed, spaces as `-`, and `-1`, `-2` and so on after a repeated anchor.
 */
export function headingAnchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const [, heading] of markdown.replace(FENCED_BLOCK, '').matchAll(/^#{1,6}\s+(.+)$/gm)) {
    const base = heading!.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    let anchor = base;
    for (let repeat = 1; anchors.has(anchor); repeat += 1) anchor = `${base}-${repeat}`;
    anchors.add(anchor);
  }
  return anchors;
}
