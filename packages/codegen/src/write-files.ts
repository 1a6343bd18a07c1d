/** Writes a set of generated files all at once, or none of them. */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CodegenError } from './errors.ts';

/** One generated file: absolute path and full content. */
export interface GeneratedFile {
  path: string;
  content: string;
}

/**
 * Writes every file to a temporary sibling first, all at the same time, then
 * renames them into place. When any write fails, the temporary files are
 * removed and no target file is touched. Renames within one directory are
 * atomic per file on POSIX systems.
 */
export async function writeFilesAtomically(files: readonly GeneratedFile[]): Promise<void> {
  const staged = files.map((file) => ({ temporary: `${file.path}.${process.pid}.tmp`, target: file.path, content: file.content }));
  const writes = await Promise.allSettled(
    staged.map(async ({ temporary, target, content }) => {
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(temporary, content, 'utf8');
    }),
  );
  const failed = writes.find((result) => result.status === 'rejected');
  if (failed) {
    // A cleanup failure must not hide the write failure, which is the one to report.
    await Promise.all(staged.map(({ temporary }) => rm(temporary, { force: true }).catch(() => undefined)));
    const reason = failed.reason as Error;
    throw new CodegenError(`Cannot write the generated files: ${reason.message}; check the "outputs" paths`, { cause: reason });
  }
  for (const { temporary, target } of staged) await rename(temporary, target);
}
