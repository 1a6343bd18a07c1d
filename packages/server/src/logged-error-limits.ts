/**
 * Limits of a logged error, and the walk that checks an error against them. The walk follows the
 * values that pino's default `err` serializer (pino-std-serializers 7.1) follows. These are the
 * cause chain, which the serializer folds into the message and stack, an `errors` array, and every
 * enumerable member, own or inherited, whose value is error-like. The serializer writes an error
 * each time it meets one, so the walk counts a repeated error each time too.
 */

/** Limits of a logged error. Beyond any of them, a bounded copy is logged instead. */
export const LOGGED_ERROR_LIMITS = {
  /** Characters of a message, of another string member, or of a string in an `errors` array. */
  message: 16_384,
  /** Characters of a stack trace in a bounded copy. */
  stack: 32_768,
  /** Errors in a cause chain, the first one included. */
  causes: 16,
  /** Errors of an `AggregateError`. */
  aggregated: 50,
  /** Levels of errors nested below the logged error through `errors` or another member. An aggregated error's member is 2 levels down. */
  nestingDepth: 4,
  /** Errors in the whole copy: the logged error, its causes, and its aggregated and member errors at every level, counted each time they appear. */
  totalErrors: 100,
  /** Enumerable members of one error, other than `message`, `stack`, `cause` and an `errors` array. */
  members: 50,
  /** Values in a member that is an object or array but not error-like, the member itself included, counted each time they appear. Its strings and keys share the `message` limit of characters. */
  memberValues: 1_000,
  /** Levels of objects and arrays nested in such a member. */
  memberDepth: 10,
} as const;

/** An error-like value that the copy keeps, with the members read from it and the parts of it that are kept. */
export interface KeptError {
  error: object;
  message: unknown;
  /** The `cause` member as read, which is a function for a VError-style cause. */
  cause: unknown;
  /** The error-like cause that the serializer follows: `cause`, or the value that a `cause` function returns. */
  nextCause: object | undefined;
  keptCause: KeptError | undefined;
  /** Errors cut from the chain that starts here. */
  causesNotLogged: number;
  /** The `errors` member when it is an array. */
  aggregated: unknown[] | undefined;
  /** Aggregated errors that are kept, in order. */
  items: KeptValue[];
  /** Enumerable members other than `message`, `stack`, `cause` and an `errors` array, in `for...in` order. */
  members: KeptMember[];
  /** Error-like members cut at the depth limit or the total, and members past the `members` limit. */
  membersNotLogged: number;
}

/** A value held by a kept error. `keptError` is set when the copy keeps the value as an error. */
export interface KeptValue {
  value: unknown;
  keptError?: KeptError;
}

/** A member of a kept error. An error-like member without `keptError` is left out of the copy. */
export interface KeptMember extends KeptValue {
  name: string;
  errorLike: boolean;
  /** Short string that replaces an object or array member beyond the limits, such as `[object left out: more than 1000 values]`. */
  leftOutNote?: string;
}

/** State of one walk over an error's causes, aggregated errors and members. */
interface Walk {
  errorsLeft: number;
  /** Whether a string is too long or an error was cut. */
  exceeded: boolean;
  /** Errors whose aggregated errors and members are being walked, to find a cycle: at most 16 causes at each of 5 levels. */
  path: unknown[];
}

/**
 * Walks `error` and returns the parts of it that a bounded copy keeps, or `undefined` when the
 * error is within the limits. Throws what a getter or a `cause` function throws.
 */
export function planBoundedCopy(error: object): KeptError | undefined {
  const walk: Walk = { errorsLeft: LOGGED_ERROR_LIMITS.totalErrors, exceeded: false, path: [] };
  const top = keep(error, walk);
  planChain(top, 0, walk);
  return walk.exceeded ? top : undefined;
}

/**
 * Counts `error` against the total and reads the members that bound its size. The stack is not
 * read here: V8 formats it on first read, about 28 µs of CPU per masked response in the server
 * benchmark, even when the logger then drops the line. It contains the message, which is checked,
 * and at most Error.stackTraceLimit frames.
 */
function keep(error: object, walk: Walk): KeptError {
  walk.errorsLeft -= 1;
  const record = error as Record<string, unknown>;
  const message = record.message;
  const errors = record.errors;
  const aggregated = Array.isArray(errors) ? errors : undefined;
  const cause = record.cause;
  if (isTooLong(message) || isTooLong(cause)) walk.exceeded = true;

  const members: KeptMember[] = [];
  let membersNotLogged = 0;
  for (const name in record) {
    // The serializer writes `message` and `stack` itself, folds causes into them, and writes an
    // `errors` array as aggregated errors.
    if (name === 'message' || name === 'stack' || name === 'cause' || (name === 'errors' && aggregated !== undefined)) continue;
    if (members.length === LOGGED_ERROR_LIMITS.members) {
      membersNotLogged += 1;
      continue;
    }

    members.push(readMember(name, record[name], walk));
  }
  if (membersNotLogged > 0) walk.exceeded = true;

  return {
    error,
    message,
    cause,
    nextCause: causeOf(error, cause),
    keptCause: undefined,
    causesNotLogged: 0,
    aggregated,
    items: [],
    members,
    membersNotLogged,
  };
}

/** Reads a member of an error, and notes in `walk` when it is beyond the limits. */
function readMember(name: string, value: unknown, walk: Walk): KeptMember {
  const member: KeptMember = { name, value, errorLike: isErrorLike(value) };
  if (isTooLong(value)) walk.exceeded = true;
  if (!member.errorLike && typeof value === 'object' && value !== null) {
    member.leftOutNote = leftOutNoteOf(value);
    if (member.leftOutNote !== undefined) walk.exceeded = true;
  }
  return member;
}

/**
 * Keeps the cause chain that starts at `head`, then the nested errors of its members. `level`
 * counts the levels between the logged error and `head`. The serializer folds causes into the
 * first error's message and stack, so the count of cut causes goes on `head`.
 */
function planChain(head: KeptError, level: number, walk: Walk): void {
  const chain = [head];
  // A cause already in this chain, or on the path of errors that contain this one, ends the chain,
  // so the copy keeps no cycle. pino, too, stops a chain at a repeat.
  const isRepeat = (value: unknown) => chain.some((member) => member.error === value) || walk.path.includes(value);
  let last = head;
  while (last.nextCause !== undefined && !isRepeat(last.nextCause)) {
    if (chain.length === LOGGED_ERROR_LIMITS.causes || walk.errorsLeft === 0) {
      head.causesNotLogged = chainLengthFrom(last.nextCause, isRepeat);
      walk.exceeded = true;
      break;
    }
    last.keptCause = keep(last.nextCause, walk);
    last = last.keptCause;
    chain.push(last);
  }

  const pathLength = walk.path.length;
  for (const member of chain) {
    walk.path.push(member.error);
    planNested(member, level, walk);
  }
  walk.path.length = pathLength;
}

/**
 * Keeps the first aggregated errors and the error-like members of `owner` within the depth and the
 * total, all of them before their own causes and nested errors. An aggregated error already on the
 * path is a cycle and is cut. A member on the path is left out of the copy and not counted, because
 * the serializer skips it too.
 */
function planNested(owner: KeptError, level: number, walk: Walk): void {
  const isDeep = level >= LOGGED_ERROR_LIMITS.nestingDepth;
  const heads: KeptError[] = [];
  if (owner.aggregated !== undefined) {
    const candidates = isDeep ? [] : owner.aggregated.slice(0, LOGGED_ERROR_LIMITS.aggregated);
    for (const value of candidates) {
      if (!isErrorLike(value)) {
        owner.items.push({ value });
        if (isTooLong(value)) walk.exceeded = true;
      } else if (!walk.path.includes(value) && walk.errorsLeft > 0) {
        const keptError = keep(value, walk);
        owner.items.push({ value, keptError });
        heads.push(keptError);
      }
    }
    if (owner.items.length < owner.aggregated.length) walk.exceeded = true;
  }

  for (const member of owner.members) {
    if (!member.errorLike || walk.path.includes(member.value)) continue;
    if (isDeep || walk.errorsLeft === 0) {
      owner.membersNotLogged += 1;
      walk.exceeded = true;
    } else {
      member.keptError = keep(member.value as object, walk);
      heads.push(member.keptError);
    }
  }

  for (const head of heads) planChain(head, level + 1, walk);
}

/** Counts the errors of a cause chain from `first` on, stopping at a repeat. */
function chainLengthFrom(first: object, isRepeat: (value: unknown) => boolean): number {
  const counted = new Set<unknown>();
  let current: object | undefined = first;
  while (current !== undefined && !isRepeat(current) && !counted.has(current)) {
    counted.add(current);
    current = causeOf(current, (current as { cause?: unknown }).cause);
  }
  return counted.size;
}

/** Returns the cause that the serializer follows from `holder`. Like the serializer, it calls a `cause` function. */
function causeOf(holder: object, cause: unknown): object | undefined {
  const next: unknown = typeof cause === 'function' ? (cause as () => unknown).call(holder) : cause;
  return isErrorLike(next) ? next : undefined;
}

/** Checks whether the serializer treats `value` as an error: an object with a string `message`. */
function isErrorLike(value: unknown): value is object {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { message?: unknown }).message === 'string';
}

function isTooLong(value: unknown): boolean {
  return typeof value === 'string' && value.length > LOGGED_ERROR_LIMITS.message;
}

/**
 * Scans a member that is an object or array but not error-like, and returns the note that replaces
 * it in the copy, or `undefined` when it is within the limits. pino 10.4 writes such a member with
 * safe-stable-stringify, which writes a value each time it appears and a cycle as "[Circular]". So
 * the scan counts a repeated value each time, and stops at a value that contains itself. The scan
 * reads own enumerable members, as JSON does, and ends at the first limit it passes.
 */
function leftOutNoteOf(member: object): string | undefined {
  const { memberValues, memberDepth, message } = LOGGED_ERROR_LIMITS;
  let valuesLeft = memberValues;
  let charactersLeft = message;
  const path: object[] = [];

  const reasonOf = (value: unknown, depth: number): string | undefined => {
    valuesLeft -= 1;
    if (valuesLeft < 0) return `more than ${memberValues} values`;
    if (typeof value === 'string') {
      charactersLeft -= value.length;
      return charactersLeft < 0 ? `more than ${message} characters` : undefined;
    }
    if (typeof value !== 'object' || value === null || path.includes(value)) return undefined;
    if (depth === memberDepth) return `nested more than ${memberDepth} levels`;
    // An array or a Buffer of many items is left out before its indexes are read.
    const length = (value as { length?: unknown }).length;
    const isList = Array.isArray(value) || ArrayBuffer.isView(value);
    if (isList && typeof length === 'number' && length > valuesLeft) return `more than ${memberValues} values`;

    path.push(value);
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      if (!isList) charactersLeft -= key.length;
      const reason = charactersLeft < 0 ? `more than ${message} characters` : reasonOf((value as Record<string, unknown>)[key], depth + 1);
      if (reason !== undefined) return reason;
    }
    path.pop();
    return undefined;
  };

  const reason = reasonOf(member, 0);
  return reason === undefined ? undefined : `[${Array.isArray(member) ? 'array' : 'object'} left out: ${reason}]`;
}
