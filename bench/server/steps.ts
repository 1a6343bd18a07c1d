/**
 * `pnpm bench:server:steps`: splits the cost of a thrown contract error into steps, with the load
 * method of `pnpm bench:server`. From sync handlers, each route adds one step to the one before:
 * a constant 403 response, then building a stackless Error, then building the contract error
 * instead, then rendering it, then passing it to `reply.send`, then throwing it. The floor throws
 * one Error built at startup to an error handler that sends a constant body. So the drop of the
 * ratio between two rows is what one step costs.
 */
import { positiveIntegerFromEnv, runTargets, type Target } from './harness.ts';

const TARGETS: Target[] = [
  { server: 'contract', handler: 'sync', name: '200 JSON', path: '/ok-sync', status: 200 },
  { server: 'contract', handler: 'sync', name: '1. constant 403 envelope, no error object', path: '/steps/constant', status: 403 },
  { server: 'contract', handler: 'sync', name: '2. step 1 after building an Error without stack', path: '/steps/error-built', status: 403 },
  { server: 'contract', handler: 'sync', name: '3. step 1 after building the contract error', path: '/steps/contract-built', status: 403 },
  { server: 'contract', handler: 'sync', name: '4. contract error rendered and sent by the route', path: '/steps/contract-rendered', status: 403 },
  { server: 'contract', handler: 'sync', name: '5. contract error passed to reply.send', path: '/forbidden-sent', status: 403 },
  { server: 'contract', handler: 'sync', name: '6. contract error thrown', path: '/forbidden-sync', status: 403 },
  { server: 'contract', handler: 'sync', name: 'floor: thrown prebuilt Error, constant body', path: '/forbidden-floor-sync', status: 403 },
  { server: 'contract', handler: 'async', name: '200 JSON', path: '/ok', status: 200 },
  { server: 'contract', handler: 'async', name: '6. contract error thrown', path: '/forbidden', status: 403 },
  { server: 'contract', handler: 'async', name: 'floor: thrown prebuilt Error, constant body', path: '/forbidden-floor', status: 403 },
];

await runTargets(TARGETS, {
  rounds: positiveIntegerFromEnv('BENCH_ROUNDS', 5),
  durationS: positiveIntegerFromEnv('BENCH_DURATION_S', 3),
  serverNames: { contract: 'errors plugin' },
});
