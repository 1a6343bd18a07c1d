/**
 * Bounds the size of an error before it is logged. Some errors would otherwise make a log line of
 * many megabytes or overflow the logger's serializer: a message of megabytes, an `AggregateError` of
 * thousands of errors, or errors nested very deep through causes, aggregated errors or other
 * members. An error shared at many levels would make the serializer write it an exponential number
 * of times. Such an error is logged as a bounded copy with the same prototype, so the logger still
 * names its class.
 */
import { LOGGED_ERROR_LIMITS, planBoundedCopy, type KeptError } from './logged-error-limits.ts';

export { LOGGED_ERROR_LIMITS };

/**
 * Returns `error` itself when it is within the limits, and a bounded copy otherwise. The copy keeps
 * the prototype, and cuts strings, cause chains, aggregated errors and errors in other members.
 * `causes_not_logged` on the first error of a chain counts the errors cut from that chain.
 * `errors_not_logged` on an aggregate counts its errors that were cut, and `members_not_logged` on
 * an error counts its error-like members that were cut and its members past the first 50. A member
 * that is a large or deep object or array, and not error-like, becomes a short note saying why it
 * was left out. An error whose members cannot be read is returned as it is, for the logger's own
 * fallback.
 */
export function loggableError(error: Error): Error {
  try {
    const plan = planBoundedCopy(error);
    return plan === undefined ? error : (copyOf(plan) as Error);
  } catch {
    return error;
  }
}

/** Copies a kept error with its strings cut, and its kept causes, aggregated errors and members. */
function copyOf(keptError: KeptError): object {
  const { error } = keptError;
  const copy = Object.create(Object.getPrototypeOf(error) as object | null) as object;
  for (const member of keptError.members) {
    if (member.keptError !== undefined) define(copy, member.name, copyOf(member.keptError));
    else if (member.leftOutNote !== undefined) define(copy, member.name, member.leftOutNote);
    else if (!member.errorLike) define(copy, member.name, cutIfString(member.value, LOGGED_ERROR_LIMITS.message));
  }
  define(copy, 'message', cut(String(keptError.message), LOGGED_ERROR_LIMITS.message), isEnumerable(error, 'message'));
  const stack = (error as { stack?: unknown }).stack;
  if (typeof stack === 'string') define(copy, 'stack', cut(stack, LOGGED_ERROR_LIMITS.stack), isEnumerable(error, 'stack'));

  // `errors` and `cause` keep the original's enumerability. pino copies an enumerable `errors` array
  // besides its own `aggregateErrors`, so it would write every aggregated error twice.
  if (keptError.aggregated !== undefined) {
    const items = keptError.items.map((item) =>
      item.keptError === undefined ? cutIfString(item.value, LOGGED_ERROR_LIMITS.message) : copyOf(item.keptError),
    );
    define(copy, 'errors', items, isEnumerable(error, 'errors'));
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
 * was cut. Any other value is kept, with a string cut. A `cause` function, as VError has, becomes a
 * function that returns the kept copy, so pino still formats the chain as VError's.
 */
function causeOfCopy({ cause, nextCause, keptCause }: KeptError): unknown {
  const copiedCause = keptCause === undefined ? undefined : copyOf(keptCause);
  if (typeof cause === 'function') return () => copiedCause;
  return nextCause === undefined ? cutIfString(cause, LOGGED_ERROR_LIMITS.message) : copiedCause;
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

function cut(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}… (cut from ${text.length} characters)`;
}

function cutIfString(value: unknown, limit: number): unknown {
  return typeof value === 'string' ? cut(value, limit) : value;
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
