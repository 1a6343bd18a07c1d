/**
 * Bounds the size of an error before it is logged. An error with a message of megabytes, an
 * `AggregateError` of thousands of errors or a very deep cause chain would otherwise make a log line
 * of many megabytes, or overflow the logger's serializer. Such an error is logged as a bounded copy
 * with the same prototype, so the logger still names its class.
 */

/** Limits of a logged error. Beyond any of them, a bounded copy is logged instead. */
export const LOGGED_ERROR_LIMITS = {
  /** Characters of a message or of another string member. */
  message: 16_384,
  /** Characters of a stack trace in a bounded copy. */
  stack: 32_768,
  /** Errors in a cause chain, the first one included. */
  causes: 16,
  /** Errors of an `AggregateError`. */
  aggregated: 50,
} as const;

/**
 * Returns `error` itself when it is within the limits, and a bounded copy otherwise. The copy keeps
 * the prototype, and cuts strings, the cause chain and the aggregated errors, noting what was cut.
 * An error whose members cannot be read is returned as it is, for the logger's own fallback.
 */
export function loggableError(error: Error): Error {
  try {
    if (!exceedsLimits(error)) return error;
    const copy = boundedCopyOf(error, 1, new Set());
    // Loggers such as pino fold causes into the message and stack, so the count goes on the top.
    const causes = causeCountOf(error);
    if (causes > LOGGED_ERROR_LIMITS.causes) define(copy, 'causes_not_logged', causes - LOGGED_ERROR_LIMITS.causes);
    return copy;
  } catch {
    return error;
  }
}

/** Returns whether an error or one of its causes is past a limit. */
function exceedsLimits(error: Error): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  // A cycle ends the walk: the logger already stops at an error that it has serialized.
  for (let depth = 1; current instanceof Error && !seen.has(current); depth += 1) {
    seen.add(current);
    if (depth > LOGGED_ERROR_LIMITS.causes) return true;
    // The stack is not read here: V8 formats it on first read, about 28 µs of CPU per masked
    // response in the server benchmark, even when the logger then drops the line. It contains the
    // message, which is checked, and at most Error.stackTraceLimit frames.
    if (isTooLong(current.message, LOGGED_ERROR_LIMITS.message)) return true;
    const aggregated = (current as { errors?: unknown }).errors;
    if (Array.isArray(aggregated) && aggregated.length > LOGGED_ERROR_LIMITS.aggregated) return true;
    current = current.cause;
  }
  return false;
}

function isTooLong(value: unknown, limit: number): boolean {
  return typeof value === 'string' && value.length > limit;
}

/**
 * Copies an error with its strings cut, its first aggregated errors, and its causes up to the
 * limit. `depth` is the error's place in the cause chain, from 1.
 * NOTE: aggregated errors that are themselves aggregates are copied to any depth.
 */
function boundedCopyOf(error: Error, depth: number, seen: Set<unknown>): Error {
  seen.add(error);
  const copy = Object.create(Object.getPrototypeOf(error) as object | null) as Error & Record<string, unknown>;
  for (const name of Object.keys(error)) {
    if (name === 'cause' || name === 'errors') continue;
    const value = (error as unknown as Record<string, unknown>)[name];
    copy[name] = typeof value === 'string' ? cut(value, LOGGED_ERROR_LIMITS.message) : value;
  }
  define(copy, 'message', cut(String(error.message), LOGGED_ERROR_LIMITS.message));
  if (typeof error.stack === 'string') define(copy, 'stack', cut(error.stack, LOGGED_ERROR_LIMITS.stack));

  const aggregated = (error as { errors?: unknown }).errors;
  if (Array.isArray(aggregated)) {
    const loggedItems = aggregated.slice(0, LOGGED_ERROR_LIMITS.aggregated);
    define(copy, 'errors', loggedItems.map((item: unknown) => (item instanceof Error ? boundedCopyOf(item, LOGGED_ERROR_LIMITS.causes, seen) : item)));
    if (aggregated.length > loggedItems.length) define(copy, 'errors_not_logged', aggregated.length - loggedItems.length);
  }

  const cause = error.cause;
  if (cause instanceof Error) {
    if (!seen.has(cause) && depth < LOGGED_ERROR_LIMITS.causes) define(copy, 'cause', boundedCopyOf(cause, depth + 1, seen));
  } else if (typeof cause === 'string') {
    define(copy, 'cause', cut(cause, LOGGED_ERROR_LIMITS.message));
  } else if (cause !== undefined) {
    define(copy, 'cause', cause);
  }
  return copy;
}

/** Counts the errors of a cause chain, stopping at a cycle. */
function causeCountOf(error: Error): number {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current instanceof Error && !seen.has(current)) {
    seen.add(current);
    current = current.cause;
  }
  return seen.size;
}

function cut(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}… (cut from ${text.length} characters)`;
}

/** Sets an own member that the logger reads, enumerable like a thrower's own properties. */
function define(target: object, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, enumerable: name !== 'message' && name !== 'stack', writable: true, configurable: true });
}
