/**
 * Storage of the example service: SQLite through Node's built-in `node:sqlite`, with the demo
 * tenants, API keys and policy seeded when the database is created.
 */
import { createHash } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { DEMO_API_KEYS } from './demo-data.ts';

/** Returns the SHA-256 of an API key in hex; only hashes are stored. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS tenants (id TEXT PRIMARY KEY, name TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS api_keys (
    id TEXT PRIMARY KEY,
    key_hash TEXT NOT NULL UNIQUE,
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    scopes TEXT NOT NULL,
    user_id TEXT,
    email_verified INTEGER NOT NULL DEFAULT 1
  );
  CREATE TABLE IF NOT EXISTS policies (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    rules TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (tenant_id, name)
  );
  CREATE TABLE IF NOT EXISTS idempotency_keys (
    tenant_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('in_progress', 'done')),
    status INTEGER,
    body TEXT,
    claimed_at INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, idempotency_key)
  );
`;

/** How long a statement waits for another process's lock on the file before it fails, in milliseconds. */
const BUSY_TIMEOUT_MS = 5_000;

/** Opens the database at `path` (`:memory:` for one in memory), creates the tables and seeds the demo data. */
export function openDatabase(path: string): DatabaseSync {
  const database = new DatabaseSync(path);
  // Several processes may share a file: a write waits for another's lock instead of failing, and
  // readers do not block the writer.
  database.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS};`);
  if (path !== ':memory:') database.exec('PRAGMA journal_mode = WAL;');
  database.exec('PRAGMA foreign_keys = ON;');
  inTransaction(database, () => {
    const isNew = !hasTable(database, 'tenants');
    database.exec(SCHEMA);
    addColumnIfMissing(database, 'idempotency_keys', 'claimed_at', 'INTEGER NOT NULL DEFAULT 0');
    // Seeded once, so that a deleted demo policy stays deleted after a restart.
    if (isNew) seed(database);
  });
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

/** Adds a column that a file made by an earlier version of the service lacks. */
function addColumnIfMissing(database: DatabaseSync, table: string, column: string, definition: string): void {
  const columns = database.prepare(`PRAGMA table_info(${table})`).all() as unknown as { name: string }[];
  if (!columns.some((existing) => existing.name === column)) database.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition};`);
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
