/**
 * Bounds the size of an error before it is logged. Some errors would otherwise make a log line of
 * many megabytes or overflow the logger's serializer: a message of megabytes, an `AggregateError` of
 * thousands of errors, or errors nested very deep through causes, aggregated errors or other
 * members. An error shared at many levels would make the serializer write it an exponential number
 * of times. Such an error is logged as a bounded copy with the same prototype, so the logger still
 * names its class.
 */
import { spendCharacterBudget } from './character-budget.ts';
import { cutText, LOGGED_ERROR_LIMITS, type KeptError, type KeptValue } from './logged-error-limits.ts';
import { planBoundedCopy } from './logged-error-walk.ts';
import { scanBigInt, scanObjectMember, unboxed, withBigIntsAsStrings } from './object-member-scan.ts';

export { LOGGED_ERROR_LIMITS };

/** Options of `loggableError`. */
export interface LoggableErrorOptions {
  /**
   * Whether to read each stack to check its size. Pass `true` only when the logger will write the
   * line, which reads the stacks anyway: V8 formats a stack on its first read. Otherwise a stack is
   * checked only when the error is copied for another reason. @default false
   */
  readsStacks?: boolean;
}

/**
 * Returns `error` itself when it is within the limits, and a bounded copy otherwise. The copy keeps
 * the prototype, and cuts strings, cause chains, aggregated errors and errors in other members.
 * `causes_not_logged` on the first error of a chain counts the errors cut from that chain.
 * `errors_not_logged` on an aggregate counts its errors that were cut, and `members_not_logged` on
 * an error counts its error-like members that were cut and its members past the first 50. A member
 * that is a large or deep object or array, and not error-like, becomes a short note saying why it
 * was left out, and so does such an enumerable `cause` or value in `errors`. The copy's strings
 * share a budget of 131,072 characters: messages and stacks spend it first, from the logged error
 * down, then other members. Past it, each string keeps 256 characters and each object member
 * becomes a note. An object member whose `toJSON` method throws becomes a note as well, since pino
 * would write a placeholder in place of the whole error. So does an enumerable `toJSON` function
 * of the error itself, whose result JSON would write in place of the error. A BigInt, as a member
 * or inside one, is written as a string of its digits, or as a note past 16,384 digits. An error
 * whose getters throw is returned as it is, for the logger's fallback line.
 */
export function loggableError(error: Error, options: LoggableErrorOptions = {}): Error {
  try {
    const plan = planBoundedCopy(error, options.readsStacks ?? false);
    if (plan === undefined) return error;
    spendCharacterBudget(plan);
    return copyOf(plan) as Error;
  } catch {
    return error;
  }
}

/**
 * Returns a thrown value that is not an `Error` in a form that fits its log line. pino writes such
 * a value as plain JSON, with no serializer of its own. A String, Number, Boolean or BigInt object
 * counts as its primitive value. A string is cut to the `message` limit. An object or array is kept
 * within the limits of an object member, and beyond them becomes a note such as
 * `[object left out: more than 1000 values]`, and so does a BigInt of more digits. `undefined`, a
 * symbol and a function, which JSON would leave out, become a short description such as
 * `[undefined]`.
 */
export function loggableThrown(thrown: unknown): unknown {
  try {
    return boundedThrown(unboxed(thrown));
  } catch {
    // A proxy whose traps throw, as the object or the function that was thrown.
    return '[thrown value left out: reading it threw]';
  }
}

/**
 * Returns whether JSON writes nothing for `value`. A value that JSON cannot write, such as one with
 * a cycle, returns false, because pino's fallback writes it.
 */
function writesNothing(value: unknown): boolean {
  try {
    return JSON.stringify(value) === undefined;
  } catch {
    return false;
  }
}

/** Returns a thrown value, after `unboxed`, in the form that `loggableThrown` describes. */
function boundedThrown(thrown: unknown): unknown {
  switch (typeof thrown) {
    case 'string':
      return cutText(thrown, LOGGED_ERROR_LIMITS.message);
    case 'bigint':
      // As a string, for the reason given in the walk's `countValue`.
      return scanBigInt(thrown).leftOutNote ?? String(thrown);
    case 'object': {
      if (thrown === null) return null;
      const scan = scanObjectMember(thrown, 'thrown');
      if (scan.leftOutNote !== undefined) return scan.leftOutNote;
      const written = scan.hasBigInt ? withBigIntsAsStrings(thrown) : thrown;
      // A `toJSON` that returns undefined would drop `thrown` from the line.
      return writesNothing(written) ? '[thrown value left out: JSON writes nothing for it]' : written;
    }
    case 'function':
      return `[function ${cutText(thrown.name || '(anonymous)', LOGGED_ERROR_LIMITS.memberName)}]`;
    case 'symbol':
      return `[${cutText(String(thrown), LOGGED_ERROR_LIMITS.memberName)}]`;
    case 'undefined':
      // JSON leaves out a member whose value is undefined, which would drop `thrown` from the line.
      return '[undefined]';
    default:
      return thrown;
  }
}

/** Copies a kept error with its strings cut, and its kept causes, aggregated errors and members. */
function copyOf(keptError: KeptError): object {
  const { error } = keptError;
  const copy = Object.create(Object.getPrototypeOf(error) as object | null) as object;
  for (const member of keptError.members) {
    if (member.keptError !== undefined || !member.errorLike) define(copy, member.copyName, valueOfCopy(member));
  }
  define(copy, 'message', cutText(String(keptError.message), keptError.messageMaxLength), isEnumerable(error, 'message'));
  const { stack } = keptError;
  if (typeof stack === 'string') define(copy, 'stack', cutText(stack, keptError.stackMaxLength), isEnumerable(error, 'stack'));

  // `errors` and `cause` keep the original's enumerability. pino copies an enumerable `errors` array
  // besides its own `aggregateErrors`, so it would write every aggregated error twice.
  if (keptError.aggregated !== undefined) {
    define(copy, 'errors', keptError.items.map(valueOfCopy), isEnumerable(error, 'errors'));
    const errorsNotLogged = keptError.aggregated.length - keptError.items.length;
    if (errorsNotLogged > 0) define(copy, 'errors_not_logged', errorsNotLogged);
  }

  if (keptError.cause !== undefined) define(copy, 'cause', causeOfCopy(keptError), isEnumerable(error, 'cause'));
  if (keptError.causesNotLogged > 0) define(copy, 'causes_not_logged', keptError.causesNotLogged);
  if (keptError.membersNotLogged > 0) define(copy, 'members_not_logged', keptError.membersNotLogged);
  hideInheritedMembers(copy);
  return copy;
}

/**
 * Returns the `cause` of a copy. An error-like cause becomes its kept copy, or `undefined` when it
 * was cut. A cause that pino writes as a member is copied as a member is. Any other value is kept,
 * with a string cut. A `cause` function, as VError has, becomes a function that returns the kept
 * copy, so pino still formats the chain as VError's.
 */
function causeOfCopy({ cause, nextCause, keptCause, causeValue }: KeptError): unknown {
  const copiedCause = keptCause === undefined ? undefined : copyOf(keptCause);
  if (typeof cause === 'function') return () => copiedCause;
  if (causeValue !== undefined) return valueOfCopy(causeValue);
  return nextCause === undefined ? cutIfString(cause, LOGGED_ERROR_LIMITS.message) : copiedCause;
}

/** Returns the copy of a member or of a value in `errors`: its kept error, its note, or the value with a string cut. */
function valueOfCopy(keptValue: KeptValue): unknown {
  if (keptValue.keptError !== undefined) return copyOf(keptValue.keptError);
  if (keptValue.leftOutNote !== undefined) return keptValue.leftOutNote;
  if (typeof keptValue.value === 'bigint') return String(keptValue.value);
  if (keptValue.hasBigInt) return withBigIntsAsStrings(keptValue.value);
  return cutIfString(keptValue.value, keptValue.maxLength);
}

/**
 * Hides each enumerable member of the shared prototype that the copy does not define. pino reads
 * such a member through the copy, and it may lead back to an original error: one left out of the
 * copy, or one that the original hid behind a non-enumerable own member.
 */
function hideInheritedMembers(copy: object): void {
  for (const name in copy) {
    if (!Object.hasOwn(copy, name)) define(copy, name, undefined, false);
  }
}

function cutIfString(value: unknown, limit: number): unknown {
  return typeof value === 'string' ? cutText(value, limit) : value;
}

function isEnumerable(target: object, name: string): boolean {
  return Object.prototype.propertyIsEnumerable.call(target, name);
}

/**
 * Sets an own member that the logger reads, enumerable by default like a thrower's own properties.
 * Defining it, not assigning it, also shadows a member of the prototype that has no setter.
 */
function define(target: object, name: string, value: unknown, enumerable = true): void {
  Object.defineProperty(target, name, { value, enumerable, writable: true, configurable: true });
}
