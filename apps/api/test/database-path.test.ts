/**
 * DATABASE_PATH at start-up: files that SQLite opens but cannot write, files of another
 * application, and the log line that names the database.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/database.ts';
import { SCHEMA, SchemaMismatchError } from '../src/database-schema.ts';
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
    // version is above 2 read-only, even for root. `BEGIN IMMEDIATE` already fails on such a file,
    // so this test passes without the user-version write too. It guards this kind of file, and the
    // test without write permission covers that write.
    const bytes = readFileSync(file);
    bytes[18] = 3;
    writeFileSync(file, bytes);

    const line = expectOneFatalLine(await runMain({ DATABASE_PATH: file }));

    expect(line.msg).toContain('attempt to write a readonly database');
    expect(line.msg).toContain(READ_ONLY_FIX);
  });
});

describe('DATABASE_PATH of another application', () => {
  it.each<{ name: string; sql: string; reason: string }>([
    {
      name: 'with only tables of other names',
      sql: 'CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT); CREATE TABLE orders (id INTEGER, total REAL);',
      reason: 'the file is not empty but lacks the tables tenants, api_keys, policies, idempotency_keys',
    },
    {
      name: 'with a tenants table of the same columns',
      sql: 'CREATE TABLE tenants (id TEXT PRIMARY KEY, name TEXT NOT NULL); CREATE TABLE contacts (id INTEGER, tenant_id TEXT);',
      reason: 'the file is not empty but lacks the tables api_keys, policies, idempotency_keys',
    },
    {
      name: 'with a policies table of other columns',
      sql: 'CREATE TABLE policies (x INTEGER);',
      reason: 'table policies lacks the columns id, tenant_id, name, description, rules, created_at, updated_at',
    },
    {
      name: 'with only a view',
      sql: 'CREATE VIEW answer AS SELECT 42 AS value;',
      reason: 'the file is not empty but lacks the tables tenants, api_keys, policies, idempotency_keys',
    },
  ])('$name exits 1 and leaves the file as it was', async ({ sql, reason }) => {
    const folder = temporaryFolder();
    const file = path.join(folder, 'foreign.db');
    const foreign = new DatabaseSync(file);
    foreign.exec(sql);
    foreign.close();
    const before = readFileSync(file);

    const line = expectOneFatalLine(await runMain({ DATABASE_PATH: file }));

    expect(line.msg).toContain(reason);
    expect(line.msg).toContain(OTHER_FILE_FIX);
    expect(line.msg).not.toContain('writable directory');
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readdirSync(folder)).toEqual(['foreign.db']);
    expect(journalModeOf(file)).toBe('delete');
  });

  it.each<{ name: string; sql: string; reason: string }>([
    {
      name: 'missing column',
      sql: SCHEMA.replace('    email_verified INTEGER NOT NULL DEFAULT 1\n', '').replace('user_id TEXT,', 'user_id TEXT'),
      reason: 'table api_keys lacks the column email_verified',
    },
    {
      name: 'column of another type',
      sql: SCHEMA.replace('tenants (id TEXT PRIMARY KEY', 'tenants (id INTEGER PRIMARY KEY'),
      reason: 'column tenants.id has the type INTEGER, not TEXT',
    },
    {
      name: 'missing table',
      sql: SCHEMA.slice(0, SCHEMA.indexOf('CREATE TABLE IF NOT EXISTS idempotency_keys')),
      reason: 'the file is not empty but lacks the table idempotency_keys',
    },
  ])('raises SchemaMismatchError for a $name', ({ sql, reason }) => {
    const file = path.join(temporaryFolder(), 'partial.db');
    const partial = new DatabaseSync(file);
    partial.exec(sql);
    partial.close();

    expect(() => openDatabase(file)).toThrow(SchemaMismatchError);
    expect(() => openDatabase(file)).toThrow(`${reason} of this service's schema`);
  });

  it('exits 1 for a file that is not a database', async () => {
    const file = path.join(temporaryFolder(), 'notes.txt');
    writeFileSync(file, 'These are notes, not a SQLite database.\n'.repeat(20));

    const line = expectOneFatalLine(await runMain({ DATABASE_PATH: file }));

    expect(line.msg).toContain('file is not a database');
    expect(line.msg).toContain(OTHER_FILE_FIX);
  });
});

describe('DATABASE_PATH of this service', () => {
  // Only a file without tables gets the demo data, so the first version's file made here has none.
  it.each<{ name: string; prepare: (file: string) => void; policies: number }>([
    { name: 'an empty file', prepare: (file) => writeFileSync(file, ''), policies: 1 },
    { name: 'a new SQLite file without tables', prepare: (file) => new DatabaseSync(file).close(), policies: 1 },
    { name: 'a file that the service made', prepare: createServiceDatabase, policies: 1 },
    {
      name: 'a file of the first version, without claimed_at',
      policies: 0,
      prepare: (file) => {
        const first = new DatabaseSync(file);
        first.exec(SCHEMA.replace('    claimed_at INTEGER NOT NULL DEFAULT 0,\n', ''));
        first.close();
      },
    },
  ])('opens $name', ({ prepare, policies: expected }) => {
    const file = path.join(temporaryFolder(), 'service.db');
    prepare(file);

    const database = openDatabase(file);
    const policies = database.prepare('SELECT id FROM policies').all();
    database.close();

    expect(policies).toHaveLength(expected);
    expect(journalModeOf(file)).toBe('wal');
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
