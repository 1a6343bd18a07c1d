/** STOP_TIMEOUT_MS: how long the start command waits for the requests in progress when it stops. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { settledWithin, type LogLine } from './support.ts';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
/**
 * Time allowed for the service to start, and to exit after a signal, in milliseconds. It is below
 * the 10 s that `Demo-Delay-Ms: 10000` delays a request, so a service that waits for that request
 * fails the wait.
 */
const WAIT_MS = 8_000;
/** A deadline that the held requests below outlast. */
const SHORT_STOP_TIMEOUT_MS = 500;
const ADMIN = 'agnes_demo_admin';
const HOLDING = 'Holding the request as Demo-Delay-Ms requests';

interface StartedService {
  process: ChildProcessWithoutNullStreams;
  url: string;
  /** Every log line so far, parsed. */
  lines: LogLine[];
  /** Resolves with the exit code once the service has exited and its stdout has ended. */
  exited: Promise<number | null>;
  /** Resolves with the first log line whose message is `message`, waiting up to WAIT_MS for it. */
  lineOf(message: string): Promise<LogLine>;
}

const children: ChildProcessWithoutNullStreams[] = [];
const sockets: Socket[] = [];

afterEach(() => {
  // A service that hangs would outlive the tests, so end every process started here by its id.
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  for (const socket of sockets.splice(0)) socket.destroy();
});

/** Rejects when `promise` has not settled within WAIT_MS. */
function withinWait<T>(promise: Promise<T>, description: string): Promise<T> {
  return settledWithin(promise, WAIT_MS, description);
}

/** Runs `node src/main.ts` on 127.0.0.1 with demo faults, `env` added, and resolves once it listens. */
async function startMain(env: Record<string, string>): Promise<StartedService> {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', AGNES_DEMO_FAULTS: '1', ...env },
  });
  children.push(child);
  const lines: LogLine[] = [];
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const complete = buffered.split('\n');
    buffered = complete.pop() ?? '';
    for (const text of complete) lines.push(JSON.parse(text) as LogLine);
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  // 'close' comes after stdout has ended, so `lines` then contains the last log line.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const lineOf = (message: string): Promise<LogLine> =>
    vi.waitFor(
      () => {
        const line = lines.find((candidate) => candidate.msg === message);
        if (line === undefined) throw new Error(`No log line "${message}" yet`);
        return line;
      },
      { timeout: WAIT_MS, interval: 20 },
    );

  const url = await vi.waitFor(
    () => {
      for (const line of lines) {
        const match = /^Server listening at (http:\/\/127\.0\.0\.1:\d+)$/.exec(line.msg);
        if (match !== null) return match[1] as string;
      }
      throw new Error(`The service does not listen yet. Its stderr: ${stderr}`);
    },
    { timeout: WAIT_MS, interval: 20 },
  );
  return { process: child, url, lines, exited, lineOf };
}

/** A request whose connection stays open while the service handles it. */
interface HeldRequest {
  /** Resolves with everything received once the service closes the connection. */
  closed: Promise<string>;
}

/** Opens a raw connection to `url` and sends `head`, the start of a request. */
function openConnection(url: string, head: string): HeldRequest {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  sockets.push(socket);
  let received = '';
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString('utf8');
  });
  socket.on('error', () => {
    // An ended connection may arrive as ECONNRESET, and `closed` still resolves with what arrived.
  });
  const closed = new Promise<string>((resolve) => socket.once('close', () => resolve(received)));
  socket.write(head);
  return { closed };
}

/** Returns the headers of `POST /v1/policies` with a JSON body of `contentLength` bytes. */
function postHead(url: string, contentLength: number, extraHeaders: string[] = []): string {
  const { host } = new URL(url);
  return [
    'POST /v1/policies HTTP/1.1',
    `Host: ${host}`,
    `Authorization: Bearer ${ADMIN}`,
    'Content-Type: application/json',
    `Content-Length: ${contentLength}`,
    ...extraHeaders,
    '',
    '',
  ].join('\r\n');
}

interface HoldCase {
  name: string;
  /** Sends a request that outlasts SHORT_STOP_TIMEOUT_MS, and resolves once the service is handling it. */
  hold(service: StartedService): Promise<HeldRequest>;
}

const HOLD_CASES: HoldCase[] = [
  {
    name: 'a body sent slowly',
    hold: async (service) => {
      // The body is announced as 100 bytes, but only its first byte is ever sent.
      const request = openConnection(service.url, `${postHead(service.url, 100)}{`);
      await service.lineOf('incoming request');
      return request;
    },
  },
  {
    name: 'Demo-Delay-Ms',
    hold: async (service) => {
      const body = JSON.stringify({ name: 'held-past-deadline' });
      const request = openConnection(service.url, `${postHead(service.url, Buffer.byteLength(body), ['Demo-Delay-Ms: 10000'])}${body}`);
      await service.lineOf(HOLDING);
      return request;
    },
  },
];

describe('stop past STOP_TIMEOUT_MS', () => {
  it.each(HOLD_CASES)('ends $name and exits 1', async ({ hold }) => {
    const service = await startMain({ STOP_TIMEOUT_MS: String(SHORT_STOP_TIMEOUT_MS) });
    const request = await hold(service);

    service.process.kill('SIGTERM');
    await service.lineOf('Stopping');
    service.process.kill('SIGINT');
    const ignored = await service.lineOf('Ignored a signal while stopping');
    const code = await withinWait(service.exited, 'the service to exit after its stop timed out');
    const received = await withinWait(request.closed, 'the held connection to close');
    const errors = service.lines.filter((line) => line.level === 50);

    expect(code).toBe(1);
    expect(ignored).toMatchObject({ signal: 'SIGINT' });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ stop_timeout_ms: SHORT_STOP_TIMEOUT_MS, connections: 1 });
    expect(errors[0]?.msg).toBe(
      `Stopping timed out after STOP_TIMEOUT_MS (${SHORT_STOP_TIMEOUT_MS} ms), so ending 1 open connection and exiting with code 1`,
    );
    expect(received).toBe('');
    expect(service.lines.map((line) => line.msg)).not.toContain('Stopped');
  });
});

describe('stop within STOP_TIMEOUT_MS', () => {
  it('finishes the held request and exits 0', async () => {
    const service = await startMain({ STOP_TIMEOUT_MS: '20000' });
    const body = JSON.stringify({ name: 'held-within-deadline' });
    const request = openConnection(service.url, `${postHead(service.url, Buffer.byteLength(body), ['Demo-Delay-Ms: 300'])}${body}`);
    await service.lineOf(HOLDING);

    service.process.kill('SIGTERM');
    const stopping = await service.lineOf('Stopping');
    const code = await withinWait(service.exited, 'the service to exit after SIGTERM');
    const received = await withinWait(request.closed, 'the held connection to close');

    expect(code).toBe(0);
    expect(stopping).toMatchObject({ signal: 'SIGTERM', stop_timeout_ms: 20_000 });
    expect(received).toMatch(/^HTTP\/1\.1 201 Created\r\n/);
    expect(received).toContain('connection: close');
    expect(service.lines.filter((line) => line.level >= 50)).toEqual([]);
    expect(service.lines.map((line) => line.msg)).toContain('Stopped');
  });
});
