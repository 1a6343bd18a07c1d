/** Atomic writes: all files or none, and no temporary file left behind. */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFilesAtomically } from '../src/index.ts';
import { useTempDirs } from './support/temp-dir.ts';

const tempDir = useTempDirs('write');

describe('writeFilesAtomically', () => {
  it('writes every file, creating folders', async () => {
    const dir = await tempDir();
    const files = [
      { path: path.join(dir, 'a.json'), content: 'first\n' },
      { path: path.join(dir, 'nested', 'deeper', 'b.json'), content: 'second\n' },
    ];

    await writeFilesAtomically(files);

    for (const file of files) expect(await readFile(file.path, 'utf8')).toBe(file.content);
    expect((await readdir(dir)).sort()).toEqual(['a.json', 'nested']);
  });

  it('keeps earlier files when one write fails', async () => {
    const dir = await tempDir();
    const kept = path.join(dir, 'kept.json');
    await writeFile(kept, 'earlier\n');
    await writeFile(path.join(dir, 'blocker'), 'a file where a folder is expected');

    const writing = writeFilesAtomically([
      { path: kept, content: 'later\n' },
      { path: path.join(dir, 'blocker', 'out.json'), content: 'never\n' },
    ]);

    await expect(writing).rejects.toThrow(/Cannot write the generated files: .*(ENOTDIR|EEXIST)/);
    expect(await readFile(kept, 'utf8')).toBe('earlier\n');
    expect((await readdir(dir)).sort()).toEqual(['blocker', 'kept.json']);
  });

  it('replaces existing files', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'out', 'c.json');
    await mkdir(path.dirname(file));
    await writeFile(file, 'old\n');

    await writeFilesAtomically([{ path: file, content: 'new\n' }]);

    expect(await readFile(file, 'utf8')).toBe('new\n');
    expect(await readdir(path.dirname(file))).toEqual(['c.json']);
  });
});
