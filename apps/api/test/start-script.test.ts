/** The start script under pnpm: signals sent to pnpm must stop the service. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { settledWithin } from './support.ts';

const REPOSITORY_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** Time allowed for pnpm to start the service, and for both to exit after a signal, in milliseconds. */
const WAIT_MS = 15_000;

interface LogLine {
  msg: string;
  pid: number;
  signal?: string;
}

interface StartedScript {
  /** pnpm, the process that the README's start command runs. */
  pnpm: ChildProcessWithoutNullStreams;
  /** Process id of the service, read from its first log line. */
  servicePid: number;
  url: string;
  lines: LogLine[];
  /** Resolves when pnpm has exited and every process that shares its stdout has closed it. */
  closed: Promise<void>;
  /** Resolves with the first log line whose message is `message`, or with undefined once pnpm has closed. */
  lineOrClose(message: string): Promise<LogLine | undefined>;
}

const started: StartedScript[] = [];

/** Runs the README's start command, `pnpm --filter @agnes/example-api start`, on 127.0.0.1. */
async function startScript(): Promise<StartedScript> {
  // pnpm comes from PATH, which scripts/env.sh sets to the pinned pnpm of the repository.
  const pnpm = spawn('pnpm', ['--filter', '@agnes/example-api', 'start'], {
    cwd: REPOSITORY_ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info' },
  });
  const lines: LogLine[] = [];
  const closed = new Promise<void>((resolve) => pnpm.once('close', () => resolve()));
  const listening = new Promise<{ url: string; pid: number }>((resolve, reject) => {
    let buffered = '';
    pnpm.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const complete = buffered.split('\n');
      buffered = complete.pop() ?? '';
      for (const text of complete.filter((line) => line.startsWith('{'))) {
        const line = JSON.parse(text) as LogLine;
        lines.push(line);
        const match = /^Server listening at (http:\/\/127\.0\.0\.1:\d+)$/.exec(line.msg);
        if (match) resolve({ url: match[1] as string, pid: line.pid });
      }
    });
    pnpm.once('exit', (code) => reject(new Error(`pnpm exited with ${code} before the service listened`)));
  });
  const { url, pid } = await withinWait(listening, 'the service to listen');
  let isClosed = false;
  void closed.then(() => {
    isClosed = true;
  });
  const lineOrClose = async (message: string): Promise<LogLine | undefined> => {
    const deadline = Date.now() + WAIT_MS;
    while (Date.now() < deadline) {
      const line = lines.find((candidate) => candidate.msg === message);
      if (line !== undefined || isClosed) return line;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`Timed out after ${WAIT_MS} ms waiting for the log line "${message}"`);
  };
  const script = { pnpm, servicePid: pid, url, lines, closed, lineOrClose };
  started.push(script);
  return script;
}

/** Rejects when `promise` has not settled within WAIT_MS. */
function withinWait<T>(promise: Promise<T>, description: string): Promise<T> {
  return settledWithin(promise, WAIT_MS, description);
}

/** Returns whether a process with this id exists. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

/** A POST whose headers the service has read and whose body is not sent yet. */
interface UnfinishedRequest {
  /** Sends the body and resolves with the raw response, or with what arrived before the connection closed. */
  finish(): Promise<string>;
}

/**
 * Opens `POST /v1/policies` with `Expect: 100-continue` and resolves once the service sends
 * `100 Continue`, which Node's HTTP server does after it has parsed the headers. Until the body
 * arrives the request is in progress, so a stopping service waits for it.
 */
function openUnfinishedPost(url: string): Promise<UnfinishedRequest> {
  const { hostname, port } = new URL(url);
  const body = JSON.stringify({ name: 'in-flight' });
  const socket = connect(Number(port), hostname);
  let received = '';
  const ended = new Promise<string>((resolve) => socket.once('close', () => resolve(received)));
  const finish = (): Promise<string> => {
    socket.end(body);
    return ended;
  };
  socket.on('error', () => {
    // A service that dies closes the connection, so finish() resolves with what arrived until then.
  });
  return new Promise((resolve, reject) => {
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('utf8');
      if (received.startsWith('HTTP/1.1 100 Continue')) resolve({ finish });
    });
    socket.once('close', () => reject(new Error(`The connection closed before 100 Continue: ${received}`)));
    socket.write(
      [
        'POST /v1/policies HTTP/1.1',
        `Host: ${hostname}:${port}`,
        'Authorization: Bearer agnes_demo_admin',
        'Content-Type: application/json',
        `Content-Length: ${Buffer.byteLength(body)}`,
        'Expect: 100-continue',
        '',
        '',
      ].join('\r\n'),
    );
  });
}

afterEach(() => {
  // A service that outlived pnpm would keep running after the tests, so end it by its id.
  for (const script of started.splice(0)) {
    if (isRunning(script.servicePid)) process.kill(script.servicePid, 'SIGKILL');
    if (script.pnpm.exitCode === null && script.pnpm.signalCode === null) script.pnpm.kill('SIGKILL');
  }
});

describe('start script', () => {
  it('SIGTERM to pnpm stops the service', async () => {
    const script = await startScript();
    const health = await fetch(new URL('/health', script.url));
    script.pnpm.kill('SIGTERM');
    await withinWait(script.closed, 'pnpm and the service to exit');

    expect(health.status).toBe(200);
    expect(script.lines).toContainEqual(expect.objectContaining({ msg: 'Stopping', signal: 'SIGTERM', pid: script.servicePid }));
    expect(script.lines).toContainEqual(expect.objectContaining({ msg: 'Stopped', pid: script.servicePid }));
    expect(isRunning(script.servicePid)).toBe(false);
  });

  it('Ctrl-C stops the service once', async () => {
    const script = await startScript();
    const request = await openUnfinishedPost(script.url);
    // A terminal sends Ctrl-C as SIGINT to every process of the foreground group, and pnpm forwards
    // its own SIGINT to the script, so the service gets two. Both are sent here by process id, the
    // second once the service is stopping. The unfinished request keeps it from exiting before then.
    process.kill(script.servicePid, 'SIGINT');
    await script.lineOrClose('Stopping');
    script.pnpm.kill('SIGINT');
    const ignored = await script.lineOrClose('Ignored a signal while stopping');
    const response = await withinWait(request.finish(), 'the unfinished request');
    await withinWait(script.closed, 'pnpm and the service to exit');

    expect(ignored).toMatchObject({ signal: 'SIGINT', pid: script.servicePid });
    expect(response).toContain('HTTP/1.1 201 Created');
    expect(script.lines.filter((line) => line.msg === 'Stopping')).toHaveLength(1);
    expect(script.lines).toContainEqual(expect.objectContaining({ msg: 'Stopped', pid: script.servicePid }));
    expect(isRunning(script.servicePid)).toBe(false);
  });
});
