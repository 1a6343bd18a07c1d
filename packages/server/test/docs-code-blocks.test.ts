/**
 * Every ```ts block of the README and the reference pages type-checks on its own, as a user would
 * paste it, against the package's sources. A block that cannot be whole opts out with a comment
 * line `// docs-check: skip <reason>`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { typeCheckBlocks, typeScriptBlocksOf } from './support/markdown-code-blocks.ts';

const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DOC_FILES = ['README.md', ...readdirSync(path.join(PACKAGE_DIR, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];

const BLOCKS = DOC_FILES.flatMap((file) =>
  typeScriptBlocksOf(readFileSync(path.join(PACKAGE_DIR, file), 'utf8')).map((block) => ({
    ...block,
    file,
    // Inside the package directory, so that `@agnes/errors-server` resolves to this package.
    fileName: path.join(PACKAGE_DIR, 'doc-blocks', `${file.replace(/[/.]/g, '-')}-line-${block.line}.ts`),
  })),
);

describe('markdown code block helpers', () => {
  it('finds ts blocks with their lines and skip reasons', () => {
    const markdown = 'Text\n```ts\nconst a = 1;\n```\n```json\n{}\n```\n```ts\n// docs-check: skip needs a live database\nquery();\n```\n';

    expect(typeScriptBlocksOf(markdown)).toEqual([
      { line: 2, code: 'const a = 1;', skipReason: undefined },
      { line: 8, code: '// docs-check: skip needs a live database\nquery();', skipReason: 'needs a live database' },
    ]);
  });

  it('reports a name that a block does not declare', () => {
    const fileName = path.join(PACKAGE_DIR, 'doc-blocks', 'undeclared.ts');
    const code = "import { AgnesError } from '@agnes/errors-server';\nthrow new AgnesError('forbidden', { scope: 1 }, undeclaredOptions);\n";
    const diagnostics = typeCheckBlocks([{ fileName, code, line: 10 }], path.join(PACKAGE_DIR, 'tsconfig.json'));

    expect(diagnostics.get(fileName)).toEqual([
      expect.stringMatching(/^line 12: TS2322 /),
      expect.stringMatching(/^line 12: TS2304 Cannot find name 'undeclaredOptions'/),
    ]);
  });
});

describe('package docs code blocks', () => {
  const checked = BLOCKS.filter((block) => block.skipReason === undefined);
  const diagnostics = typeCheckBlocks(checked, path.join(PACKAGE_DIR, 'tsconfig.json'));

  it('finds blocks in the README and the pages', () => {
    expect(BLOCKS.filter((block) => block.file === 'README.md').length).toBeGreaterThanOrEqual(4);
    expect(BLOCKS.filter((block) => block.file !== 'README.md').length).toBeGreaterThanOrEqual(4);
  });

  it.each(BLOCKS)('$file:$line type-checks', ({ fileName, skipReason }) => {
    if (skipReason !== undefined) {
      expect(skipReason, 'a skipped block must say why').not.toBe('');
      return;
    }
    expect(diagnostics.get(path.resolve(fileName))).toEqual([]);
  });
});
