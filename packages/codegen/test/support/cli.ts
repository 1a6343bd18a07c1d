/** Runs the real `agnes-errors` CLI in a child process, on the Node that runs the tests. */
import { spawn } from 'node:child_process';
import { CLI_BIN } from './paths.ts';

/** Exit code and output of one CLI run. */
export interface CliResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `agnes-errors ...args` in `cwd` and resolves when the process exits. */
export function runCli(args: readonly string[], cwd: string): Promise<CliResult> {
  return runProcess(process.execPath, [CLI_BIN, ...args], cwd);
}

/** Runs a command without a shell and collects its output. */
export function runProcess(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ exitCode, stdout, stderr }));
  });
}
