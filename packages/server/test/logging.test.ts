/**
 * Log lines of every adapter, read back from a pino stream: 5xx at error level with the stack, 4xx
 * at info level without it, each with the request id, and never a credential.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgnesError, createAgnesRenderer } from '../src/index.ts';
import { APP_KINDS, startApp, type RunningApp } from './apps/index.ts';
import { send } from './support/http.ts';
import { captureLogs, LEVEL, type LogLine } from './support/logs.ts';

const API_KEY = 'agnes_live_3f9a7c1e5b';
const CREDENTIALS = { authorization: `Bearer ${API_KEY}`, 'x-api-key': API_KEY, cookie: `session=${API_KEY}` };

let stackReads = 0;

/** Makes every read of the error's `stack` count in `stackReads`. */
function countingStackReads(error: Error): Error {
  const text = `${error.name}: ${error.message}`;
  Object.defineProperty(error, 'stack', {
    get: () => {
      stackReads += 1;
      return text;
    },
    configurable: true,
  });
  return error;
}

const THROWN: Record<string, () => unknown> = {
  forbidden: () => new AgnesError('forbidden', { scope: 'policy:delete', credential_tenant_id: 'globex', resource_tenant_id: 'acme' }),
  watchedForbidden: () => countingStackReads(new AgnesError('forbidden', { scope: 'policy:delete' })),
  unavailable: () => new AgnesError('service_unavailable', { retry_after: 5, dependency: 'postgres' }, { cause: new Error('pool exhausted') }),
  crash: () => new TypeError('Cannot read properties of undefined'),
  text: () => 'a thrown string',
};

describe.each(APP_KINDS)('%s adapter logging', (kind) => {
  let app: RunningApp;
  const logs = captureLogs();

  beforeAll(async () => {
    app = await startApp(kind, { renderer: createAgnesRenderer(), logger: logs.logger, valueFor: (testCase) => THROWN[testCase]?.() });
  });
  afterAll(() => app.close());

  async function lineFor(testCase: string): Promise<LogLine> {
    const response = await send(app.url, 'GET', '/throw?api_key=' + API_KEY, { headers: { ...CREDENTIALS, 'x-case': testCase } });
    const lines = logs.lines().filter((line) => line.request_id === response.body.request_id);
    expect(lines).toHaveLength(1);
    return lines[0] as LogLine;
  }

  it('logs a 4xx at info without a stack', async () => {
    const line = await lineFor('forbidden');

    expect(line.level).toBe(LEVEL.info);
    expect(line).toMatchObject({ code: 'forbidden', status: 403, method: 'GET', path: '/throw' });
    expect(line.params).toEqual({ scope: 'policy:delete', credential_tenant_id: 'globex', resource_tenant_id: 'acme' });
    expect(JSON.stringify(line)).not.toContain('stack');
  });

  it('reads no stack for a 4xx', async () => {
    const before = stackReads;
    const line = await lineFor('watchedForbidden');

    expect(line.code).toBe('forbidden');
    expect(stackReads - before).toBe(0);
  });

  it('logs a 5xx contract error at error level with stack and cause', async () => {
    const line = await lineFor('unavailable');
    const err = line.err as { stack: string; message: string };

    expect(line.level).toBe(LEVEL.error);
    expect(line).toMatchObject({ code: 'service_unavailable', status: 503 });
    expect(err.stack).toContain('logging.test');
    expect(err.stack).toContain('pool exhausted');
  });

  it('logs an unknown Error at error level with its stack', async () => {
    const line = await lineFor('crash');
    const err = line.err as { type: string; message: string; stack: string };

    expect(line.level).toBe(LEVEL.error);
    expect(line.code).toBe('internal_error');
    expect(err.type).toBe('TypeError');
    expect(err.message).toBe('Cannot read properties of undefined');
    expect(err.stack).toContain('logging.test');
  });

  it('logs a thrown non-Error value', async () => {
    const line = await lineFor('text');

    expect(line.level).toBe(LEVEL.error);
    expect(line.code).toBe('internal_error');
    expect(line.thrown ?? (line.err as { message?: string } | undefined)?.message).toContain('a thrown string');
  });

  it('never logs credentials or the query string', async () => {
    await send(app.url, 'GET', '/nope?api_key=' + API_KEY, { headers: CREDENTIALS });
    for (const testCase of Object.keys(THROWN)) await lineFor(testCase);

    expect(logs.text()).not.toContain(API_KEY);
    expect(logs.text().toLowerCase()).not.toContain('bearer');
  });
});
