/**
 * The walk that checks an error against LOGGED_ERROR_LIMITS and plans the bounded copy. It reads
 * every value that pino's `err` serializer would write, and stacks only when asked to.
 */
import { cutText, LOGGED_ERROR_LIMITS, type KeptError, type KeptMember, type KeptValue } from './logged-error-limits.ts';
import { scanBigInt, scanObjectMember, type ObjectMemberScan } from './object-member-scan.ts';

/** State of one walk over an error's causes, aggregated errors and members. */
interface Walk {
  errorsLeft: number;
  /** Characters counted against `totalCharacters`. */
  characters: number;
  /** Whether a string is too long or an error was cut. */
  exceeded: boolean;
  /** Errors whose aggregated errors and members are being walked, to find a cycle: at most 16 causes at each of 5 levels. */
  path: unknown[];
  /** Whether stacks are read and counted; see `keep`. */
  readsStacks: boolean;
}

/**
 * Walks `error` and returns the parts of it that a bounded copy keeps, or `undefined` when the
 * error is within the limits. `readsStacks` makes the walk read and count each stack (see `keep`).
 * Throws what a getter or a `cause` function throws.
 */
export function planBoundedCopy(error: object, readsStacks: boolean): KeptError | undefined {
  const walk: Walk = { errorsLeft: LOGGED_ERROR_LIMITS.totalErrors, characters: 0, exceeded: false, path: [], readsStacks };
  const top = keep(error, walk);
  planChain(top, 0, walk);
  return walk.exceeded || walk.characters > LOGGED_ERROR_LIMITS.totalCharacters ? top : undefined;
}

/**
 * Counts `error` against the totals and reads the members that bound its size. V8 formats a stack
 * on first read, about 28 µs of CPU per masked response in the server benchmark, so the stack is
 * read only when the logger is known to write the line, which reads it anyway. Otherwise the
 * message counts twice against `totalCharacters`, once for itself and once for the stack, which
 * repeats it. NOTE: a stack is then checked only when the copy is made for another reason, so a
 * stack assigned by hand, or one of a raised Error.stackTraceLimit, can be logged whole.
 */
function keep(error: object, walk: Walk): KeptError {
  walk.errorsLeft -= 1;
  const record = error as Record<string, unknown>;
  const message = record.message;
  const errors = record.errors;
  const aggregated = Array.isArray(errors) ? errors : undefined;
  const cause = record.cause;
  if (isTooLong(message) || isTooLong(cause)) walk.exceeded = true;
  const stack = walk.readsStacks ? record.stack : undefined;
  if (typeof stack === 'string') {
    walk.characters += stack.length;
    if (stack.length > LOGGED_ERROR_LIMITS.stack) walk.exceeded = true;
  }
  if (typeof message === 'string') walk.characters += walk.readsStacks ? message.length : 2 * message.length;

  const members: KeptMember[] = [];
  let membersNotLogged = 0;
  let isCauseWritten = false;
  for (const name in record) {
    // The serializer writes `message` and `stack` itself, folds causes into them, and writes an
    // `errors` array as aggregated errors. It writes any other enumerable `cause` as a member.
    if (name === 'cause') isCauseWritten = true;
    if (name === 'message' || name === 'stack' || name === 'cause' || (name === 'errors' && aggregated !== undefined)) continue;
    if (members.length === LOGGED_ERROR_LIMITS.members) {
      membersNotLogged += 1;
      continue;
    }

    const value = record[name];
    // NOTE: two long names with the same start and length get the same cut name, and the copy keeps
    // only the later member.
    const copyName = cutText(name, LOGGED_ERROR_LIMITS.memberName);
    if (copyName !== name) walk.exceeded = true;
    walk.characters += copyName.length;
    const member: KeptMember = { name, copyName, errorLike: isErrorLike(value), value, characters: 0, maxLength: LOGGED_ERROR_LIMITS.message };
    if (name === 'toJSON' && typeof value === 'function') {
      // pino copies the function onto the logged error, and JSON.stringify then writes what it
      // returns in place of the whole error, message and stack included.
      member.leftOutNote = '[function left out: as toJSON it would replace the logged error]';
      walk.exceeded = true;
    }
    members.push(member.errorLike || member.leftOutNote !== undefined ? member : countValue(member, name, walk));
  }
  if (membersNotLogged > 0) walk.exceeded = true;

  const nextCause = causeOf(error, cause);
  const isCauseValue = isCauseWritten && nextCause === undefined && typeof cause !== 'function';
  return {
    error,
    message,
    messageMaxLength: LOGGED_ERROR_LIMITS.message,
    stack,
    stackMaxLength: LOGGED_ERROR_LIMITS.stack,
    cause,
    nextCause,
    keptCause: undefined,
    causeValue: isCauseValue ? readValue(cause, 'cause', walk) : undefined,
    causesNotLogged: 0,
    aggregated,
    items: [],
    members,
    membersNotLogged,
  };
}

/**
 * Counts the characters of a value that pino writes under `key` without its error serializer, and
 * notes in `walk` when the value is beyond the limits. An object or array is scanned, and an
 * error-like one is left to the walk.
 */
function countValue<Kept extends KeptValue>(keptValue: Kept, key: string, walk: Walk): Kept {
  const { value } = keptValue;
  if (typeof value === 'string') {
    keptValue.characters = value.length;
    if (isTooLong(value)) walk.exceeded = true;
  } else if ((typeof value === 'object' && value !== null && !isErrorLike(value)) || typeof value === 'bigint') {
    const scan: ObjectMemberScan = typeof value === 'bigint' ? scanBigInt(value) : scanObjectMember(value as object, key);
    keptValue.characters = scan.characters;
    // JSON.stringify throws on a BigInt, and pino then writes the whole `err` value with
    // safe-stable-stringify, which sorts keys and writes nesting past 5 levels as "[Object]". The
    // copy writes each BigInt, also one inside an object, as a string of its digits instead.
    if (scan.hasBigInt) {
      keptValue.hasBigInt = typeof value !== 'bigint';
      walk.exceeded = true;
    }
    if (scan.leftOutNote !== undefined) {
      keptValue.leftOutNote = scan.leftOutNote;
      walk.exceeded = true;
    }
  }
  walk.characters += keptValue.characters;
  return keptValue;
}

/** Reads a value that pino writes under `key` without its error serializer, as `countValue` does. */
function readValue(value: unknown, key: string, walk: Walk): KeptValue {
  return countValue({ value, characters: 0, maxLength: LOGGED_ERROR_LIMITS.message }, key, walk);
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
    for (const [index, value] of candidates.entries()) {
      if (!isErrorLike(value)) {
        owner.items.push(readValue(value, String(index), walk));
      } else if (!walk.path.includes(value) && walk.errorsLeft > 0) {
        const keptError = keep(value, walk);
        owner.items.push({ value, keptError, characters: 0, maxLength: LOGGED_ERROR_LIMITS.message });
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
