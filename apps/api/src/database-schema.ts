/**
 * The tables of the example service, and the check that a file with tables has all of them with
 * every column, so that a file of another application is rejected before the service writes to it.
 */
import { DatabaseSync } from 'node:sqlite';

/** Tables of the service, created in a new or empty file. */
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
 * Raised when a file that already has tables lacks tables or columns of this service, as in a file
 * made by another application.
 */
export class SchemaMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaMismatchError';
  }
}

/**
 * Columns that the service adds to a file made by an earlier version, by table. The schema check
 * accepts a file without them, and `addMissingColumns` adds them.
 */
const ADDED_COLUMNS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  idempotency_keys: { claimed_at: 'INTEGER NOT NULL DEFAULT 0' },
};

/** A column as `PRAGMA table_info` returns it: its name and declared type. */
interface Column {
  name: string;
  type: string;
}

/** Adds the columns of `ADDED_COLUMNS` that a file made by an earlier version of the service lacks. */
export function addMissingColumns(database: DatabaseSync): void {
  for (const [table, added] of Object.entries(ADDED_COLUMNS)) {
    const present = new Set(columnsOf(database, table).map((column) => column.name));
    for (const [column, definition] of Object.entries(added)) {
      if (!present.has(column)) database.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition};`);
    }
  }
}

/** Returns the columns of each table of the schema, read from a new database in memory. */
function expectedColumns(): Map<string, Column[]> {
  const reference = new DatabaseSync(':memory:');
  try {
    reference.exec(SCHEMA);
    return new Map(tableNamesOf(reference).map((name) => [name, columnsOf(reference, name)]));
  } finally {
    reference.close();
  }
}

/** Returns the names of the file's own objects of `type`, without SQLite's internal `sqlite_` ones. */
function namesOf(database: DatabaseSync, type: 'table' | 'view'): string[] {
  const rows = database.prepare("SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid").all(type);
  return (rows as unknown as { name: string }[]).map((row) => row.name);
}

/** Returns the names of the file's own tables. */
function tableNamesOf(database: DatabaseSync): string[] {
  return namesOf(database, 'table');
}

function columnsOf(database: DatabaseSync, table: string): Column[] {
  const columns = database.prepare(`PRAGMA table_info(${table})`).all() as unknown as Column[];
  return columns.map(({ name, type }) => ({ name, type }));
}

/** Returns what the existing table lacks of the schema's columns, as a list of problems. */
function columnProblemsOf(table: string, expected: readonly Column[], actual: readonly Column[]): string[] {
  const actualTypes = new Map(actual.map((column) => [column.name, column.type.toUpperCase()]));
  const added = ADDED_COLUMNS[table] ?? {};
  const missing = expected.filter((column) => !actualTypes.has(column.name) && !(column.name in added)).map((column) => column.name);
  const problems: string[] = [];
  if (missing.length > 0) problems.push(`table ${table} lacks the ${missing.length === 1 ? 'column' : 'columns'} ${missing.join(', ')}`);
  for (const column of expected) {
    const type = actualTypes.get(column.name);
    if (type !== undefined && type !== column.type.toUpperCase()) {
      problems.push(`column ${table}.${column.name} has the type ${type === '' ? 'none' : type}, not ${column.type}`);
    }
  }
  return problems;
}

/**
 * Checks a file before the service creates anything in it. A file without tables and views is new
 * and passes. Any other file passes only when it has every table of the schema with every column
 * and its declared type, except the columns that `addMissingColumns` adds. Other tables may exist.
 *
 * @throws {SchemaMismatchError} listing each missing table, missing column and other type.
 */
export function checkSchema(database: DatabaseSync): void {
  const tables = new Set(tableNamesOf(database));
  if (tables.size === 0 && namesOf(database, 'view').length === 0) return;
  const missingTables: string[] = [];
  const problems: string[] = [];
  for (const [table, expected] of expectedColumns()) {
    if (tables.has(table)) problems.push(...columnProblemsOf(table, expected, columnsOf(database, table)));
    else missingTables.push(table);
  }
  if (missingTables.length > 0) {
    problems.unshift(`the file is not empty but lacks the ${missingTables.length === 1 ? 'table' : 'tables'} ${missingTables.join(', ')}`);
  }
  if (problems.length > 0) throw new SchemaMismatchError(`${problems.join(', and ')} of this service's schema`);
}
