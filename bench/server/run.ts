/**
 * `pnpm bench:server`: load tests Fastify with the errors plugin on 127.0.0.1 with autocannon, and
 * plain Fastify as a baseline. Each target (a 200 JSON body the size of an envelope, or one of the
 * errors that server.ts lists) runs for DURATION_S seconds, in ROUNDS alternating rounds, so that
 * drift of the machine hits every target alike. For each target it prints medians over the rounds:
 * requests per second, the ratio to the 200 path of its own server and handler style in the same
 * round, and the server's CPU time per request. Other processes on the machine disturb CPU time less
 * than throughput.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { measureConstruction } from './construct.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 3);
const CONNECTIONS = 32;

/** Style of a route's handler: `async` returns a promise, and `sync` sends or throws before it returns. */
type HandlerStyle = 'async' | 'sync';

interface Target {
  server: 'contract' | 'plain';
  handler: HandlerStyle;
  name: string;
  path: string;
  status: number;
}

// Each ratio divides by the 200 route of the same server and the same handler style.
const TARGETS: Target[] = [
  { server: 'contract', handler: 'async', name: '200 JSON', path: '/ok', status: 200 },
  { server: 'contract', handler: 'async', name: 'thrown 403 contract error', path: '/forbidden', status: 403 },
  { server: 'contract', handler: 'async', name: 'thrown unknown error (masked 500)', path: '/unknown', status: 500 },
  { server: 'contract', handler: 'async', name: 'floor: thrown prebuilt Error, constant body', path: '/forbidden-floor', status: 403 },
  { server: 'contract', handler: 'sync', name: '200 JSON', path: '/ok-sync', status: 200 },
  { server: 'contract', handler: 'sync', name: 'thrown 403 contract error', path: '/forbidden-sync', status: 403 },
  { server: 'contract', handler: 'sync', name: '403 contract error passed to reply.send', path: '/forbidden-sent', status: 403 },
  { server: 'contract', handler: 'sync', name: 'floor: thrown prebuilt Error, constant body', path: '/forbidden-floor-sync', status: 403 },
  { server: 'plain', handler: 'async', name: '200 JSON', path: '/ok', status: 200 },
  { server: 'plain', handler: 'async', name: 'thrown 403 Error', path: '/forbidden', status: 403 },
  { server: 'plain', handler: 'async', name: 'thrown 403 Error without stack', path: '/forbidden-no-stack', status: 403 },
  { server: 'plain', handler: 'sync', name: '200 JSON', path: '/ok-sync', status: 200 },
  { server: 'plain', handler: 'sync', name: 'thrown 403 Error without stack', path: '/forbidden-no-stack-sync', status: 403 },
];

function startServer(kind: string): Promise<{ child: ChildProcess; port: number }> {
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

async function load(child: ChildProcess, port: number, target: Target, duration: number) {
  const cpuBefore = await cpuOf(child);
  const result = await autocannon({ url: `http://127.0.0.1:${port}${target.path}`, connections: CONNECTIONS, duration });
  const cpuMicroseconds = (await cpuOf(child)) - cpuBefore;
  const wrongStatus = result.requests.total - statusCountOf(result, target.status);
  if (result.errors > 0 || wrongStatus > 0) {
    const counts = { errors: result.errors, [`not ${target.status}`]: wrongStatus };
    throw new Error(`${target.server} ${target.path}: expected only ${target.status} responses, got ${JSON.stringify(counts)}`);
  }
  return { requestsPerSecond: result.requests.average, p99Ms: result.latency.p99, cpuPerRequestUs: cpuMicroseconds / result.requests.total };
}

const loadBefore = loadavg();
const servers = { contract: await startServer('contract'), plain: await startServer('plain') };
type Sample = Awaited<ReturnType<typeof load>>;
const samples = new Map<Target, Sample[]>(TARGETS.map((target) => [target, []]));
try {
  for (const target of TARGETS) await load(servers[target.server].child, servers[target.server].port, target, 1);
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const target of TARGETS) {
      const sample = await load(servers[target.server].child, servers[target.server].port, target, DURATION_S);
      samples.get(target)?.push(sample);
      process.stderr.write(`round ${round}: ${target.server} ${target.handler} ${target.name}: ${Math.round(sample.requestsPerSecond)} req/s\n`);
    }
  }
} finally {
  for (const { child } of Object.values(servers)) child.kill('SIGTERM');
}
const loadAfter = loadavg();

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Divides each round's value of `target` by the same round's value of the 200 path of its server and handler style. */
function roundRatios(target: Target, valueOf: (sample: Sample) => number, okOverThis: boolean): number[] {
  const okTarget = TARGETS.find(
    (other) => other.server === target.server && other.handler === target.handler && other.status === 200,
  ) as Target;
  const ok = samples.get(okTarget) ?? [];
  return (samples.get(target) ?? []).map((sample, round) => {
    const okValue = valueOf(ok[round] as Sample);
    return okOverThis ? okValue / valueOf(sample) : valueOf(sample) / okValue;
  });
}

const loadText = (values: number[]) => values.map((value) => value.toFixed(1)).join(' ');
const logging = process.env.BENCH_LOGGER === 'off' ? 'logger off' : 'logger at info into /dev/null';
console.log(`\nNode ${process.version}, ${ROUNDS} rounds of ${DURATION_S} s per target, ${CONNECTIONS} connections, 127.0.0.1, ${logging}`);
console.log(`Load average (1, 5, 15 min): ${loadText(loadBefore)} before, ${loadText(loadAfter)} after\n`);
console.log('| server | handler | response | req/s | ratio to 200 | p99 ms (worst round) | server CPU µs/request | CPU ratio (200 ÷ this) |');
console.log('| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |');
for (const target of TARGETS) {
  const runs = samples.get(target) ?? [];
  const requestsPerSecond = median(runs.map((sample) => sample.requestsPerSecond));
  const ratio = median(roundRatios(target, (sample) => sample.requestsPerSecond, false));
  const p99Ms = Math.max(...runs.map((sample) => sample.p99Ms));
  const cpuPerRequestUs = median(runs.map((sample) => sample.cpuPerRequestUs));
  const cpuRatio = median(roundRatios(target, (sample) => sample.cpuPerRequestUs, true));
  const server = target.server === 'contract' ? 'errors plugin' : 'plain Fastify';
  console.log(
    `| ${server} | ${target.handler} | ${target.name} | ${Math.round(requestsPerSecond)} | ${ratio.toFixed(2)} | ${p99Ms} | ${cpuPerRequestUs.toFixed(1)} | ${cpuRatio.toFixed(2)} |`,
  );
}
console.log('\nEach value is the median over rounds; each ratio is the median of the ratios within one round.');

const construction = measureConstruction();
console.log(`\nConstructing a 403 AgnesError: ${construction.withoutStackNs.toFixed(0)} ns without a stack trace, ${construction.withStackNs.toFixed(0)} ns with one (fastest of 5 rounds of 200,000).`);
