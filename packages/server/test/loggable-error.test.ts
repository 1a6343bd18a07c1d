/**
 * Errors too large to log as they are: a huge message, an `AggregateError` of many errors, a very
 * deep cause chain, aggregates and causes nested deep or in a cycle. The log line stays bounded,
 * names the error's class and notes what was cut.
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

/** Nests `AggregateError`s `depth` deep, each with the next one as its only error. */
function nestedAggregates(depth: number): Error {
  let error = new Error('innermost');
  for (let level = 1; level < depth; level += 1) error = new AggregateError([error], `level ${level}`);
  return error;
}

/** Nests errors `depth` deep, alternating an `AggregateError` of the next error and an error caused by the next. */
function alternatingNesting(depth: number): Error {
  let error = new Error('innermost');
  for (let level = 1; level < depth; level += 1) {
    error = level % 2 === 1 ? new AggregateError([error], `aggregate ${level}`) : new Error(`caused ${level}`, { cause: error });
  }
  return error;
}

/** Returns the errors reachable from `top` through `cause` and `errors`, once per path, stopping after `max`. */
function reachableErrors(top: Error, max = 10_000): Error[] {
  const found: Error[] = [];
  const pending: unknown[] = [top];
  while (pending.length > 0 && found.length <= max) {
    const value = pending.pop();
    if (!(value instanceof Error)) continue;
    found.push(value);
    pending.push(value.cause);
    const aggregated = (value as { errors?: unknown }).errors;
    if (Array.isArray(aggregated)) for (const item of aggregated) pending.push(item);
  }
  return found;
}

/** Sums `errors_not_logged` and `causes_not_logged` over the given errors. */
function cutCountOf(errors: Error[]): number {
  let count = 0;
  for (const error of errors as Array<Error & Record<string, unknown>>) {
    count += Number(error.errors_not_logged ?? 0) + Number(error.causes_not_logged ?? 0);
  }
  return count;
}

/** Counts the levels of non-empty `aggregateErrors` in a logged error. */
function loggedLevelsOf(err: LoggedError): number {
  const nested = err.aggregateErrors ?? [];
  return nested.length === 0 ? 0 : 1 + Math.max(...nested.map(loggedLevelsOf));
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
    // pino writes the aggregated errors under `aggregateErrors` only, not a second time under `errors`.
    expect(err.errors).toBeUndefined();
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

interface NestingCase {
  name: string;
  make: () => Error;
  /** Errors in the copy, counted once per path through `cause` and `errors`. */
  keptErrors: number;
  /** Sum of `errors_not_logged` and `causes_not_logged` over the copy. */
  cutErrors: number;
  /** Levels of non-empty `aggregateErrors` in pino's line. */
  loggedLevels: number;
}

const { aggregateDepth, totalErrors } = LOGGED_ERROR_LIMITS;

const nestingCases: NestingCase[] = [
  {
    name: 'aggregates nested 20,000 deep',
    make: () => nestedAggregates(20_000),
    keptErrors: aggregateDepth + 1,
    cutErrors: 1,
    loggedLevels: aggregateDepth,
  },
  {
    // Each aggregate's error is caused by the next aggregate, so each level has a chain of 2.
    name: 'aggregates and causes alternating, from an aggregate',
    make: () => alternatingNesting(20_000),
    keptErrors: 1 + 2 * aggregateDepth,
    cutErrors: 1,
    loggedLevels: 1,
  },
  {
    name: 'causes and aggregates alternating, from a cause',
    make: () => alternatingNesting(19_999),
    keptErrors: 2 + 2 * aggregateDepth,
    cutErrors: 1,
    loggedLevels: 0,
  },
  {
    name: 'aggregated error with 20,000 causes',
    make: () => new AggregateError([causedChain(20_000)], 'every replica failed'),
    keptErrors: 1 + LOGGED_ERROR_LIMITS.causes,
    cutErrors: 20_000 - LOGGED_ERROR_LIMITS.causes,
    loggedLevels: 1,
  },
  {
    name: 'aggregate containing itself',
    make: () => {
      const aggregate = new AggregateError([], 'retry failed');
      aggregate.errors.push(aggregate);
      return aggregate;
    },
    keptErrors: 1,
    cutErrors: 1,
    loggedLevels: 0,
  },
  {
    name: 'cycle through two aggregates',
    make: () => {
      const first = new AggregateError([], 'first');
      first.errors.push(new AggregateError([first], 'second'));
      return first;
    },
    keptErrors: 2,
    cutErrors: 1,
    loggedLevels: 1,
  },
  {
    name: 'cycle through a cause and an aggregate',
    make: () => {
      const aggregate = new AggregateError([], 'inner');
      const outer = new Error('outer', { cause: aggregate });
      aggregate.errors.push(outer);
      return outer;
    },
    keptErrors: 2,
    cutErrors: 1,
    loggedLevels: 0,
  },
  {
    // An aggregate's errors are kept before their own errors, so the top keeps all 50 and the first of them keeps 49.
    name: '50 aggregates of 50 errors',
    make: () => {
      const inner = () => new AggregateError(Array.from({ length: 50 }, (_, index) => new Error(`attempt ${index}`)), 'replica failed');
      return new AggregateError(Array.from({ length: 50 }, inner), 'every replica failed');
    },
    keptErrors: totalErrors,
    cutErrors: 1 + 49 * 50,
    loggedLevels: 2,
  },
  {
    // Five distinct errors, which pino would write 11,111 times.
    name: 'one aggregate shared 10 times at 4 levels',
    make: () => {
      let error = new Error('leaf');
      for (let level = 0; level < 4; level += 1) error = new AggregateError(Array.from({ length: 10 }, () => error), `level ${level}`);
      return error;
    },
    keptErrors: totalErrors,
    cutErrors: 211,
    loggedLevels: 4,
  },
];

describe('nested aggregates and causes', () => {
  it.each(nestingCases)('bounds the copy of $name', ({ make, keptErrors, cutErrors }) => {
    const error = make();
    const copy = loggableError(error);
    const copiedErrors = reachableErrors(copy);

    expect(copy).not.toBe(error);
    expect(Object.getPrototypeOf(copy)).toBe(Object.getPrototypeOf(error));
    expect(copiedErrors).toHaveLength(keptErrors);
    expect(cutCountOf(copiedErrors)).toBe(cutErrors);
  });

  it.each(nestingCases)('bounds the log line of $name', ({ make, keptErrors, loggedLevels }) => {
    const { line, length } = logOf(make());
    const err = line.err as LoggedError | undefined;

    expect(line.log_error).toBeUndefined();
    expect(err).toBeDefined();
    expect(loggedLevelsOf(err as LoggedError)).toBe(loggedLevels);
    // A stack of 10 frames under vitest is about 1,000 characters. The line's own fields add a few hundred.
    expect(length).toBeLessThan((keptErrors + 1) * 2_000);
  });

  it('notes the cut at the deepest level kept', () => {
    const copy = loggableError(nestedAggregates(20_000)) as AggregateError;
    let deepest = copy;
    for (let level = 0; level < aggregateDepth; level += 1) deepest = deepest.errors[0] as AggregateError;

    expect(deepest.message).toBe(`level ${20_000 - 1 - aggregateDepth}`);
    expect(deepest.errors).toEqual([]);
    expect((deepest as AggregateError & { errors_not_logged?: number }).errors_not_logged).toBe(1);
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
    ['aggregates nested to the depth limit', () => nestedAggregates(LOGGED_ERROR_LIMITS.aggregateDepth + 1)],
    ['an AggregateError with one error twice', () => {
      const error = new Error('timeout');
      return new AggregateError([error, error], 'both attempts failed');
    }],
    ['an aggregated error caused by its aggregate', () => {
      const aggregate = new AggregateError([], 'outer');
      aggregate.errors.push(new Error('inner', { cause: aggregate }));
      return aggregate;
    }],
  ])('returns %s unchanged', (_name, make) => {
    const error = make();

    expect(loggableError(error)).toBe(error);
  });

  it.each([
    ['an error', () => new Error('connect ECONNREFUSED 10.0.3.7:5432')],
    ['nested aggregates', () => new AggregateError([new AggregateError([new Error('refused')], 'replica')], 'all')],
  ])('skips the stack of %s within limits', (_name, make) => {
    let stackReads = 0;
    const error = make();
    for (const nestedError of reachableErrors(error)) {
      Object.defineProperty(nestedError, 'stack', {
        get: () => {
          stackReads += 1;
          return `Error: ${nestedError.message}`;
        },
      });
    }
    // A logger that drops every line, such as Fastify's when logging is off.
    const silent = { info() {}, error() {} };

    createAgnesRenderer().render(error, { requestId: 'req-quiet', logger: silent });

    expect(stackReads).toBe(0);
  });

  it('reads each cause once past the limit', () => {
    const reads = new Map<Error, number>();
    const chain = Array.from({ length: 40 }, (_, index) => new Error(`link ${index}`));
    chain.forEach((link, index) => {
      Object.defineProperty(link, 'cause', {
        get: () => {
          reads.set(link, (reads.get(link) ?? 0) + 1);
          return chain[index + 1];
        },
      });
    });

    const copy = loggableError(chain[0] as Error) as Error & { causes_not_logged?: number };

    expect(copy.causes_not_logged).toBe(40 - LOGGED_ERROR_LIMITS.causes);
    expect(reads.size).toBe(40);
    expect(new Set(reads.values())).toEqual(new Set([1]));
  });

  it.each([
    ['given to the constructor', () => new Error('x'.repeat(LOGGED_ERROR_LIMITS.message + 1), { cause: 'pool closed' }), false],
    ['assigned', () => Object.assign(new Error('x'.repeat(LOGGED_ERROR_LIMITS.message + 1)), { cause: 'pool closed' }), true],
  ])('keeps a cause %s as enumerable as it was', (_name, make, enumerable) => {
    const copy = loggableError(make());

    expect(copy.cause).toBe('pool closed');
    expect(Object.prototype.propertyIsEnumerable.call(copy, 'cause')).toBe(enumerable);
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
