/**
 * The line written when the logger's serializer fails on the thrown error itself: it still carries
 * the error's type, message and stack, cut to a bounded length.
 */
import { describe, expect, it } from 'vitest';
import { createAgnesRenderer } from '../src/index.ts';
import { captureLogs, LEVEL } from './support/logs.ts';

/** Returns an error whose cause chain is `depth` errors deep, deeper than pino's serializer can follow. */
function deeplyCaused(depth: number): Error {
  let error = new Error('root cause');
  for (let level = 1; level < depth; level += 1) error = new Error(`level ${level}`, { cause: error });
  return new RangeError('the pool refused the query', { cause: error });
}

describe('log line of an error that the serializer cannot log', () => {
  it('keeps type, message and stack for a deep cause chain', () => {
    const logs = captureLogs();
    const renderer = createAgnesRenderer();

    const rendered = renderer.render(deeplyCaused(20_000), { requestId: 'req-deep', logger: logs.logger });
    const lines = logs.lines();

    expect(rendered.status).toBe(500);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: LEVEL.error, request_id: 'req-deep', err_type: 'RangeError', err_message: 'the pool refused the query' });
    expect(lines[0]?.err_stack).toContain('RangeError: the pool refused the query');
    expect(lines[0]?.log_error).toEqual(expect.any(String));
  });

  it('cuts a long message', () => {
    const logs = captureLogs();
    const error = new Error('x'.repeat(100_000), { cause: deeplyCaused(20_000) });

    createAgnesRenderer().render(error, { requestId: 'req-long', logger: logs.logger });

    expect(String(logs.lines()[0]?.err_message)).toHaveLength(2_000);
  });
});
