/** Temporary directories that a test file removes when it ends. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/** Returns a function that creates fresh temporary directories, all removed after the file's tests. */
export function useTempDirs(prefix: string): () => Promise<string> {
  const created: string[] = [];
  afterAll(async () => {
    await Promise.all(created.map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), `agnes-codegen-${prefix}-`));
    created.push(dir);
    return dir;
  };
}
