/** Writes a set of generated files all at once, or none of them. */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** One generated file: absolute path and full content. */
export interface GeneratedFile {
  path: string;
  content: string;
}

/**
 * Writes every file to a temporary sibling first, then renames them into place.
 * When any write fails, the temporary files are removed and no target file is
 * touched. Renames within one directory are atomic per file on POSIX systems.
 */
export async function writeFilesAtomically(files: readonly GeneratedFile[]): Promise<void> {
  const staged: { temporary: string; target: string }[] = [];
  try {
    for (const file of files) {
      await mkdir(path.dirname(file.path), { recursive: true });
      const temporary = `${file.path}.${process.pid}.tmp`;
      staged.push({ temporary, target: file.path });
      await writeFile(temporary, file.content, 'utf8');
    }
  } catch (error) {
    await Promise.all(staged.map(({ temporary }) => rm(temporary, { force: true })));
    throw error;
  }
  for (const { temporary, target } of staged) await rename(temporary, target);
}
