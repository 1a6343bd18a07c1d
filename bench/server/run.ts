/**
 * `pnpm bench:server`: load tests Fastify with the errors plugin on 127.0.0.1 with autocannon, and
 * plain Fastify as a baseline. Each target (a 200 JSON body the size of an envelope, or one of the
 * errors that server.ts lists) runs for BENCH_DURATION_S seconds, in BENCH_ROUNDS alternating
 * rounds, so that drift of the machine hits every target alike. For each target it prints medians
 * over the rounds: requests per second, the ratio to the 200 path of its own server and handler
 * style in the same round, and the server's CPU time per request. Other processes on the machine
 * disturb CPU time less than throughput.
 */
import { measureConstruction } from './construct.ts';
import { positiveIntegerFromEnv, runTargets, type Target } from './harness.ts';

// Each ratio divides by the 200 route of the same server and the same handler style.
const TARGETS: Target[] = [
  { server: 'contract', handler: 'async', name: '200 JSON', path: '/ok', status: 200 },
  { server: 'contract', handler: 'async', name: 'thrown 403 contract error', path: '/forbidden', status: 403 },
  { server: 'contract', handler: 'async', name: 'thrown unknown error (masked 500)', path: '/unknown', status: 500 },
  { server: 'contract', handler: 'async', name: 'floor: thrown prebuilt Error, constant body', path: '/forbidden-floor', status: 403 },
  { server: 'contract', handler: 'async', name: 'floor: thrown new Error without stack, constant body', path: '/forbidden-floor-fresh', status: 403 },
  { server: 'contract', handler: 'sync', name: '200 JSON', path: '/ok-sync', status: 200 },
  { server: 'contract', handler: 'sync', name: 'thrown 403 contract error', path: '/forbidden-sync', status: 403 },
  { server: 'contract', handler: 'sync', name: '403 contract error passed to reply.send', path: '/forbidden-sent', status: 403 },
  { server: 'contract', handler: 'sync', name: 'floor: thrown prebuilt Error, constant body', path: '/forbidden-floor-sync', status: 403 },
  { server: 'contract', handler: 'sync', name: 'floor: thrown new Error without stack, constant body', path: '/forbidden-floor-fresh-sync', status: 403 },
  { server: 'plain', handler: 'async', name: '200 JSON', path: '/ok', status: 200 },
  { server: 'plain', handler: 'async', name: 'thrown 403 Error', path: '/forbidden', status: 403 },
  { server: 'plain', handler: 'async', name: 'thrown 403 Error without stack', path: '/forbidden-no-stack', status: 403 },
  { server: 'plain', handler: 'sync', name: '200 JSON', path: '/ok-sync', status: 200 },
  { server: 'plain', handler: 'sync', name: 'thrown 403 Error without stack', path: '/forbidden-no-stack-sync', status: 403 },
];

await runTargets(TARGETS, {
  rounds: positiveIntegerFromEnv('BENCH_ROUNDS', 5),
  durationS: positiveIntegerFromEnv('BENCH_DURATION_S', 3),
  serverNames: { contract: 'errors plugin', plain: 'plain Fastify' },
});

const construction = measureConstruction();
console.log(`\nConstructing a 403 AgnesError: ${construction.withoutStackNs.toFixed(0)} ns without a stack trace, ${construction.withStackNs.toFixed(0)} ns with one (fastest of 5 rounds of 200,000).`);
