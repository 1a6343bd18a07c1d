/**
 * `pnpm bench:server`: load tests Fastify with the errors plugin on 127.0.0.1 with autocannon, and
 * plain Fastify as a baseline. Each target (a 200 JSON body the size of an envelope, a thrown 403,
 * a thrown unknown error) runs for DURATION_S seconds, in ROUNDS alternating rounds, so that drift
 * of the machine hits every target alike. Prints requests per second, p99 latency and each
 * target's ratio to the 200 path of its own server, and the server's CPU time per request, which
 * other processes on the machine disturb less than throughput.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { measureConstruction } from './construct.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 4);
const CONNECTIONS = 32;

interface Target {
  server: 'contract' | 'plain';
  name: string;
  path: string;
  status: number;
}

const TARGETS: Target[] = [
  { server: 'contract', name: '200 JSON', path: '/ok', status: 200 },
  { server: 'contract', name: 'thrown 403 contract error', path: '/forbidden', status: 403 },
  { server: 'contract', name: 'thrown unknown error (masked 500)', path: '/unknown', status: 500 },
  { server: 'plain', name: '200 JSON', path: '/ok', status: 200 },
  { server: 'plain', name: 'thrown 403 Error', path: '/forbidden', status: 403 },
  { server: 'plain', name: 'thrown 403 Error without stack', path: '/forbidden-no-stack', status: 403 },
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

/** Returns how many responses of a run had the status class of `status`. */
function statusCountOf(result: autocannon.Result, status: number): number {
  if (status >= 500) return result['5xx'];
  if (status >= 400) return result['4xx'];
  return result['2xx'];
}

async function load(child: ChildProcess, port: number, target: Target, duration: number) {
  const cpuBefore = await cpuOf(child);
  const result = await autocannon({ url: `http://127.0.0.1:${port}${target.path}`, connections: CONNECTIONS, duration });
  const cpuMicroseconds = (await cpuOf(child)) - cpuBefore;
  const wrongStatus = target.status === 200 ? result.non2xx : result.requests.total - statusCountOf(result, target.status);
  if (result.errors > 0 || wrongStatus > 0) {
    throw new Error(`${target.server} ${target.path}: expected only ${target.status} responses, got ${JSON.stringify({ errors: result.errors, non2xx: result.non2xx })}`);
  }
  return { requestsPerSecond: result.requests.average, p99Ms: result.latency.p99, cpuPerRequestUs: cpuMicroseconds / result.requests.total };
}

const servers = { contract: await startServer('contract'), plain: await startServer('plain') };
type Sample = Awaited<ReturnType<typeof load>>;
const samples = new Map<Target, Sample[]>(TARGETS.map((target) => [target, []]));
try {
  for (const target of TARGETS) await load(servers[target.server].child, servers[target.server].port, target, 1);
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const target of TARGETS) {
      const sample = await load(servers[target.server].child, servers[target.server].port, target, DURATION_S);
      samples.get(target)?.push(sample);
      process.stderr.write(`round ${round}: ${target.server} ${target.name}: ${Math.round(sample.requestsPerSecond)} req/s\n`);
    }
  }
} finally {
  for (const { child } of Object.values(servers)) child.kill('SIGTERM');
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const rows = TARGETS.map((target) => {
  const taken = samples.get(target) ?? [];
  return {
    target,
    requestsPerSecond: mean(taken.map((sample) => sample.requestsPerSecond)),
    p99Ms: Math.max(...taken.map((sample) => sample.p99Ms)),
    cpuPerRequestUs: Math.min(...taken.map((sample) => sample.cpuPerRequestUs)),
  };
});

console.log(`\nNode ${process.version}, ${ROUNDS} rounds of ${DURATION_S} s per target, ${CONNECTIONS} connections, 127.0.0.1\n`);
console.log('| server | response | req/s (mean) | p99 ms (worst round) | ratio to 200 | server CPU µs/request (best round) | CPU ratio (200 ÷ this) |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) {
  const okRow = rows.find((other) => other.target.server === row.target.server && other.target.status === 200);
  const ratio = row.requestsPerSecond / (okRow?.requestsPerSecond ?? Number.NaN);
  const cpuRatio = (okRow?.cpuPerRequestUs ?? Number.NaN) / row.cpuPerRequestUs;
  const server = row.target.server === 'contract' ? 'errors plugin' : 'plain Fastify';
  console.log(
    `| ${server} | ${row.target.name} | ${Math.round(row.requestsPerSecond)} | ${row.p99Ms} | ${ratio.toFixed(2)} | ${row.cpuPerRequestUs.toFixed(1)} | ${cpuRatio.toFixed(2)} |`,
  );
}

const construction = measureConstruction();
console.log(`\nConstructing a 403 AgnesError: ${construction.withoutStackNs.toFixed(0)} ns without a stack trace, ${construction.withStackNs.toFixed(0)} ns with one (fastest of 5 rounds of 200,000).`);
