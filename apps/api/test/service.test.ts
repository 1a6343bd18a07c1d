/** Configuration, file storage and the start command of the example service. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.ts';
import { expectOneFatalLine, runMain } from './start-command.ts';
import { call, startService } from './support.ts';

describe('readConfig', () => {
  it('uses the defaults', () => {
    expect(readConfig({})).toEqual({
      host: '127.0.0.1',
      port: 3000,
      databasePath: ':memory:',
      rateLimitMax: 100,
      authFailureLimitMax: 20,
      demoFaults: false,
      logLevel: 'info',
      docsBaseUrl: undefined,
      stopTimeoutMs: 10_000,
    });
  });

  it.each([
    { env: { PORT: 'eighty' }, message: 'Invalid PORT "eighty": expected an integer from 0 to 65535 in decimal digits' },
    { env: { PORT: '70000' }, message: 'Invalid PORT "70000"' },
    { env: { RATE_LIMIT_MAX: '0' }, message: 'Invalid RATE_LIMIT_MAX "0": expected an integer from 1' },
    // Number() reads each of these as an integer, but only decimal digits are accepted.
    { env: { PORT: '0x10' }, message: 'Invalid PORT "0x10": expected an integer from 0 to 65535 in decimal digits' },
    { env: { PORT: '1e3' }, message: 'Invalid PORT "1e3"' },
    { env: { PORT: ' 80' }, message: 'Invalid PORT " 80"' },
    { env: { PORT: '80 ' }, message: 'Invalid PORT "80 "' },
    { env: { PORT: '+80' }, message: 'Invalid PORT "+80"' },
    { env: { PORT: '-0' }, message: 'Invalid PORT "-0"' },
    { env: { PORT: '80.0' }, message: 'Invalid PORT "80.0"' },
    { env: { PORT: '0b101' }, message: 'Invalid PORT "0b101"' },
    { env: { PORT: '0o17' }, message: 'Invalid PORT "0o17"' },
    { env: { PORT: '8_0' }, message: 'Invalid PORT "8_0"' },
    { env: { RATE_LIMIT_MAX: '1e2' }, message: 'Invalid RATE_LIMIT_MAX "1e2"' },
    { env: { RATE_LIMIT_MAX: '0x64' }, message: 'Invalid RATE_LIMIT_MAX "0x64"' },
    { env: { RATE_LIMIT_MAX: '\t100' }, message: 'Invalid RATE_LIMIT_MAX "\t100"' },
    { env: { AUTH_FAILURE_LIMIT_MAX: '0' }, message: 'Invalid AUTH_FAILURE_LIMIT_MAX "0": expected an integer from 1' },
    { env: { AUTH_FAILURE_LIMIT_MAX: '2e1' }, message: 'Invalid AUTH_FAILURE_LIMIT_MAX "2e1"' },
    { env: { AGNES_DEMO_FAULTS: 'yes' }, message: 'Invalid AGNES_DEMO_FAULTS "yes"' },
    { env: { LOG_LEVEL: 'loud' }, message: 'Invalid LOG_LEVEL "loud"' },
    { env: { HOST: 'not a host' }, message: 'Invalid HOST "not a host": expected an IP address' },
    { env: { HOST: '[::1]' }, message: 'Invalid HOST "[::1]"' },
    { env: { HOST: '-api.example.test' }, message: 'Invalid HOST "-api.example.test"' },
    { env: { HOST: 'api..example.test' }, message: 'Invalid HOST "api..example.test"' },
    { env: { HOST: `${'a'.repeat(64)}.test` }, message: 'Invalid HOST' },
    { env: { STOP_TIMEOUT_MS: '99' }, message: 'Invalid STOP_TIMEOUT_MS "99": expected an integer from 100 to 600000 in decimal digits; unset it to use 10000' },
    { env: { STOP_TIMEOUT_MS: '600001' }, message: 'Invalid STOP_TIMEOUT_MS "600001"' },
    { env: { STOP_TIMEOUT_MS: '0' }, message: 'Invalid STOP_TIMEOUT_MS "0"' },
    { env: { STOP_TIMEOUT_MS: '10s' }, message: 'Invalid STOP_TIMEOUT_MS "10s"' },
    { env: { STOP_TIMEOUT_MS: '1e4' }, message: 'Invalid STOP_TIMEOUT_MS "1e4"' },
    { env: { STOP_TIMEOUT_MS: '-1' }, message: 'Invalid STOP_TIMEOUT_MS "-1"' },
    { env: { STOP_TIMEOUT_MS: '5000.5' }, message: 'Invalid STOP_TIMEOUT_MS "5000.5"' },
  ])('rejects $env', ({ env, message }) => {
    expect(() => readConfig(env)).toThrow(message);
  });

  it.each(['127.0.0.1', '::1', 'localhost', 'api.example.test.', 'db_1'])('accepts HOST %s', (host) => {
    expect(readConfig({ HOST: host }).host).toBe(host);
  });

  it.each([
    { raw: '0', port: 0 },
    { raw: '8080', port: 8080 },
    { raw: '08080', port: 8080 },
    { raw: '65535', port: 65535 },
  ])('accepts PORT $raw', ({ raw, port }) => {
    expect(readConfig({ PORT: raw }).port).toBe(port);
  });

  it.each([
    { raw: '100', stopTimeoutMs: 100 },
    { raw: '2500', stopTimeoutMs: 2500 },
    { raw: '600000', stopTimeoutMs: 600_000 },
  ])('accepts STOP_TIMEOUT_MS $raw', ({ raw, stopTimeoutMs }) => {
    expect(readConfig({ STOP_TIMEOUT_MS: raw }).stopTimeoutMs).toBe(stopTimeoutMs);
  });
});

describe('storage', () => {
  it('keeps policies in DATABASE_PATH across restarts', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'agnes-api-'));
    const env = { DATABASE_PATH: join(directory, 'agnes.sqlite') };
    try {
      const first = await startService(env);
      const created = await call(first, 'POST', '/v1/policies', { key: 'agnes_demo_admin', body: { name: 'kept' } });
      await first.close();

      const second = await startService(env);
      const read = await call(second, 'GET', `/v1/policies/${String(created.body.id)}`, { key: 'agnes_demo_read' });
      await second.close();

      expect(read.status).toBe(200);
      expect(read.body.name).toBe('kept');
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('start command', () => {
  it('listens on HOST and PORT and stops on SIGTERM', async () => {
    const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
    const child = spawn(process.execPath, [main], { env: { ...process.env, HOST: '127.0.0.1', PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString('utf8');
          const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (match) resolve(match[1] as string);
        });
        child.once('exit', (code) => reject(new Error(`The service exited with ${code} before listening: ${output}`)));
      });
      const health = await fetch(new URL('/health', url));
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');

      expect(health.status).toBe(200);
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});

interface InvalidSettingCase {
  env: Record<string, string>;
  /** Parts that the fatal message must contain: the variable, the value and the fix. */
  expected: string[];
}

describe('start command with invalid settings', () => {
  it.each<InvalidSettingCase>([
    { env: { LOG_LEVEL: 'loud' }, expected: ['LOG_LEVEL', '"loud"', 'expected one of'] },
    { env: { DATABASE_PATH: '/nonexistent/dir/x.db' }, expected: ['DATABASE_PATH', '"/nonexistent/dir/x.db"', 'unable to open database file', 'existing, writable directory', 'unset DATABASE_PATH'] },
    { env: { DOCS_BASE_URL: 'notaurl' }, expected: ['DOCS_BASE_URL: Invalid docs base URL "notaurl"', 'unset it'] },
    { env: { PORT: 'eighty' }, expected: ['PORT', '"eighty"', 'expected an integer'] },
    { env: { PORT: '0x10' }, expected: ['PORT', '"0x10"', 'expected an integer'] },
    { env: { STOP_TIMEOUT_MS: '10s' }, expected: ['STOP_TIMEOUT_MS', '"10s"', 'expected an integer from 100 to 600000', 'unset it'] },
    // readConfig rejects this HOST before the app is built, so `listen` never passes it to the system
    // resolver and no DNS query leaves the machine. Only readConfig words the message this way.
    { env: { HOST: 'not a host' }, expected: ['HOST', '"not a host"', 'expected an IP address'] },
  ])('exits 1 with one line for $env', async ({ env, expected }) => {
    const line = expectOneFatalLine(await runMain(env));

    for (const part of expected) expect(line.msg).toContain(part);
    expect(line.msg).not.toContain('\n');
  });
});

describe('start command with a port in use', () => {
  it('exits 1 with one line naming PORT', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = String((holder.address() as AddressInfo).port);
    try {
      const line = expectOneFatalLine(await runMain({ HOST: '127.0.0.1', PORT: port }));

      expect(line.msg).toContain(`PORT ${port}`);
      expect(line.msg).toContain('HOST "127.0.0.1"');
      expect(line.msg).toContain('already in use (EADDRINUSE)');
      expect(line.msg).toContain('set PORT to a free port');
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });
});
