/**
 * Load-test machinery shared by the server benchmarks: starts the servers of server.ts as child
 * processes, loads each target with autocannon in alternating rounds, and prints medians and ratios
 * to the 200 route of the same server and handler style.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const CONNECTIONS = 32;

/** Style of a route's handler: `async` returns a promise, and `sync` sends or throws before it returns. */
export type HandlerStyle = 'async' | 'sync';

/** One route to load. Every server and handler style that has targets needs a 200 target as well. */
export interface Target {
  /** Server kind, the argument of server.ts. */
  server: string;
  handler: HandlerStyle;
  name: string;
  path: string;
  /** The only status that the route may respond with. */
  status: number;
}

export interface RunOptions {
  rounds: number;
  durationS: number;
  /** Label of the server kinds in the table. */
  serverNames: Readonly<Record<string, string>>;
}

interface Sample {
  requestsPerSecond: number;
  p99Ms: number;
  cpuPerRequestUs: number;
}

interface Server {
  child: ChildProcess;
  port: number;
}

function startServer(kind: string): Promise<Server> {
  const script = fileURLToPath(new URL('./server.ts', import.meta.url));
  const child = spawn(process.execPath, [script, kind], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(chunk.toString('utf8'));
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.once('exit', (code) => reject(new Error(`The ${kind} server exited with ${code} before listening`)));
  });
}

/** Returns the CPU time (user and system) that a server process has used so far, in microseconds. */
function cpuOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (message: { cpuMicroseconds: number }) => resolve(message.cpuMicroseconds));
    child.send('cpu');
  });
}

/** Returns how many responses of a run had exactly `status`. */
function statusCountOf(result: autocannon.Result, status: number): number {
  const stats = (result as autocannon.Result & { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats;
  return stats?.[String(status)]?.count ?? 0;
}

async function load(server: Server, target: Target, duration: number): Promise<Sample> {
  const cpuBefore = await cpuOf(server.child);
  const result = await autocannon({ url: `http://127.0.0.1:${server.port}${target.path}`, connections: CONNECTIONS, duration });
  const cpuMicroseconds = (await cpuOf(server.child)) - cpuBefore;
  const wrongStatus = result.requests.total - statusCountOf(result, target.status);
  if (result.errors > 0 || wrongStatus > 0) {
    const counts = { errors: result.errors, [`not ${target.status}`]: wrongStatus };
    throw new Error(`${target.server} ${target.path}: expected only ${target.status} responses, got ${JSON.stringify(counts)}`);
  }
  return { requestsPerSecond: result.requests.average, p99Ms: result.latency.p99, cpuPerRequestUs: cpuMicroseconds / result.requests.total };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function baselineOf(targets: readonly Target[], target: Target): Target {
  const baseline = targets.find((other) => other.server === target.server && other.handler === target.handler && other.status === 200);
  if (baseline === undefined) throw new Error(`No 200 target for the ${target.server} server's ${target.handler} handlers`);
  return baseline;
}

/**
 * Loads every target after a one-second warm-up, `rounds` times in turn, and prints a Markdown
 * table of medians. Each ratio divides by the 200 target of the same server and handler style in
 * the same round, and the table shows the median of those ratios.
 */
export async function runTargets(targets: readonly Target[], options: RunOptions): Promise<void> {
  for (const target of targets) baselineOf(targets, target);
  const loadBefore = loadavg();
  const kinds = [...new Set(targets.map((target) => target.server))];
  const servers = new Map<string, Server>();
  const samples = new Map<Target, Sample[]>(targets.map((target) => [target, []]));
  try {
    for (const kind of kinds) servers.set(kind, await startServer(kind));
    const serverOf = (target: Target) => servers.get(target.server) as Server;
    for (const target of targets) await load(serverOf(target), target, 1);
    for (let round = 1; round <= options.rounds; round += 1) {
      for (const target of targets) {
        const sample = await load(serverOf(target), target, options.durationS);
        samples.get(target)?.push(sample);
        process.stderr.write(`round ${round}: ${target.server} ${target.handler} ${target.name}: ${Math.round(sample.requestsPerSecond)} req/s\n`);
      }
    }
  } finally {
    for (const { child } of servers.values()) child.kill('SIGTERM');
  }
  const loadAfter = loadavg();

  /** Divides each round's value of `target` by the same round's value of its 200 target. */
  const roundRatios = (target: Target, valueOf: (sample: Sample) => number, baselineOverThis: boolean): number[] => {
    const baseline = samples.get(baselineOf(targets, target)) ?? [];
    return (samples.get(target) ?? []).map((sample, round) => {
      const baselineValue = valueOf(baseline[round] as Sample);
      return baselineOverThis ? baselineValue / valueOf(sample) : valueOf(sample) / baselineValue;
    });
  };

  const loadText = (values: number[]) => values.map((value) => value.toFixed(1)).join(' ');
  const logging = process.env.BENCH_LOGGER === 'off' ? 'logger off' : 'logger at info into /dev/null';
  console.log(`\nNode ${process.version}, ${options.rounds} rounds of ${options.durationS} s per target, ${CONNECTIONS} connections, 127.0.0.1, ${logging}`);
  console.log(`Load average (1, 5, 15 min): ${loadText(loadBefore)} before, ${loadText(loadAfter)} after\n`);
  console.log('| server | handler | response | req/s | ratio to 200 | p99 ms (worst round) | server CPU µs/request | CPU ratio (200 ÷ this) |');
  console.log('| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |');
  for (const target of targets) {
    const runs = samples.get(target) ?? [];
    const requestsPerSecond = median(runs.map((sample) => sample.requestsPerSecond));
    const ratio = median(roundRatios(target, (sample) => sample.requestsPerSecond, false));
    const p99Ms = Math.max(...runs.map((sample) => sample.p99Ms));
    const cpuPerRequestUs = median(runs.map((sample) => sample.cpuPerRequestUs));
    const cpuRatio = median(roundRatios(target, (sample) => sample.cpuPerRequestUs, true));
    console.log(
      `| ${options.serverNames[target.server] ?? target.server} | ${target.handler} | ${target.name} | ${Math.round(requestsPerSecond)} | ${ratio.toFixed(2)} | ${p99Ms} | ${cpuPerRequestUs.toFixed(1)} | ${cpuRatio.toFixed(2)} |`,
    );
  }
  console.log('\nEach value is the median over rounds; each ratio is the median of the ratios within one round.');
}

/** Reads a positive whole number from the environment, or returns `fallback` when it is unset. */
export function positiveIntegerFromEnv(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(`Invalid ${name} "${text}": expected a whole number ≥ 1, such as ${fallback}`);
  }
  return value;
}
