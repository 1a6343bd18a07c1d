/** Explains a failure to open DATABASE_PATH by its kind, so that the fatal start-up line gives the matching fix. */
import type { DatabaseSync } from 'node:sqlite';
import { ConfigError } from './config.ts';
import { openDatabase } from './database.ts';
import { SchemaMismatchError } from './database-schema.ts';

/** Fix for a failure that no other entry explains. */
const GENERAL_FIX = 'use a SQLite file of this service, or a new file, in an existing, writable directory, or unset DATABASE_PATH to keep the data in memory';
/** Fix for a file that another application made. */
const OTHER_FILE_FIX = 'use a file made by this service, or a path where no file exists yet, or unset DATABASE_PATH to keep the data in memory';

/**
 * Fix of each SQLite primary result code (https://sqlite.org/rescode.html). node:sqlite reports the
 * extended code, whose low 8 bits are the primary code.
 */
const FIX_BY_RESULT_CODE: Record<number, string> = {
  // SQLITE_BUSY
  5: 'another process held a lock on the file for longer than the 5 s busy timeout; stop the process that holds it, or retry',
  // SQLITE_READONLY
  8:
    'the service writes to its database, so SQLite must be able to write the file and create its -wal and -shm files beside it; ' +
    "give the service's user write permission on the file and its directory, or unset DATABASE_PATH to keep the data in memory",
  // SQLITE_CORRUPT
  11: OTHER_FILE_FIX,
  // SQLITE_CANTOPEN
  14: 'use a file in an existing, writable directory, or unset DATABASE_PATH to keep the data in memory',
  // SQLITE_NOTADB
  26: OTHER_FILE_FIX,
};

/** Returns the fix for an error raised while opening the database. */
function fixOf(error: unknown): string {
  if (error instanceof SchemaMismatchError) return OTHER_FILE_FIX;
  const resultCode = error instanceof Error && 'errcode' in error && typeof error.errcode === 'number' ? error.errcode & 0xff : undefined;
  return (resultCode !== undefined && FIX_BY_RESULT_CODE[resultCode]) || GENERAL_FIX;
}

/**
 * Opens the database at `path`.
 *
 * @throws {ConfigError} naming DATABASE_PATH, the cause and the fix that matches it, when SQLite
 * cannot open, read or write the file or the file has another schema.
 */
export function openDatabaseOrExplain(path: string): DatabaseSync {
  try {
    return openDatabase(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`Cannot open DATABASE_PATH "${path}": ${reason}; ${fixOf(error)}`, { cause: error });
  }
}
