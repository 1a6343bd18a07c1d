/**
 * Errors too large to log as they are: a huge message or member, an `AggregateError` of many
 * errors, a very deep cause chain, and errors nested deep or in a cycle through causes, aggregates
 * and other members. Errors shared at many levels, which pino would write an exponential number of
 * times, are too. The log line stays bounded, names the error's class and notes what was cut.
 */
import { describe, expect, it } from 'vitest';
import { createAgnesRenderer } from '../src/index.ts';
import { LOGGED_ERROR_LIMITS, loggableError, loggableThrown } from '../src/loggable-error.ts';
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

/** Nests errors `depth` deep, each holding the next one in its enumerable `inner` member. */
function memberChain(depth: number): Error {
  let error = new Error('innermost');
  for (let level = 1; level < depth; level += 1) error = Object.assign(new Error(`level ${level}`), { inner: error });
  return error;
}

/** Nests errors `depth` deep, each holding the next one in a non-enumerable `inner` member, which pino skips. */
function hiddenMemberChain(depth: number): Error {
  let error = new Error('innermost');
  for (let level = 1; level < depth; level += 1) {
    const next = error;
    error = new Error(`level ${level}`);
    Object.defineProperty(error, 'inner', { value: next });
  }
  return error;
}

/** Nests errors `depth` deep, each holding the next one in two places, so each level doubles pino's work. */
function doublyHeldChain(depth: number, holdTwice: (next: Error, message: string) => Error): Error {
  let error = new Error('innermost');
  for (let level = 1; level < depth; level += 1) error = holdTwice(error, `level ${level}`);
  return error;
}

/** Chains `depth` plain objects with a string `message`, which pino treats as errors, through `cause`. */
function errorLikeCauses(depth: number): object {
  let value: object = { message: 'root cause' };
  for (let level = 1; level < depth; level += 1) value = { message: `level ${level}`, cause: value };
  return value;
}

/** Chains errors `depth` deep through `cause` functions, as VError does, which pino calls. */
function causeFunctionChain(depth: number): Error {
  let error = new Error('root cause');
  for (let level = 1; level < depth; level += 1) {
    const next = error;
    error = new Error(`level ${level}`);
    Object.defineProperty(error, 'cause', { value: () => next });
  }
  return error;
}

/** Gives `error` a prototype of its own with `value` in its enumerable member `name`. */
function withInheritedMember<E extends Error>(error: E, name: string, value: unknown): E {
  Object.setPrototypeOf(error, Object.create(Object.getPrototypeOf(error) as object, { [name]: { value, enumerable: true } }));
  return error;
}

/** Nests errors `depth` deep, each holding the next one in an enumerable `inner` member of its prototype. */
function inheritedMemberChain(depth: number): Error {
  let error = new Error('innermost');
  for (let level = 1; level < depth; level += 1) error = withInheritedMember(new Error(`level ${level}`), 'inner', error);
  return error;
}

/** Checks whether pino's serializer treats `value` as an error: an object with a string `message`. */
function isErrorLike(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';
}

/**
 * Returns the error-like values reachable from `top` through causes, `errors` and other enumerable
 * members, own or inherited, once per path, stopping after `max`.
 */
function reachableErrors(top: object, max = 10_000): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  const pending: unknown[] = [top];
  while (pending.length > 0 && found.length <= max) {
    const value = pending.pop();
    if (!isErrorLike(value)) continue;
    found.push(value);
    pending.push(typeof value.cause === 'function' ? (value.cause as () => unknown)() : value.cause);
    const aggregated = Array.isArray(value.errors) ? (value.errors as unknown[]) : [];
    pending.push(...aggregated);
    for (const name in value) {
      if (name !== 'message' && name !== 'stack' && name !== 'cause' && value[name] !== aggregated) pending.push(value[name]);
    }
  }
  return found;
}

/** Sums `errors_not_logged`, `causes_not_logged` and `members_not_logged` over the given errors. */
function cutCountOf(errors: Array<Record<string, unknown>>): number {
  let count = 0;
  for (const error of errors) {
    count += Number(error.errors_not_logged ?? 0) + Number(error.causes_not_logged ?? 0) + Number(error.members_not_logged ?? 0);
  }
  return count;
}

/** Counts the levels of errors nested in a logged error, under `aggregateErrors` or another member. */
function loggedLevelsOf(err: LoggedError): number {
  const nested = [...(err.aggregateErrors ?? []), ...Object.values(err).filter(isLoggedError)];
  return nested.length === 0 ? 0 : 1 + Math.max(...nested.map(loggedLevelsOf));
}

/** Checks whether `value` is an error as pino writes it, with its class under `type`. */
function isLoggedError(value: unknown): value is LoggedError {
  return isErrorLike(value) && typeof value.type === 'string';
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

  it('cuts a string member of 5 MB', () => {
    const { line, length } = logOf(Object.assign(new Error('query failed'), { query: 'q'.repeat(5 * 1024 * 1024) }));
    const err = line.err as LoggedError;

    expect(length).toBeLessThan(100_000);
    expect(err.message).toBe('query failed');
    expect(String(err.query).endsWith(`… (cut from ${5 * 1024 * 1024} characters)`)).toBe(true);
  });

  it('cuts a string of 5 MB in errors', () => {
    const { line, length } = logOf(new AggregateError(['q'.repeat(5 * 1024 * 1024)], 'every replica failed'));
    const err = line.err as LoggedError;

    expect(length).toBeLessThan(100_000);
    expect(String(err.aggregateErrors?.[0]).endsWith(`… (cut from ${5 * 1024 * 1024} characters)`)).toBe(true);
  });

  it('logs a non-enumerable member as pino does', () => {
    // pino skips a non-enumerable member, so the error is logged as it is, without `inner`.
    const { line, length } = logOf(hiddenMemberChain(20_000));
    const err = line.err as LoggedError;

    expect(line.log_error).toBeUndefined();
    expect(err.message).toBe('level 19999');
    expect(err.inner).toBeUndefined();
    expect(length).toBeLessThan(4_000);
  });
});

interface NestingCase {
  name: string;
  make: () => Error;
  /** Errors in the copy, counted once per path through `cause`, `errors` and other members. */
  keptErrors: number;
  /** Sum of `errors_not_logged`, `causes_not_logged` and `members_not_logged` over the copy. */
  cutErrors: number;
  /** Levels of errors nested under `aggregateErrors` or another member in pino's line. */
  loggedLevels: number;
}

const { nestingDepth, totalErrors } = LOGGED_ERROR_LIMITS;

const nestingCases: NestingCase[] = [
  {
    name: 'aggregates nested 20,000 deep',
    make: () => nestedAggregates(20_000),
    keptErrors: nestingDepth + 1,
    cutErrors: 1,
    loggedLevels: nestingDepth,
  },
  {
    // Each aggregate's error is caused by the next aggregate, so each level has a chain of 2.
    name: 'aggregates and causes alternating, from an aggregate',
    make: () => alternatingNesting(20_000),
    keptErrors: 1 + 2 * nestingDepth,
    cutErrors: 1,
    loggedLevels: 1,
  },
  {
    name: 'causes and aggregates alternating, from a cause',
    make: () => alternatingNesting(19_999),
    keptErrors: 2 + 2 * nestingDepth,
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
  {
    name: 'errors nested 20,000 deep in a member',
    make: () => memberChain(20_000),
    keptErrors: nestingDepth + 1,
    cutErrors: 1,
    loggedLevels: nestingDepth,
  },
  {
    // The copy shadows the inherited member with an own member whose value is the bounded copy.
    name: 'errors nested 20,000 deep below an inherited member',
    make: () => {
      class WrappedError extends Error {}
      Object.defineProperty(WrappedError.prototype, 'inner', { value: memberChain(20_000), enumerable: true });
      return new WrappedError('wrapped');
    },
    keptErrors: nestingDepth + 1,
    cutErrors: 1,
    loggedLevels: nestingDepth,
  },
  {
    // The copy shares each prototype, so it hides the inherited member it cuts. pino would follow that member to the originals.
    name: 'errors nested 20,000 deep in inherited members',
    make: () => inheritedMemberChain(20_000),
    keptErrors: nestingDepth + 1,
    cutErrors: 1,
    loggedLevels: nestingDepth,
  },
  {
    // An own non-enumerable member hides the inherited one from pino. The copy must hide it too.
    name: 'aggregate containing itself, with an inherited member hidden by its own',
    make: () => {
      const aggregate = new AggregateError([], 'retry failed');
      aggregate.errors.push(aggregate);
      withInheritedMember(aggregate, 'self', aggregate);
      Object.defineProperty(aggregate, 'self', { value: undefined });
      return aggregate;
    },
    keptErrors: 1,
    cutErrors: 1,
    loggedLevels: 0,
  },
  {
    // pino would write the innermost error 2^39 times. Each of the 16 errors at the deepest level cuts 2 members.
    name: 'two members holding the next error, 40 deep',
    make: () => doublyHeldChain(40, (next, message) => Object.assign(new Error(message), { a: next, b: next })),
    keptErrors: 1 + 2 + 4 + 8 + 16,
    cutErrors: 2 * 16,
    loggedLevels: nestingDepth,
  },
  {
    // The walk is depth first. The first chain at each of levels 0 to 4 keeps 16 errors and cuts 24, 23, 22, 21
    // and 20 causes. A second chain at level 4 cuts 19, and the chain that reaches the total keeps 4 and cuts 30.
    // 94 `inner` members are cut at level 4 or past the total.
    name: 'a cause and a member holding the next error, 40 deep',
    make: () => doublyHeldChain(40, (next, message) => Object.assign(new Error(message, { cause: next }), { inner: next })),
    keptErrors: totalErrors,
    cutErrors: 24 + 23 + 22 + 21 + 20 + 19 + 30 + 94,
    loggedLevels: nestingDepth,
  },
  {
    name: 'cause chain of 20,000 error-like objects',
    make: () => new Error('the pool refused the query', { cause: errorLikeCauses(20_000) }),
    keptErrors: LOGGED_ERROR_LIMITS.causes,
    cutErrors: 20_001 - LOGGED_ERROR_LIMITS.causes,
    loggedLevels: 0,
  },
  {
    name: 'error-like objects nested 20,000 deep in errors',
    make: () => {
      let value: object = { message: 'innermost' };
      for (let level = 1; level < 20_000; level += 1) value = { message: `level ${level}`, errors: [value] };
      return new AggregateError([value], 'every replica failed');
    },
    keptErrors: nestingDepth + 1,
    cutErrors: 1,
    loggedLevels: nestingDepth,
  },
  {
    name: 'cause functions 20,000 deep',
    make: () => causeFunctionChain(20_000),
    keptErrors: LOGGED_ERROR_LIMITS.causes,
    cutErrors: 20_000 - LOGGED_ERROR_LIMITS.causes,
    loggedLevels: 0,
  },
];

describe('nested errors', () => {
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
    for (let level = 0; level < nestingDepth; level += 1) deepest = deepest.errors[0] as AggregateError;

    expect(deepest.message).toBe(`level ${20_000 - 1 - nestingDepth}`);
    expect(deepest.errors).toEqual([]);
    expect((deepest as AggregateError & { errors_not_logged?: number }).errors_not_logged).toBe(1);
  });

  it('notes the cut member at the deepest level kept', () => {
    const copy = loggableError(memberChain(20_000));
    let deepest = copy as Error & { inner?: Error; members_not_logged?: number };
    for (let level = 0; level < nestingDepth; level += 1) deepest = deepest.inner as typeof deepest;

    expect(deepest.message).toBe(`level ${20_000 - 1 - nestingDepth}`);
    expect('inner' in deepest).toBe(false);
    expect(deepest.members_not_logged).toBe(1);
  });

  it('leaves out a member that leads back to its holder', () => {
    // pino skips a member whose value is an error it is writing. Kept in the copy, that member would
    // lead to the original, which pino would then write in full.
    const error = Object.assign(new Error('m'.repeat(5 * 1024 * 1024)), { details: 'pool closed' });
    Object.assign(error, { self: error });
    const copy = loggableError(error) as Error & Record<string, unknown>;
    const { line, length } = logOf(error);

    expect('self' in copy).toBe(false);
    expect(copy.details).toBe('pool closed');
    expect(copy.members_not_logged).toBeUndefined();
    expect((line.err as LoggedError).details).toBe('pool closed');
    expect(length).toBeLessThan(100_000);
  });
});

/** Nests `levels` plain objects, each holding the next one in `next`. */
function nestedObjects(levels: number): object {
  let value: object = {};
  for (let level = 1; level < levels; level += 1) value = { next: value };
  return value;
}

/** Creates an error with `count` enumerable string members of `length` characters each. */
function errorWithMembers(count: number, length: number): Error {
  const error = new Error('query failed');
  for (let index = 0; index < count; index += 1) Object.assign(error, { [`member${index}`]: 'x'.repeat(length) });
  return error;
}

interface MemberCase {
  name: string;
  make: () => Error;
  /** Members of the copy and their expected values. */
  expected: Record<string, unknown>;
  /** Expected `members_not_logged` of the copy. */
  membersNotLogged: number | undefined;
  /** Upper bound of the log line's length. */
  maxLineLength: number;
}

const { members: memberLimit, memberValues, memberDepth, message: messageLimit } = LOGGED_ERROR_LIMITS;

const { totalCharacters, charactersPastBudget } = LOGGED_ERROR_LIMITS;

/** A string cut to `length` characters from `from`, as a bounded copy writes it. */
const cutTo = (fill: string, length: number, from: number) => `${fill.repeat(length)}… (cut from ${from} characters)`;

/** Max length of a string of a copy once the budget is spent: the kept characters and the note of the length. */
const STRING_PAST_BUDGET = charactersPastBudget + '… (cut from 99999 characters)'.length;

const memberCases: MemberCase[] = [
  {
    name: 'a 5 MB string in a nested object',
    make: () => Object.assign(new Error('query failed'), { detail: { query: { text: 'q'.repeat(5 * 1024 * 1024) } } }),
    expected: { detail: `[object left out: more than ${messageLimit} characters]` },
    membersNotLogged: undefined,
    maxLineLength: 4_000,
  },
  {
    name: 'an array of 100,000 items',
    make: () => Object.assign(new Error('query failed'), { rows: Array.from({ length: 100_000 }, (_, index) => index) }),
    expected: { rows: `[array left out: more than ${memberValues} values]` },
    membersNotLogged: undefined,
    maxLineLength: 4_000,
  },
  {
    // Buffer's toJSON writes each byte as an item of `data`.
    name: 'a Buffer of 5 MB',
    make: () => Object.assign(new Error('upload failed'), { body: Buffer.alloc(5 * 1024 * 1024) }),
    expected: { body: `[object left out: more than ${memberValues} values]` },
    membersNotLogged: undefined,
    maxLineLength: 4_000,
  },
  {
    name: 'objects nested 20,000 deep',
    make: () => Object.assign(new Error('query failed'), { plan: nestedObjects(20_000) }),
    expected: { plan: `[object left out: nested more than ${memberDepth} levels]` },
    membersNotLogged: undefined,
    maxLineLength: 4_000,
  },
  {
    // The first 8 members fit the character budget whole.
    name: '1,000 string members of 16,000 characters',
    make: () => errorWithMembers(1_000, 16_000),
    expected: {
      member0: 'x'.repeat(16_000),
      member7: 'x'.repeat(16_000),
      [`member${memberLimit - 1}`]: cutTo('x', charactersPastBudget, 16_000),
      [`member${memberLimit}`]: undefined,
    },
    membersNotLogged: 1_000 - memberLimit,
    maxLineLength: totalCharacters + memberLimit * STRING_PAST_BUDGET + 4_000,
  },
];

describe('members of a large error', () => {
  it.each(memberCases)('bounds the copy of $name', ({ make, expected, membersNotLogged }) => {
    const error = make();
    const copy = loggableError(error) as Error & Record<string, unknown>;

    expect(copy).not.toBe(error);
    expect(Object.getPrototypeOf(copy)).toBe(Object.getPrototypeOf(error));
    for (const [name, value] of Object.entries(expected)) expect(copy[name]).toEqual(value);
    expect(copy.members_not_logged).toBe(membersNotLogged);
  });

  it.each(memberCases)('bounds the log line of $name', ({ make, membersNotLogged, maxLineLength }) => {
    const { line, length } = logOf(make());
    const err = line.err as LoggedError;

    expect(line.log_error).toBeUndefined();
    expect(err.message).toMatch(/failed$/);
    expect(err.members_not_logged).toBe(membersNotLogged);
    expect(length).toBeLessThan(maxLineLength);
  });

  it('keeps a small object with a cycle', () => {
    const config: Record<string, unknown> = { host: 'db.internal', port: 5432 };
    config.self = config;
    const error = Object.assign(new Error('x'.repeat(messageLimit + 1)), { config });
    const copy = loggableError(error) as Error & { config?: unknown };
    const { line } = logOf(error);

    expect(copy).not.toBe(error);
    expect(copy.config).toBe(config);
    expect((line.err as LoggedError).config).toEqual({ host: 'db.internal', port: 5432, self: '[Circular]' });
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
    ['aggregates nested to the depth limit', () => nestedAggregates(LOGGED_ERROR_LIMITS.nestingDepth + 1)],
    ['an AggregateError with one error twice', () => {
      const error = new Error('timeout');
      return new AggregateError([error, error], 'both attempts failed');
    }],
    ['an aggregated error caused by its aggregate', () => {
      const aggregate = new AggregateError([], 'outer');
      aggregate.errors.push(new Error('inner', { cause: aggregate }));
      return aggregate;
    }],
    ['errors nested 20,000 deep in a non-enumerable member', () => hiddenMemberChain(20_000)],
    ['errors nested in members to the depth limit', () => memberChain(LOGGED_ERROR_LIMITS.nestingDepth + 1)],
    ['an error holding itself in a member', () => {
      const error = new Error('retry failed');
      return Object.assign(error, { self: error });
    }],
    ['an error holding one error in two members', () => {
      const error = new Error('timeout');
      return Object.assign(new Error('both attempts failed'), { first: error, last: error });
    }],
    ['an error with a short cause chain of error-like objects', () => new Error('outer', { cause: errorLikeCauses(3) })],
    [`an error with ${memberLimit} members`, () => errorWithMembers(memberLimit, 16)],
    [`an array member of ${memberValues - 1} items`, () => Object.assign(new Error('x'), { rows: Array.from({ length: memberValues - 1 }, () => 1) })],
    [`objects nested ${memberDepth} levels in a member`, () => Object.assign(new Error('x'), { plan: nestedObjects(memberDepth) })],
    ['an object member with a cycle', () => {
      const config: Record<string, unknown> = { host: 'db.internal' };
      config.self = config;
      return Object.assign(new Error('x'), { config });
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

/** Creates an object of `count` string members of `length` characters each, with no `message`, so pino writes it as it is. */
function plainObjectOf(count: number, length: number): Record<string, string> {
  return Object.fromEntries(Array.from({ length: count }, (_, index) => [`key${index}`, 'c'.repeat(length)]));
}

describe('character budget of the log line', () => {
  it('cuts 50 string members of 16,000 characters', () => {
    const error = errorWithMembers(50, 16_000);
    const copy = loggableError(error) as Error & Record<string, unknown>;
    const { line, length } = logOf(error);
    const err = line.err as LoggedError;

    expect(copy).not.toBe(error);
    expect(Object.keys(copy)).toEqual(Object.keys(error));
    expect(copy.member0).toBe('x'.repeat(16_000));
    expect(copy.member49).toBe(cutTo('x', charactersPastBudget, 16_000));
    expect(err.member49).toBe(cutTo('x', charactersPastBudget, 16_000));
    expect(length).toBeLessThan(totalCharacters + 50 * STRING_PAST_BUDGET + 4_000);
  });

  it('spends the budget on messages and stacks before members', () => {
    const attempts = Array.from({ length: 50 }, (_, index) => Object.assign(errorWithMembers(50, 16_000), { message: `attempt ${index} failed` }));
    const { line, length } = logOf(new AggregateError(attempts, 'every replica failed'));
    const aggregated = (line.err as LoggedError).aggregateErrors ?? [];

    expect(aggregated).toHaveLength(50);
    expect(aggregated.map((attempt) => attempt.message)).toEqual(attempts.map((attempt) => attempt.message));
    expect(aggregated.every((attempt) => String(attempt.stack).includes('loggable-error.test.ts'))).toBe(true);
    expect(aggregated[0]?.member0).toBe('x'.repeat(16_000));
    expect(aggregated[49]?.member0).toBe(cutTo('x', charactersPastBudget, 16_000));
    // 2,500 members past the budget at most, each with its name and quotes.
    expect(length).toBeLessThan(totalCharacters + 2_500 * (STRING_PAST_BUDGET + 20) + 60_000);
  });

  it('cuts aggregated messages of 16,000 characters', () => {
    const attempts = Array.from({ length: 50 }, (_, index) => new Error(`${index} `.padEnd(16_000, 'm')));
    const { line, length } = logOf(new AggregateError(attempts, 'every replica failed'));
    const aggregated = (line.err as LoggedError).aggregateErrors ?? [];

    expect(aggregated[0]?.message).toBe(attempts[0]?.message);
    expect(aggregated[49]?.message).toBe(`${'49 '.padEnd(charactersPastBudget, 'm')}… (cut from 16000 characters)`);
    expect(String(aggregated[49]?.stack)).toMatch(/… \(cut from \d+ characters\)$/);
    expect(length).toBeLessThan(totalCharacters + 2 * 51 * STRING_PAST_BUDGET + 4_000);
  });

  it('leaves out an object member once the budget is spent', () => {
    const error = Object.assign(errorWithMembers(10, 16_000), { config: { host: 'db.internal' } });
    const copy = loggableError(error) as Error & Record<string, unknown>;
    const { line } = logOf(error);

    expect(copy.config).toBe("[object left out: the log line's character budget is spent]");
    expect((line.err as LoggedError).config).toBe(copy.config);
  });
});

describe('stacks of a logged error', () => {
  const hugeStack = `Error: query failed\n${'    at frame (file.js:1:1)\n'.repeat(100_000)}`;

  it('cuts a stack assigned by hand when the logger reports its level', () => {
    const error = Object.assign(new Error('query failed'), { stack: hugeStack });
    const { line, length } = logOf(error);

    expect(String((line.err as LoggedError).stack).endsWith(`… (cut from ${hugeStack.length} characters)`)).toBe(true);
    expect(length).toBeLessThan(LOGGED_ERROR_LIMITS.stack + 5_000);
  });

  it('leaves the stack unread when the logger may drop the line', () => {
    const error = Object.assign(new Error('query failed'), { stack: hugeStack });

    expect(loggableError(error)).toBe(error);
    expect(loggableError(error, { readsStacks: true })).not.toBe(error);
  });
});

describe('member names of a logged error', () => {
  it('cuts long member names', () => {
    const error = new Error('query failed');
    for (let index = 0; index < 20; index += 1) Object.assign(error, { [`${index}`.padEnd(100_000, 'n')]: index });
    const { line, length } = logOf(error);
    const names = Object.keys(line.err as object).filter((name) => name.includes('nnnn'));

    expect(names).toHaveLength(20);
    expect(names.every((name) => name.endsWith('… (cut from 100000 characters)'))).toBe(true);
    expect(length).toBeLessThan(20 * (LOGGED_ERROR_LIMITS.memberName + 100) + 5_000);
  });
});

describe('members that JSON writes in a special way', () => {
  it('leaves out a BigInt member of too many digits', () => {
    const error = Object.assign(new Error('sum overflowed'), { total: 10n ** 100_000n, count: 3n });
    const { line, length } = logOf(error);
    const err = line.err as LoggedError & Record<string, unknown>;

    expect(err.total).toBe(`[bigint left out: more than ${messageLimit} digits]`);
    expect(err.count).toBe('3');
    expect(length).toBeLessThan(5_000);
  });

  it.each([
    ['the largest of 16,384 digits', 10n ** 16_384n - 1n, true],
    ['the smallest of 16,385 digits', 10n ** 16_384n, false],
    ['a negative one of 16,384 digits', -(10n ** 16_384n - 1n), true],
  ])('keeps a BigInt within the limit of digits: %s', (_name, total, isKept) => {
    const { line } = logOf(Object.assign(new Error('sum'), { total }));
    const logged = (line.err as Record<string, unknown>).total;

    expect(logged).toBe(isKept ? String(total) : `[bigint left out: more than ${messageLimit} digits]`);
  });

  it('writes nested BigInts as strings', () => {
    const error = Object.assign(new Error('row failed'), { row: { id: 9007199254740993n, tags: [1n, 'a'] } });
    const err = logOf(error).line.err as Record<string, unknown>;

    expect(err.row).toEqual({ id: '9007199254740993', tags: ['1', 'a'] });
    expect((logOf(Object.assign(new Error('boxed'), { total: Object(5n) })).line.err as Record<string, unknown>).total).toBe('5');
    expect(logOf({ id: 9007199254740993n }).line.thrown).toEqual({ id: '9007199254740993' });
  });

  it('keeps the line in plain JSON when a member is a small BigInt', () => {
    // pino writes a value that JSON.stringify rejects with safe-stable-stringify, which writes
    // nesting past 5 levels as "[Array]" or "[Object]".
    const deepest = new AggregateError([new AggregateError([new AggregateError([new Error('deepest')], 'c')], 'b')], 'a');
    const { line } = logOf(Object.assign(deepest, { total: 5n }));

    expect(JSON.stringify(line)).toContain('deepest');
    expect((line.err as Record<string, unknown>).total).toBe('5');
  });

  it('spends the character budget on BigInt members', () => {
    const error = new Error('sums overflowed');
    for (let index = 0; index < 50; index += 1) Object.assign(error, { [`total_${index}`]: 10n ** 15_000n });
    const { line, length } = logOf(error);
    const notes = Object.values(line.err as object).filter((value) => value === "[bigint left out: the log line's character budget is spent]");

    expect(notes.length).toBeGreaterThan(30);
    expect(length).toBeLessThan(LOGGED_ERROR_LIMITS.totalCharacters + 20_000);
  });

  it('leaves out an own toJSON function, which would replace the logged error', () => {
    const error = Object.assign(new Error('query failed'), { toJSON: () => ({ x: 'T'.repeat(100_000) }) });
    const { line, length } = logOf(error);
    const err = line.err as LoggedError & Record<string, unknown>;

    expect(err.toJSON).toBe('[function left out: as toJSON it would replace the logged error]');
    expect(err.message).toBe('query failed');
    expect(err.stack).toContain('query failed');
    expect(length).toBeLessThan(5_000);
  });
});

describe('thrown values that are not errors', () => {
  it.each([
    ['a string of 1 MB', 'x'.repeat(1_000_000), `${'x'.repeat(messageLimit)}… (cut from 1000000 characters)`],
    ['an object of 2,000 values', { rows: Array.from({ length: 2_000 }, (_, index) => index) }, '[object left out: more than 1000 values]'],
    ['an array of 100 strings of 1,000 characters', Array.from({ length: 100 }, () => 'y'.repeat(1_000)), `[array left out: more than ${messageLimit} characters]`],
    ['an object whose getter throws', { get rows(): number { throw new Error('rows failed'); } }, '[object left out: reading it threw]'],
    ['a BigInt of 100,001 digits', 10n ** 100_000n, `[bigint left out: more than ${messageLimit} digits]`],
    ['undefined', undefined, '[undefined]'],
    ['a symbol', Symbol('lost'), '[Symbol(lost)]'],
    ['a function', function retryLater() {}, '[function retryLater]'],
    ['a String object of 1 MB', new String('x'.repeat(1_000_000)), `${'x'.repeat(messageLimit)}… (cut from 1000000 characters)`],
    ['a BigInt object', Object(12345678901234567890n), '12345678901234567890'],
    ['an object whose toJSON returns undefined', { toJSON: () => undefined }, '[thrown value left out: JSON writes nothing for it]'],
    [
      'a function proxy whose traps throw',
      new Proxy(() => undefined, {
        get: () => {
          throw new Error('get failed');
        },
        getPrototypeOf: () => {
          throw new Error('getPrototypeOf failed');
        },
      }),
      '[thrown value left out: reading it threw]',
    ],
    [
      'a function proxy whose getPrototypeOf trap throws',
      new Proxy(function loadPolicy() {}, {
        getPrototypeOf: () => {
          throw new Error('getPrototypeOf failed');
        },
      }),
      '[function loadPolicy]',
    ],
  ])('bounds %s', (_name, thrown, logged) => {
    const { line, length } = logOf(thrown);

    expect(line.thrown).toEqual(logged);
    expect(line.request_id).toBe('req-big');
    expect(length).toBeLessThan(messageLimit + 2_000);
  });

  it.each([
    ['a short string', 'late string'],
    ['a number', 42],
    ['null', null],
    ['a small object', { status: 503, upstream: 'billing' }],
  ])('keeps %s as it is', (_name, thrown) => {
    expect(logOf(thrown).line.thrown).toEqual(thrown);
  });

  it('writes a small BigInt as a string of its digits', () => {
    expect(logOf(12345678901234567890n).line.thrown).toBe('12345678901234567890');
  });

  it('keeps a thrown object with a cycle for the logger to write', () => {
    const thrown: Record<string, unknown> = { status: 503 };
    thrown.self = thrown;

    expect(loggableThrown(thrown)).toBe(thrown);
  });

  it('names an anonymous function', () => {
    expect(logOf(() => undefined).line.thrown).toBe('[function (anonymous)]');
  });
});

describe('values that pino writes whole', () => {
  it('leaves out a large enumerable cause object', () => {
    const error = Object.assign(new Error('query failed'), { cause: plainObjectOf(900, 1_000) });
    const copy = loggableError(error);
    const { line, length } = logOf(error);

    expect(copy.cause).toBe(`[object left out: more than ${messageLimit} characters]`);
    expect(Object.prototype.propertyIsEnumerable.call(copy, 'cause')).toBe(true);
    expect((line.err as LoggedError).cause).toBe(copy.cause);
    expect(length).toBeLessThan(4_000);
  });

  it('logs a non-enumerable cause object as pino does', () => {
    // The Error constructor's `cause` option makes a non-enumerable member, which pino never writes.
    const error = new Error('query failed', { cause: plainObjectOf(900, 1_000) });
    const { line, length } = logOf(error);

    expect(loggableError(error)).toBe(error);
    expect((line.err as LoggedError).cause).toBeUndefined();
    expect(length).toBeLessThan(4_000);
  });

  it('leaves out large objects in errors', () => {
    const error = new AggregateError([plainObjectOf(900, 1_000), { status: 503 }], 'every replica failed');
    const copy = loggableError(error) as AggregateError;
    const { line, length } = logOf(error);

    expect(copy.errors).toEqual([`[object left out: more than ${messageLimit} characters]`, { status: 503 }]);
    expect((line.err as LoggedError).aggregateErrors).toEqual(copy.errors);
    expect(length).toBeLessThan(4_000);
  });

  it('scans what a toJSON member returns', () => {
    const keys: string[] = [];
    const detail = {
      toJSON(key: string) {
        keys.push(key);
        return 'j'.repeat(5 * 1024 * 1024);
      },
    };
    const error = Object.assign(new Error('query failed'), { detail });
    const copy = loggableError(error) as Error & { detail?: unknown };
    const { line, length } = logOf(error);

    expect(copy.detail).toBe(`[object left out: more than ${messageLimit} characters]`);
    expect((line.err as LoggedError).detail).toBe(copy.detail);
    expect(keys[0]).toBe('detail');
    expect(length).toBeLessThan(4_000);
  });

  it('keeps a toJSON member within the limits', () => {
    const error = Object.assign(new Error('query failed'), { at: new Date(0), detail: { toJSON: () => ({ rows: 3 }) } });
    const { line } = logOf(error);

    expect(loggableError(error)).toBe(error);
    expect((line.err as LoggedError).at).toBe('1970-01-01T00:00:00.000Z');
    expect((line.err as LoggedError).detail).toEqual({ rows: 3 });
  });

  it.each([
    ['an object member', (value: object) => Object.assign(new Error('query failed'), { detail: value })],
    ['an enumerable cause', (value: object) => Object.assign(new Error('query failed'), { cause: value })],
  ])('leaves out %s whose getter throws and keeps the message and stack', (_name, make) => {
    const value = {
      get rows(): number {
        throw new Error('rows failed');
      },
    };
    const { line } = logOf(make(value));
    const err = line.err as LoggedError & Record<string, unknown>;

    expect(Object.values(err)).toContain('[object left out: reading it threw]');
    expect(err.message).toBe('query failed');
    expect(err.stack).toContain('query failed');
  });

  it('leaves out a member whose toJSON throws and keeps the message and stack', () => {
    const detail = {
      toJSON() {
        throw new Error('toJSON failed');
      },
    };
    const error = Object.assign(new Error('query failed'), { detail });
    const copy = loggableError(error) as Error & { detail?: unknown };
    const { line } = logOf(error);

    // Given the original, pino 10.4 catches the throw and writes a placeholder string in place of
    // the whole error, losing its message and stack.
    expect(copy.detail).toBe('[object left out: its toJSON method threw]');
    expect((line.err as LoggedError).detail).toBe(copy.detail);
    expect((line.err as LoggedError).message).toBe('query failed');
    expect((line.err as LoggedError).stack).toContain('query failed');
    expect(line.request_id).toBe('req-big');
  });
});
