/** Helpers that run the start command, `node src/main.ts`, as a child process on 127.0.0.1. */
import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
/** Time allowed for one run of the start command, in milliseconds. */
const RUN_TIMEOUT_MS = 20_000;

/** Where and as whom the start command runs. */
export interface RunOptions {
  /** Working directory. @default this process's */
  cwd?: string;
  /** User and group id to run as; only root can set them. @default this process's */
  uid?: number;
}

/** Output of a finished run of the start command. */
export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the start command with `env` and returns its exit code and output; it must exit by itself. */
export function runMain(env: Record<string, string>, options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [MAIN],
      { env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env }, timeout: RUN_TIMEOUT_MS, cwd: options.cwd, uid: options.uid, gid: options.uid },
      (_error, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

/**
 * Runs the start command with `env` until a log line's `msg` starts with `message`, then stops it
 * with SIGTERM and returns that line.
 */
export function runUntilLine(env: Record<string, string>, message: string, options: RunOptions = {}): Promise<Record<string, unknown>> {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env },
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`No line "${message}" within ${RUN_TIMEOUT_MS} ms: ${output}`));
    }, RUN_TIMEOUT_MS);
    let output = '';
    let stopping = false;
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const lines = output.split('\n').filter((line) => line.startsWith('{') && line.endsWith('}'));
      const found = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => String(line.msg).startsWith(message));
      if (found === undefined || stopping) return;
      stopping = true;
      clearTimeout(timer);
      child.once('exit', () => resolve(found));
      child.kill('SIGTERM');
    });
    child.once('exit', (code) => {
      if (stopping) return;
      clearTimeout(timer);
      reject(new Error(`The service exited with ${code} before the line "${message}": ${output}`));
    });
  });
}

/**
 * Checks that the start command exited 1 with nothing on stderr and one fatal log line, and returns
 * that line.
 */
export function expectOneFatalLine(result: RunResult): { level: number; msg: string } {
  const lines = result.stdout.split('\n').filter((line) => line !== '');

  expect(result.code).toBe(1);
  expect(result.stderr).toBe('');
  expect(lines).toHaveLength(1);
  const line = JSON.parse(lines[0] as string) as { level: number; msg: string };
  expect(line.level).toBe(60);
  return line;
}
