/**
 * The start command with stdout piped into `head -n 2`: once head has read the two start-up log
 * lines and exited, the pipe has no reader and every write to it fails with EPIPE.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { settledWithin } from './support.ts';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
/** Time allowed for the service to start, and to exit after a signal or a failed write, in milliseconds. */
const WAIT_MS = 10_000;

interface PipedService {
  /** Process id of the service. */
  pid: number;
  url: string;
  /** Resolves with the service's exit code once it has exited. */
  exited: Promise<number | null>;
  /** Everything the service wrote to stderr so far. */
  stderr(): string;
}

const children: ChildProcess[] = [];

afterEach(() => {
  // A service that hangs would outlive the tests, so end every process started here by its id.
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});

/** Rejects when `promise` has not settled within WAIT_MS. */
function withinWait<T>(promise: Promise<T>, description: string): Promise<T> {
  return settledWithin(promise, WAIT_MS, description);
}

/**
 * Runs `node src/main.ts | head -n 2` on 127.0.0.1 and resolves once head has printed the
 * listening line and the database line and exited, so that the service's stdout is a pipe without
 * a reader.
 */
async function startPipedIntoHead(): Promise<PipedService> {
  const head = spawn('head', ['-n', '2'], { stdio: ['pipe', 'pipe', 'inherit'] });
  children.push(head);
  const service = spawn(process.execPath, [MAIN], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info' },
    stdio: ['ignore', head.stdin, 'pipe'],
  });
  children.push(service);
  // The service now has the only write end of the pipe, and head the only read end.
  head.stdin.destroy();

  let stderr = '';
  service.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => service.once('exit', (code) => resolve(code)));
  let startLines = '';
  head.stdout?.on('data', (chunk: Buffer) => {
    startLines += chunk.toString('utf8');
  });
  const headExitCode = await withinWait(new Promise<number | null>((resolve) => head.once('close', resolve)), 'head to exit');

  expect(headExitCode).toBe(0);
  const match = /"msg":"Server listening at (http:\/\/127\.0\.0\.1:\d+)"/.exec(startLines);
  if (match === null || service.pid === undefined) throw new Error(`The first line is not the listening line: ${startLines}${stderr}`);
  if (!startLines.includes('"msg":"Storing data in memory')) throw new Error(`The second line is not the database line: ${startLines}${stderr}`);
  return { pid: service.pid, url: match[1] as string, exited, stderr: () => stderr };
}

describe('start command whose stdout reader has exited', () => {
  it('exits 0 on SIGTERM', async () => {
    const service = await startPipedIntoHead();
    process.kill(service.pid, 'SIGTERM');

    expect(await withinWait(service.exited, 'the service to exit after SIGTERM')).toBe(0);
  });

  it('exits 0 on SIGINT', async () => {
    const service = await startPipedIntoHead();
    process.kill(service.pid, 'SIGINT');

    expect(await withinWait(service.exited, 'the service to exit after SIGINT')).toBe(0);
  });

  it('finishes the request, then exits 1', async () => {
    const service = await startPipedIntoHead();
    // The request's first log line is the first write that fails, so this request makes the service stop.
    const health = await fetch(new URL('/health', service.url));
    const code = await withinWait(service.exited, 'the service to stop after its stdout closed');
    const lines = service.stderr().split('\n').filter((line) => line !== '');

    expect(health.status).toBe(200);
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      level: 50,
      msg: 'Stopping because a write to stdout failed, so log lines are lost',
      err: expect.objectContaining({ code: 'EPIPE' }),
    });
  });
});
