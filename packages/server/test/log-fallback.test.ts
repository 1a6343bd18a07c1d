/**
 * The line written when the logger's serializer fails on the thrown error itself: it still carries
 * the error's type, message and stack, cut to a bounded length.
 */
import { describe, expect, it } from 'vitest';
import { createAgnesRenderer } from '../src/index.ts';
import { captureLogs, LEVEL } from './support/logs.ts';

/** Returns an error with an enumerable member whose getter throws, which breaks pino's serializer. */
function unserializable(message: string): Error {
  const error = new RangeError(message);
  Object.defineProperty(error, 'details', {
    enumerable: true,
    get() {
      throw new Error('details are not available');
    },
  });
  return error;
}

describe('log line of an error that the serializer cannot log', () => {
  it('keeps type, message and stack', () => {
    const logs = captureLogs();

    const rendered = createAgnesRenderer().render(unserializable('the pool refused the query'), { requestId: 'req-getter', logger: logs.logger });
    const lines = logs.lines();

    expect(rendered.status).toBe(500);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: LEVEL.error, request_id: 'req-getter', err_type: 'RangeError', err_message: 'the pool refused the query' });
    expect(lines[0]?.err_stack).toContain('RangeError: the pool refused the query');
    expect(lines[0]?.log_error).toBe('details are not available');
  });

  it('cuts a long message', () => {
    const logs = captureLogs();

    createAgnesRenderer().render(unserializable('x'.repeat(100_000)), { requestId: 'req-long', logger: logs.logger });

    expect(String(logs.lines()[0]?.err_message)).toHaveLength(2_000);
  });
});
