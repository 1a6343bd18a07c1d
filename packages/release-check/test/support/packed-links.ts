/**
 * Relative links of the Markdown files in a packed tarball. Link and anchor rules come from the
 * server package's docs test, so both checks agree on what a heading's anchor is.
 */
import path from 'node:path';
import { headingAnchorsOf, relativeLinksOf } from '../../../server/test/support/markdown-links.ts';

/**
 * Returns the broken relative links of the Markdown files in `markdownByFile`, as
 * `from -> target#anchor`. A link is broken when its target is not in `files`, or when the target
 * is Markdown and none of its headings makes the link's anchor. Paths are relative to the package
 * root.
 */
export function brokenLinksOf(markdownByFile: ReadonlyMap<string, string>, files: readonly string[]): string[] {
  const broken: string[] = [];
  for (const [file, markdown] of markdownByFile) {
    for (const link of relativeLinksOf(markdown)) {
      const target = link.path === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), link.path));
      const href = link.anchor === undefined ? target : `${target}#${link.anchor}`;
      if (!files.includes(target)) {
        broken.push(`${file} -> ${href}`);
        continue;
      }
      const targetMarkdown = markdownByFile.get(target);
      if (link.anchor !== undefined && targetMarkdown !== undefined && !headingAnchorsOf(targetMarkdown).has(link.anchor)) {
        broken.push(`${file} -> ${href}`);
      }
    }
  }
  return broken;
}
