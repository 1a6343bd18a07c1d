/** The example service of apps/api, started with `node src/main.ts` as a child process on 127.0.0.1. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const API_DIR = fileURLToPath(new URL('../../../../apps/api/', import.meta.url));
const LISTENING = /^Server listening at (http:\/\/127\.0\.0\.1:\d+)$/;
/** Maximum time to wait for the service to listen, in milliseconds. */
const START_TIMEOUT_MS = 20_000;

export interface ExampleApi {
  /** Base URL, such as `http://127.0.0.1:40123`. */
  url: string;
  /** The service's log lines so far, parsed from its pino output. */
  logs(): Record<string, unknown>[];
  /** Stops the child process that `startExampleApi` started. */
  stop(): Promise<void>;
}

/** Starts the service with `PORT=0` and reads its address from the "Server listening at" log line. */
export async function startExampleApi(env: Record<string, string> = {}): Promise<ExampleApi> {
  const child: ChildProcess = spawn(process.execPath, ['src/main.ts'], {
    cwd: API_DIR,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  let output = '';
  let buffered = '';

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The example API did not listen within ${START_TIMEOUT_MS} ms. Output:\n${output}`)), START_TIMEOUT_MS);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stdout!.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      buffered += text;
      const complete = buffered.split('\n');
      buffered = complete.pop() ?? '';
      for (const line of complete) {
        if (line.trim() === '') continue;
        const parsed = JSON.parse(line) as Record<string, unknown>;
        lines.push(parsed);
        const match = LISTENING.exec(String(parsed.msg));
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The example API exited with code ${code} before it listened. Output:\n${output}`));
    });
  });

  return {
    url,
    logs: () => lines,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
