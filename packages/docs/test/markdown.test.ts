/** The Markdown building blocks of the pages. */
import { describe, expect, it } from 'vitest';
import { bulletList, codeSpan, orderedList, table, wrapParagraph } from '../src/markdown.ts';

describe('codeSpan', () => {
  it.each([
    { text: 'forbidden', want: '`forbidden`' },
    { text: 'a`b', want: '``a`b``' },
    { text: '`tick', want: '`` `tick ``' },
  ])('wraps $text', ({ text, want }) => {
    expect(codeSpan(text)).toBe(want);
  });
});

describe('wrapParagraph', () => {
  it('breaks between words at the width', () => {
    expect(wrapParagraph('aaa bbb ccc', 7)).toBe('aaa bbb\nccc');
  });

  it('keeps a long word whole', () => {
    expect(wrapParagraph('a https://example.com/a/very/long/path b', 10)).toBe('a\nhttps://example.com/a/very/long/path\nb');
  });

  it('keeps existing line breaks', () => {
    expect(wrapParagraph('one\ntwo three', 20)).toBe('one\ntwo three');
  });
});

describe('lists', () => {
  it('indent continuation lines under the text', () => {
    expect(bulletList(['first\nsecond'])).toBe('* first\n  second');
    expect(orderedList(['first\nsecond'])).toBe('1. first\n   second');
  });

  it('leave blank lines inside an item empty', () => {
    expect(bulletList(['para one\n\npara two'])).toBe('* para one\n\n  para two');
  });
});

describe('table', () => {
  it('pads columns to the widest cell', () => {
    expect(table(['A', 'Long header'], [['wide cell', 'x']])).toBe(
      ['| A         | Long header |', '| --------- | ----------- |', '| wide cell | x           |'].join('\n'),
    );
  });
});
