/** Reads the facts of a rendered page back out of its Markdown, for structural comparisons. */
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';

const parser = new MarkdownIt('default', { html: true });

/** The facts of a page, per section; whitespace inside text is collapsed to single spaces. */
export interface PageStructure {
  /** Headings in order, with their `#` marks, such as `## Related`. */
  headings: string[];
  /** Every table, as rows of cell source text, header row first. */
  tables: string[][][];
  /** List items of each section, keyed by the section's heading text. */
  listItems: Record<string, string[]>;
  /** Paragraphs of each section. */
  paragraphs: Record<string, string[]>;
  /** Links of each section as `text -> href`. */
  links: Record<string, string[]>;
  /** The info string and parsed content of every fenced JSON block. */
  jsonBlocks: { info: string; value: unknown }[];
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Parses a page into its structure. */
export function pageStructure(markdown: string): PageStructure {
  const structure: PageStructure = { headings: [], tables: [], listItems: {}, paragraphs: {}, links: {}, jsonBlocks: [] };
  const tokens = parser.parse(markdown, {});
  let section = '';
  let listDepth = 0;
  let row: string[] | undefined;

  tokens.forEach((token, index) => {
    const inline = tokens[index + 1];
    switch (token.type) {
      case 'heading_open':
        section = inline?.content ?? '';
        structure.headings.push(`${token.markup} ${section}`);
        break;
      case 'table_open':
        structure.tables.push([]);
        break;
      case 'tr_open':
        row = [];
        structure.tables.at(-1)?.push(row);
        break;
      case 'th_open':
      case 'td_open':
        row?.push(collapse(inline?.content ?? ''));
        break;
      case 'bullet_list_open':
      case 'ordered_list_open':
        listDepth += 1;
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        listDepth -= 1;
        break;
      case 'paragraph_open':
        if (listDepth > 0) (structure.listItems[section] ??= []).push(collapse(inline?.content ?? ''));
        else (structure.paragraphs[section] ??= []).push(collapse(inline?.content ?? ''));
        break;
      case 'fence':
        if (token.info.startsWith('json')) structure.jsonBlocks.push({ info: token.info, value: JSON.parse(token.content) });
        break;
      case 'inline':
        (structure.links[section] ??= []).push(...linksOf(token.children ?? []));
        break;
    }
  });
  return structure;
}

function linksOf(children: readonly Token[]): string[] {
  const links: string[] = [];
  children.forEach((child, index) => {
    if (child.type !== 'link_open') return;
    const close = children.findIndex((other, at) => at > index && other.type === 'link_close');
    const text = children
      .slice(index + 1, close)
      .map((part) => (part.type === 'code_inline' ? `\`${part.content}\`` : part.content))
      .join('');
    links.push(`${text} -> ${child.attrGet('href')}`);
  });
  return links;
}

/** Returns the reference page without the docs platform's note: the quote block above the title. */
export function withoutPlatformNote(markdown: string): string {
  const lines = markdown.split('\n');
  const title = lines.findIndex((line) => line.startsWith('# '));
  const note = lines.slice(0, title).filter((line) => line.trim() !== '');
  if (!note.every((line) => line.startsWith('>'))) {
    throw new Error('The reference page has text above its title that is not the platform note; update the test');
  }
  return lines.slice(title).join('\n');
}
