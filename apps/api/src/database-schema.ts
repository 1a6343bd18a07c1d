/**
 * The tables of the example service, and the check that an existing file has them with every
 * column, so that a file of another application is rejected before the service writes to it.
 */
import { DatabaseSync } from 'node:sqlite';

/** Tables of the service. A file that lacks one gets it; a table that lacks a column is an error. */
export const SCHEMA = `
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

/**
 * Raised when a table of the file lacks columns that this service needs, as in a file made by
 * another application.
 */
export class SchemaMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaMismatchError';
  }
}

/** Adds a column that a file made by an earlier version of the service lacks. */
export function addColumnIfMissing(database: DatabaseSync, table: string, column: string, definition: string): void {
  if (!columnsOf(database, table).includes(column)) database.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition};`);
}

/** Returns the column names of each table of the schema, read from a new database in memory. */
function expectedColumns(): Map<string, string[]> {
  const reference = new DatabaseSync(':memory:');
  try {
    reference.exec(SCHEMA);
    const tables = reference.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as unknown as { name: string }[];
    return new Map(tables.map(({ name }) => [name, columnsOf(reference, name)]));
  } finally {
    reference.close();
  }
}

function columnsOf(database: DatabaseSync, table: string): string[] {
  const columns = database.prepare(`PRAGMA table_info(${table})`).all() as unknown as { name: string }[];
  return columns.map((column) => column.name);
}

/** Raises `SchemaMismatchError` for the first table of the file that lacks columns of the schema. */
export function checkSchema(database: DatabaseSync): void {
  for (const [table, expected] of expectedColumns()) {
    const actual = new Set(columnsOf(database, table));
    const missing = expected.filter((column) => !actual.has(column));
    if (missing.length > 0) {
      throw new SchemaMismatchError(`table ${table} lacks the ${missing.length === 1 ? 'column' : 'columns'} ${missing.join(', ')} of this service's schema`);
    }
  }
}
