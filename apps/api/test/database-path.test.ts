/**
 * DATABASE_PATH at start-up: files that SQLite opens but cannot write, files of another
 * application, and the log line that names the database.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/database.ts';
import { SchemaMismatchError } from '../src/database-schema.ts';
import { expectOneFatalLine, runMain, runUntilLine } from './start-command.ts';

/** User id of `nobody` on Debian and most other Linux systems. */
const NOBODY = 65534;
const READ_ONLY_FIX = "give the service's user write permission on the file and its directory";
const OTHER_FILE_FIX = 'use a file made by this service, or a path where no file exists yet';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** Creates an empty folder that every user may write, for runs as `nobody`. */
function temporaryFolder(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'agnes-api-database-'));
  chmodSync(folder, 0o777);
  folders.push(folder);
  return folder;
}

/** Creates a database of the service at `file` and closes it. */
function createServiceDatabase(file: string): void {
  openDatabase(file).close();
}

function journalModeOf(file: string): string {
  const database = new DatabaseSync(file, { readOnly: true });
  try {
    return (database.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode;
  } finally {
    database.close();
  }
}

describe('DATABASE_PATH that SQLite opens read-only', () => {
  it('without write permission exits 1 at start-up', async () => {
    const file = path.join(temporaryFolder(), 'read-only.db');
    createServiceDatabase(file);
    chmodSync(file, 0o444);

    // Root ignores file modes, so as root the service runs as `nobody`, to whom they apply.
    const uid = process.getuid?.() === 0 ? NOBODY : undefined;
    const line = expectOneFatalLine(await runMain({ DATABASE_PATH: file }, { uid }));

    expect(line.msg).toContain(`DATABASE_PATH "${file}"`);
    expect(line.msg).toContain('attempt to write a readonly database');
    expect(line.msg).toContain(READ_ONLY_FIX);
  });

  it('with a newer write version exits 1 at start-up', async () => {
    const file = path.join(temporaryFolder(), 'write-version.db');
    createServiceDatabase(file);
    // Byte 18 of the header is the file format's write version. SQLite opens a file whose write
    // version is above 2 read-only, even for root.
    const bytes = readFileSync(file);
    bytes[18] = 3;
    writeFileSync(file, bytes);

    const line = expectOneFatalLine(await runMain({ DATABASE_PATH: file }));

    expect(line.msg).toContain('attempt to write a readonly database');
    expect(line.msg).toContain(READ_ONLY_FIX);
  });
});

describe('DATABASE_PATH of another application', () => {
  it('exits 1 naming the table and leaves the file as it was', async () => {
    const file = path.join(temporaryFolder(), 'foreign.db');
    const foreign = new DatabaseSync(file);
    foreign.exec('CREATE TABLE policies (x INTEGER);');
    foreign.close();

    const line = expectOneFatalLine(await runMain({ DATABASE_PATH: file }));
    const tables = new DatabaseSync(file, { readOnly: true });
    const names = tables.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    tables.close();

    expect(line.msg).toContain('table policies lacks the columns id, tenant_id, name');
    expect(line.msg).toContain(OTHER_FILE_FIX);
    expect(line.msg).not.toContain('writable directory');
    expect(names).toEqual([{ name: 'policies' }]);
    expect(journalModeOf(file)).toBe('delete');
  });

  it('raises SchemaMismatchError for a missing column', () => {
    const file = path.join(temporaryFolder(), 'partial.db');
    const partial = new DatabaseSync(file);
    partial.exec('CREATE TABLE api_keys (id TEXT PRIMARY KEY, key_hash TEXT, tenant_id TEXT, scopes TEXT, user_id TEXT);');
    partial.close();

    expect(() => openDatabase(file)).toThrow(SchemaMismatchError);
    expect(() => openDatabase(file)).toThrow('table api_keys lacks the column email_verified');
  });

  it('exits 1 for a file that is not a database', async () => {
    const file = path.join(temporaryFolder(), 'notes.txt');
    writeFileSync(file, 'These are notes, not a SQLite database.\n'.repeat(20));

    const line = expectOneFatalLine(await runMain({ DATABASE_PATH: file }));

    expect(line.msg).toContain('file is not a database');
    expect(line.msg).toContain(OTHER_FILE_FIX);
  });
});

describe('database log line', () => {
  it('names the absolute path of a relative DATABASE_PATH', async () => {
    const folder = temporaryFolder();

    const line = await runUntilLine({ DATABASE_PATH: 'relative.db' }, 'Storing data in', { cwd: folder });

    expect(line.database_path).toBe(path.join(folder, 'relative.db'));
    expect(line.msg).toBe(`Storing data in the SQLite file ${path.join(folder, 'relative.db')}`);
    expect(existsSync(path.join(folder, 'relative.db'))).toBe(true);
  });

  it('says when the data is in memory', async () => {
    const line = await runUntilLine({}, 'Storing data in');

    expect(line.database_path).toBe(':memory:');
    expect(line.msg).toBe('Storing data in memory; it is lost when the process stops');
  });
});
