/**
 * The hand-written pages of the site: every Markdown file under `content/`,
 * with the title and description from its front matter.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** A hand-written page of the site. */
export interface ContentPage {
  /** File path relative to the content folder, such as `administration/api-keys.md`. */
  file: string;
  /** Site path, such as `/administration/api-keys`, or `/` for `index.md`. */
  path: string;
  title: string;
  description: string;
}

/** Reads every page of a content folder, sorted by path. */
export function readContentPages(contentDir: string): ContentPage[] {
  return markdownFiles(contentDir)
    .map((file) => {
      const source = readFileSync(join(contentDir, file), 'utf8');
      const frontMatter = frontMatterOf(source);
      const missing = ['title', 'description'].filter((key) => !frontMatter.get(key));
      if (missing.length > 0) {
        throw new Error(
          `${join(contentDir, file)}: front matter has no ${missing.join(' or ')}; add them, because the site uses them for titles and llms.txt`,
        );
      }
      return { file, path: sitePathOf(file), title: frontMatter.get('title')!, description: frontMatter.get('description')! };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

function sitePathOf(file: string): string {
  const path = `/${file.replace(/\.md$/, '')}`;
  if (path === '/index') return '/';
  return path.endsWith('/index') ? path.slice(0, -'index'.length) : path;
}

/**
 * Reads the top-level `key: value` lines of a page's front matter. Nested YAML,
 * such as a home page's `hero`, is skipped, because only scalar keys are needed here.
 */
function frontMatterOf(source: string): Map<string, string> {
  const values = new Map<string, string>();
  const match = /^---\n([\s\S]*?)\n---\n/.exec(source);
  if (!match) return values;
  for (const line of (match[1] as string).split('\n')) {
    const field = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(line);
    if (!field || field[2] === '') continue;
    values.set(field[1] as string, (field[2] as string).replace(/^(['"])(.*)\1$/, '$2'));
  }
  return values;
}
