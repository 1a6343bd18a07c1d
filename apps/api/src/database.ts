/**
 * Storage of the example service: SQLite through Node's built-in `node:sqlite`, with the demo
 * tenants, API keys and policy seeded when the database is created.
 */
import { createHash } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { SCHEMA, addMissingColumns, checkSchema } from './database-schema.ts';
import { DEMO_API_KEYS } from './demo-data.ts';

/** Returns the SHA-256 of an API key in hex; only hashes are stored. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** How long a statement waits for another process's lock on the file before it fails, in milliseconds. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens the database at `path` (`:memory:` for one in memory), creates the tables and seeds the demo
 * data. The file is left as it was when a step fails.
 *
 * @throws {SchemaMismatchError} when a file that is not empty lacks tables or columns of this service.
 * @throws the SQLite error of a file that SQLite cannot open, read or write.
 */
export function openDatabase(path: string): DatabaseSync {
  const database = new DatabaseSync(path);
  try {
    // Several processes may share a file: a write waits for another's lock instead of failing.
    database.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS};`);
    database.exec('PRAGMA foreign_keys = ON;');
    inTransaction(database, () => {
      // SQLite opens a file that it cannot write, such as one without write permission, read-only
      // and without an error. Writing the header's user version makes such a file fail here, at
      // start-up, instead of at every later write.
      const { user_version: userVersion } = database.prepare('PRAGMA user_version').get() as { user_version: number };
      database.exec(`PRAGMA user_version = ${userVersion};`);
      // Checked before anything is created, so that a file of another application is left as it was.
      checkSchema(database);
      const isNew = !hasTable(database, 'tenants');
      database.exec(SCHEMA);
      addMissingColumns(database);
      // Seeded once, so that a deleted demo policy stays deleted after a restart.
      if (isNew) seed(database);
    });
    // WAL lets readers run beside the writer. It changes the file's header for good, so it is set
    // only once the file has passed the schema check.
    if (path !== ':memory:') database.exec('PRAGMA journal_mode = WAL;');
  } catch (error) {
    database.close();
    throw error;
  }
  return database;
}

/**
 * Runs `work` in one write transaction: its statements take effect together or not at all. The
 * lock is taken at the start, so another process cannot change the rows that `work` reads.
 */
export function inTransaction<T>(database: DatabaseSync, work: () => T): T {
  database.exec('BEGIN IMMEDIATE;');
  try {
    const result = work();
    database.exec('COMMIT;');
    return result;
  } catch (error) {
    database.exec('ROLLBACK;');
    throw error;
  }
}

function hasTable(database: DatabaseSync, name: string): boolean {
  return database.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

function seed(database: DatabaseSync): void {
  const now = new Date().toISOString();
  database.prepare('INSERT OR IGNORE INTO tenants (id, name) VALUES (?, ?), (?, ?)').run('acme', 'Acme', 'globex', 'Globex');
  const insertKey = database.prepare(
    'INSERT OR IGNORE INTO api_keys (id, key_hash, tenant_id, scopes, user_id, email_verified) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const key of DEMO_API_KEYS) {
    insertKey.run(key.id, hashApiKey(key.key), key.tenantId, key.scopes.join(' '), key.userId ?? null, key.emailVerified ? 1 : 0);
  }
  database
    .prepare('INSERT OR IGNORE INTO policies (id, tenant_id, name, description, rules, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run('pol_1', 'acme', 'baseline', 'Default access policy of Acme.', JSON.stringify([{ action: 'allow', resource: 'reports/*' }]), now, now);
}
