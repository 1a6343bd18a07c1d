/**
 * Every relative link of the README and the reference pages under docs/ points to a file that
 * exists, and every anchor to a heading of that file. The pages ship in the package, so a link
 * that leaves the package would be broken for users who read the installed copy.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { headingAnchorsOf, relativeLinksOf } from './support/markdown-links.ts';

const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DOC_FILES = ['README.md', ...readdirSync(path.join(PACKAGE_DIR, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];

const LINKS = DOC_FILES.flatMap((file) => {
  const markdown = readFileSync(path.join(PACKAGE_DIR, file), 'utf8');
  return relativeLinksOf(markdown).map((link) => {
    const target = link.path === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), link.path));
    const href = link.anchor === undefined ? target : `${target}#${link.anchor}`;
    return { file, text: link.text, target, anchor: link.anchor, href };
  });
});

describe('markdown link helpers', () => {
  it('finds links across lines and outside code', () => {
    const markdown = 'See [the\nrenderer](docs/renderer.md#options), `[not](a.md)` and [site](https://example.com).\n\n```md\n[no](b.md)\n```\n';

    expect(relativeLinksOf(markdown)).toEqual([{ text: 'the renderer', path: 'docs/renderer.md', anchor: 'options' }]);
  });

  it('makes GitHub anchors of headings', () => {
    const markdown = "# What the plugin and `errorsServerOptions()` set\n## Limits of `errors[]`\n## Hono's `bodyLimit`\n## Notes\n## Notes\n";

    expect([...headingAnchorsOf(markdown)]).toEqual([
      'what-the-plugin-and-errorsserveroptions-set',
      'limits-of-errors',
      'honos-bodylimit',
      'notes',
      'notes-1',
    ]);
  });
});

describe('package docs', () => {
  it('README links every reference page', () => {
    const linkedFromReadme = new Set(LINKS.filter((link) => link.file === 'README.md').map((link) => link.target));

    expect(DOC_FILES.filter((file) => file !== 'README.md' && !linkedFromReadme.has(file))).toEqual([]);
  });

  it.each(LINKS)('$file links to $href ("$text")', ({ target, anchor }) => {
    expect(target.startsWith('../'), `${target} is outside the package`).toBe(false);
    expect(existsSync(path.join(PACKAGE_DIR, target)), `${target} does not exist`).toBe(true);
    if (anchor !== undefined) {
      expect([...headingAnchorsOf(readFileSync(path.join(PACKAGE_DIR, target), 'utf8'))]).toContain(anchor);
    }
  });
});
