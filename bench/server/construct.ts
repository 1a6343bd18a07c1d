/** Measures what constructing a 4xx contract error costs with and without a stack trace. */
import { performance } from 'node:perf_hooks';
import { AgnesError } from '@agnes/errors-server';

export interface ConstructionResult {
  withoutStackNs: number;
  withStackNs: number;
}

function nanosecondsPerError(captureStack: boolean, count: number): number {
  let kept: unknown;
  const start = performance.now();
  for (let index = 0; index < count; index += 1) {
    kept = new AgnesError('forbidden', { scope: 'policy:delete' }, { captureStack });
  }
  const elapsed = performance.now() - start;
  if (kept === undefined) throw new Error('unreachable: the loop built no error');
  return (elapsed * 1e6) / count;
}

/** Runs each variant `rounds` times, alternating, and keeps the fastest round of each. */
export function measureConstruction(count = 200_000, rounds = 5): ConstructionResult {
  const without: number[] = [];
  const withStack: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    without.push(nanosecondsPerError(false, count));
    withStack.push(nanosecondsPerError(true, count));
  }
  return { withoutStackNs: Math.min(...without), withStackNs: Math.min(...withStack) };
}
