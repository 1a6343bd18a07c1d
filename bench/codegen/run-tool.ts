/**
 * Runs one tool of the codegen benchmark through its own CLI in a fresh Node
 * process: `agnes-errors generate` or TypeSpec's `tsp compile`. The parent
 * measures the wall time from spawn to exit. A preload (report-usage.js)
 * reports the CPU time and peak RSS of the process, worker threads included.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const USAGE_PRELOAD = path.join(HERE, 'report-usage.js');
const AGNES_ERRORS_BIN = path.join(ROOT, 'packages', 'codegen', 'bin', 'agnes-errors.js');
const TSP_BIN = path.join(ROOT, 'node_modules', '@typespec', 'compiler', 'cmd', 'tsp.js');

/** The two tools that the benchmark compares. */
export type Tool = 'codegen' | 'typespec';

/** Cost of one run of a tool. */
export interface RunResult {
  wallMs: number;
  cpuMs: number;
  maxRssKiB: number;
  /** One-minute load average of the machine when the run started. */
  loadBefore: number;
}

/**
 * Command-line arguments after `node` for one tool on one project: a codegen
 * config, or a main.tsp file whose tspconfig.yaml sits beside it.
 */
function argsOf(tool: Tool, project: string): string[] {
  return tool === 'codegen' ? [AGNES_ERRORS_BIN, 'generate', '--config', project] : [TSP_BIN, 'compile', project];
}

/**
 * Runs a tool once with Node's module compile cache in `compileCacheDir`, set
 * through NODE_COMPILE_CACHE for both tools alike. agnes-errors turns the cache
 * on by itself, and the variable only chooses its directory; TypeSpec does not,
 * and the variable turns it on.
 */
export async function runTool(tool: Tool, project: string, compileCacheDir: string): Promise<RunResult> {
  const usageDir = await mkdtemp(path.join(os.tmpdir(), 'agnes-bench-usage-'));
  const usageFile = path.join(usageDir, 'usage.json');
  const { NODE_DISABLE_COMPILE_CACHE: _disable, ...inherited } = process.env;
  const env = { ...inherited, NODE_COMPILE_CACHE: compileCacheDir, AGNES_BENCH_USAGE_FILE: usageFile };
  const loadBefore = os.loadavg()[0]!;
  try {
    const started = performance.now();
    const { code, stderr, stdout } = await spawnNode(['--import', USAGE_PRELOAD, ...argsOf(tool, project)], path.dirname(project), env);
    const wallMs = performance.now() - started;
    if (code !== 0) throw new Error(`${tool} exited with ${code} on ${project}:\n${stdout}\n${stderr}`);
    const usage = JSON.parse(await readFile(usageFile, 'utf8')) as { cpuMs: number; maxRssKiB: number };
    return { wallMs, cpuMs: usage.cpuMs, maxRssKiB: usage.maxRssKiB, loadBefore };
  } finally {
    await rm(usageDir, { recursive: true, force: true });
  }
}

function spawnNode(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
