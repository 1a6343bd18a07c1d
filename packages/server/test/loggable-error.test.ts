/**
 * Errors too large to log as they are: a huge message, an `AggregateError` of many errors, a very
 * deep cause chain. The log line stays bounded, names the error's class and notes what was cut.
 */
import { describe, expect, it } from 'vitest';
import { createAgnesRenderer } from '../src/index.ts';
import { LOGGED_ERROR_LIMITS, loggableError } from '../src/loggable-error.ts';
import { captureLogs, type LogLine } from './support/logs.ts';

interface LoggedError {
  type: string;
  message: string;
  stack?: string;
  cause?: LoggedError;
  aggregateErrors?: LoggedError[];
  [member: string]: unknown;
}

function causedChain(depth: number): Error {
  let error = new Error('root cause');
  for (let level = 1; level < depth; level += 1) error = new Error(`level ${level}`, { cause: error });
  return error;
}

/** Renders `thrown` as a masked 500 and returns its one log line and that line's length. */
function logOf(thrown: unknown): { line: LogLine; length: number } {
  const logs = captureLogs();
  createAgnesRenderer().render(thrown, { requestId: 'req-big', logger: logs.logger });
  const [line] = logs.lines();
  if (line === undefined) throw new Error('expected one log line');
  return { line, length: logs.text().length };
}

describe('log line of a large error', () => {
  it('cuts a message of 5 MB', () => {
    const { line, length } = logOf(new Error('m'.repeat(5 * 1024 * 1024)));
    const err = line.err as LoggedError;

    expect(length).toBeLessThan(100_000);
    expect(err.type).toBe('Error');
    expect(err.message.endsWith(`… (cut from ${5 * 1024 * 1024} characters)`)).toBe(true);
  });

  it('keeps 50 of 100,000 aggregated errors', () => {
    const errors = Array.from({ length: 100_000 }, (_, index) => new Error(`item ${index}`));
    const { line, length } = logOf(new AggregateError(errors, 'every replica failed'));
    const err = line.err as LoggedError;

    expect(length).toBeLessThan(200_000);
    expect(err.type).toBe('AggregateError');
    expect(err.aggregateErrors).toHaveLength(LOGGED_ERROR_LIMITS.aggregated);
    expect(err.errors_not_logged).toBe(100_000 - LOGGED_ERROR_LIMITS.aggregated);
  });

  it('keeps 16 of 20,000 causes', () => {
    const { line, length } = logOf(new RangeError('the pool refused the query', { cause: causedChain(20_000) }));
    const err = line.err as LoggedError;

    // pino folds each cause into the stack, after "caused by:".
    expect(err.type).toBe('RangeError');
    expect(String(err.stack).split('caused by:')).toHaveLength(LOGGED_ERROR_LIMITS.causes);
    expect(err.causes_not_logged).toBe(20_001 - LOGGED_ERROR_LIMITS.causes);
    expect(length).toBeLessThan(100_000);
  });
});

describe('loggableError', () => {
  it.each([
    ['an error with a short cause chain', () => new Error('outer', { cause: causedChain(3) })],
    ['an error whose cause chain is a cycle', () => {
      const first = new Error('first');
      const second = new Error('second', { cause: first });
      first.cause = second;
      return first;
    }],
    ['an AggregateError of 50 errors', () => new AggregateError(Array.from({ length: 50 }, () => new Error('item')), 'many')],
  ])('returns %s unchanged', (_name, make) => {
    const error = make();

    expect(loggableError(error)).toBe(error);
  });

  it('skips the stack within limits', () => {
    let stackReads = 0;
    const error = new Error('connect ECONNREFUSED 10.0.3.7:5432');
    Object.defineProperty(error, 'stack', {
      get: () => {
        stackReads += 1;
        return 'Error: connect ECONNREFUSED 10.0.3.7:5432';
      },
    });
    // A logger that drops every line, such as Fastify's when logging is off.
    const silent = { info() {}, error() {} };

    createAgnesRenderer().render(error, { requestId: 'req-quiet', logger: silent });

    expect(stackReads).toBe(0);
  });

  it('leaves the thrown error unchanged', () => {
    const error = new Error('x'.repeat(LOGGED_ERROR_LIMITS.message + 1), { cause: new Error('cause') });
    const copy = loggableError(error);

    expect(copy).not.toBe(error);
    expect(copy).toBeInstanceOf(Error);
    expect(error.message).toHaveLength(LOGGED_ERROR_LIMITS.message + 1);
    expect((copy.cause as Error).message).toBe('cause');
  });
});
