/**
 * Storage with DATABASE_PATH: two services on one file, the demo data seeded once, and an
 * idempotency claim left behind by a stopped process.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/database.ts';
import { CLAIM_TIMEOUT_MS, IdempotencyStore } from '../src/idempotency.ts';

const API_DIR = fileURLToPath(new URL('..', import.meta.url));
const AUTH = { authorization: 'Bearer agnes_demo_admin' };
const ADMIN = { ...AUTH, 'content-type': 'application/json' };
/** Time allowed for a service to start, in milliseconds. */
const START_MS = 15_000;

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function temporaryDatabasePath(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'agnes-api-storage-'));
  cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
  return path.join(folder, 'agnes.db');
}

/** Starts the service as its own process on 127.0.0.1 and returns its URL. */
async function startProcess(databasePath: string): Promise<string> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['src/main.ts'], {
    cwd: API_DIR,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DATABASE_PATH: databasePath, RATE_LIMIT_MAX: '100000', LOG_LEVEL: 'info' },
  });
  cleanups.push(() => child.kill('SIGKILL'));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the service did not listen in time')), START_MS);
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /"msg":"Server listening at (http:\/\/127\.0\.0\.1:\d+)"/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the service exited with ${code}: ${output}`)));
  });
}

describe('two services on one DATABASE_PATH', () => {
  it('create 50 policies without 500s', async () => {
    const databasePath = temporaryDatabasePath();
    const first = await startProcess(databasePath);
    const second = await startProcess(databasePath);

    const statuses = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        fetch(`${index % 2 === 0 ? first : second}/v1/policies`, {
          method: 'POST',
          headers: { ...ADMIN, 'idempotency-key': `key-${index % 10}` },
          body: JSON.stringify({ name: `policy-${index % 10}` }),
        }).then((response) => response.status),
      ),
    );

    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    // Each of the 10 keys creates its policy once; the other requests replay it or wait for it.
    expect(statuses.filter((status) => status === 201).length).toBeGreaterThanOrEqual(10);
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    const list = (await (await fetch(`${first}/v1/policies`, { headers: ADMIN })).json()) as { data: { name: string }[] };
    expect(list.data.filter((policy) => policy.name.startsWith('policy-'))).toHaveLength(10);
  });
});

describe('two services changing the same policies', () => {
  it('race PATCH against DELETE', async () => {
    const databasePath = temporaryDatabasePath();
    const first = await startProcess(databasePath);
    const second = await startProcess(databasePath);
    const ids = await createPolicies(first, 30, 'race');

    const statuses = await Promise.all(
      ids.flatMap((id) => [
        fetch(`${second}/v1/policies/${id}`, { method: 'PATCH', headers: ADMIN, body: JSON.stringify({ description: 'changed' }) }),
        fetch(`${first}/v1/policies/${id}`, { method: 'DELETE', headers: AUTH }),
        fetch(`${second}/v1/policies/${id}`, { method: 'DELETE', headers: AUTH }),
      ]).map((response) => response.then((answer) => answer.status)),
    );

    expect(statuses.filter((status) => ![200, 204, 404].includes(status))).toEqual([]);
    // Each policy is deleted once: the second DELETE finds nothing.
    expect(statuses.filter((status) => status === 204)).toHaveLength(ids.length);
  });

  it('race two renames to one name', async () => {
    const databasePath = temporaryDatabasePath();
    const first = await startProcess(databasePath);
    const second = await startProcess(databasePath);
    const ids = await createPolicies(first, 40, 'rename');

    const statuses = await Promise.all(
      Array.from({ length: ids.length / 2 }, (_, pair) => [
        fetch(`${first}/v1/policies/${ids[2 * pair]}`, { method: 'PATCH', headers: ADMIN, body: JSON.stringify({ name: `taken-${pair}` }) }),
        fetch(`${second}/v1/policies/${ids[2 * pair + 1]}`, { method: 'PATCH', headers: ADMIN, body: JSON.stringify({ name: `taken-${pair}` }) }),
      ]).flat().map((response) => response.then((answer) => answer.status)),
    );

    expect(statuses.filter((status) => status === 200)).toHaveLength(ids.length / 2);
    expect(statuses.filter((status) => status === 409)).toHaveLength(ids.length / 2);
  });
});

/** Creates `count` policies through `url` and returns their ids. */
async function createPolicies(url: string, count: number, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const response = await fetch(`${url}/v1/policies`, { method: 'POST', headers: ADMIN, body: JSON.stringify({ name: `${prefix}-${index}` }) });
    ids.push(((await response.json()) as { id: string }).id);
  }
  return ids;
}

describe('demo data', () => {
  it('keeps a deleted demo policy deleted', () => {
    const databasePath = temporaryDatabasePath();
    const first = openDatabase(databasePath);
    first.prepare("DELETE FROM policies WHERE id = 'pol_1'").run();
    first.close();

    const reopened = openDatabase(databasePath);
    const row = reopened.prepare("SELECT id FROM policies WHERE id = 'pol_1'").get();
    reopened.close();

    expect(row).toBeUndefined();
  });

  it('adds claimed_at to older files', () => {
    const databasePath = temporaryDatabasePath();
    const old = openDatabase(databasePath);
    old.exec('ALTER TABLE idempotency_keys DROP COLUMN claimed_at;');
    old.close();

    const reopened = openDatabase(databasePath);
    const columns = reopened.prepare('PRAGMA table_info(idempotency_keys)').all() as unknown as { name: string }[];
    reopened.close();

    expect(columns.map((column) => column.name)).toContain('claimed_at');
  });
});

describe('idempotency claim of a stopped request', () => {
  it.each([
    ['younger than the timeout', CLAIM_TIMEOUT_MS - 1, 'in progress'],
    ['as old as the timeout', CLAIM_TIMEOUT_MS, 'taken over'],
  ])('%s', (_name, age, outcome) => {
    const database = openDatabase(':memory:');
    let now = 1_000_000;
    const store = new IdempotencyStore(database, () => now);
    expect(store.start('acme', 'key-1', 'hash')).toEqual({ kind: 'run' });

    now += age;
    const retry = () => store.start('acme', 'key-1', 'hash');

    if (outcome === 'taken over') {
      expect(retry()).toEqual({ kind: 'run' });
      // The claim is now the retry's, so a third request waits again.
      expect(retry).toThrow(expect.objectContaining({ code: 'idempotency_request_in_progress' }));
    } else {
      expect(retry).toThrow(expect.objectContaining({ code: 'idempotency_request_in_progress' }));
    }
    database.close();
  });
});
