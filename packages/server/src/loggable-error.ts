/**
 * Bounds the size of an error before it is logged. An error with a message of megabytes, an
 * `AggregateError` of thousands of errors, or causes and aggregated errors nested very deep would
 * otherwise make a log line of many megabytes, or overflow the logger's serializer. Such an error is
 * logged as a bounded copy with the same prototype, so the logger still names its class.
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
  /** Levels of aggregated errors below the logged error. Errors of an aggregate inside an aggregate are 2 levels down. */
  aggregateDepth: 4,
  /** Errors in the whole copy: the logged error, its causes and its aggregated errors at every level. */
  totalErrors: 100,
} as const;

/**
 * Returns `error` itself when it is within the limits, and a bounded copy otherwise. The copy keeps
 * the prototype, and cuts strings, cause chains and aggregated errors. `causes_not_logged` on the
 * first error of a chain counts the errors cut from that chain, and `errors_not_logged` on an
 * aggregate counts its errors that were cut. An error whose members cannot be read is returned as
 * it is, for the logger's own fallback.
 */
export function loggableError(error: Error): Error {
  try {
    const walk: Walk = { errorsLeft: LOGGED_ERROR_LIMITS.totalErrors, exceeded: false, path: new Set() };
    const top = keep(error, walk);
    planChain(top, 0, walk);
    return walk.exceeded ? copyOf(top) : error;
  } catch {
    return error;
  }
}

/** State of one walk over an error's causes and aggregated errors. */
interface Walk {
  errorsLeft: number;
  /** Whether a string is too long or an error was cut. */
  exceeded: boolean;
  /** Errors whose aggregated errors are being walked, to find a cycle through `errors`. */
  path: Set<unknown>;
}

/** An error that the copy keeps, with the members read from it and the parts of it that are kept. */
interface KeptError {
  error: Error;
  cause: unknown;
  keptCause: KeptError | undefined;
  /** Errors cut from the chain that starts here. */
  causesNotLogged: number;
  /** The `errors` member when it is an array. */
  aggregated: unknown[] | undefined;
  /** Aggregated errors that are kept, in order. `keptError` is set when the value is an `Error`. */
  items: Array<{ value: unknown; keptError?: KeptError }>;
}

/**
 * Counts `error` against the total and reads the members that bound its size. The stack is not
 * read here: V8 formats it on first read, about 28 µs of CPU per masked response in the server
 * benchmark, even when the logger then drops the line. It contains the message, which is checked,
 * and at most Error.stackTraceLimit frames.
 */
function keep(error: Error, walk: Walk): KeptError {
  walk.errorsLeft -= 1;
  if (isTooLong(error.message, LOGGED_ERROR_LIMITS.message)) walk.exceeded = true;
  const aggregated = (error as { errors?: unknown }).errors;
  return {
    error,
    aggregated: Array.isArray(aggregated) ? aggregated : undefined,
    cause: error.cause,
    keptCause: undefined,
    causesNotLogged: 0,
    items: [],
  };
}

/**
 * Keeps the cause chain that starts at `head`, then the aggregated errors of its members. `level`
 * counts the aggregates between the logged error and `head`. Loggers such as pino fold causes into
 * the first error's message and stack, so the count of cut causes goes on `head`.
 */
function planChain(head: KeptError, level: number, walk: Walk): void {
  const chain = [head];
  // A cause already in this chain, or on the path of errors that contain this one, ends the chain,
  // so the copy keeps no cycle. pino, too, stops a chain at a repeat.
  const isRepeat = (value: unknown) => chain.some((member) => member.error === value) || walk.path.has(value);
  let last = head;
  while (last.cause instanceof Error && !isRepeat(last.cause)) {
    if (chain.length === LOGGED_ERROR_LIMITS.causes || walk.errorsLeft === 0) {
      head.causesNotLogged = chainLengthFrom(last.cause, isRepeat);
      walk.exceeded = true;
      break;
    }
    last.keptCause = keep(last.cause, walk);
    last = last.keptCause;
    chain.push(last);
  }

  for (const member of chain) {
    walk.path.add(member.error);
    planAggregated(member, level, walk);
  }
  for (const member of chain) walk.path.delete(member.error);
}

/**
 * Keeps the first aggregated errors of `owner` within the depth and the total, all of them before
 * their own causes and aggregated errors. An error already on the path is a cycle and is cut.
 */
function planAggregated(owner: KeptError, level: number, walk: Walk): void {
  if (owner.aggregated === undefined) return;
  const candidates = level < LOGGED_ERROR_LIMITS.aggregateDepth ? owner.aggregated.slice(0, LOGGED_ERROR_LIMITS.aggregated) : [];
  const heads: KeptError[] = [];
  for (const value of candidates) {
    // NOTE: pino's serializer also walks a value that is not an `Error` but has a string `message`,
    // and an error held in another member. This walk reads neither, so neither is bounded.
    if (!(value instanceof Error)) {
      owner.items.push({ value });
    } else if (!walk.path.has(value) && walk.errorsLeft > 0) {
      const keptError = keep(value, walk);
      owner.items.push({ value, keptError });
      heads.push(keptError);
    }
  }
  if (owner.items.length < owner.aggregated.length) walk.exceeded = true;

  for (const head of heads) planChain(head, level + 1, walk);
}

/** Counts the errors of a cause chain from `first` on, stopping at a repeat. */
function chainLengthFrom(first: Error, isRepeat: (value: unknown) => boolean): number {
  const counted = new Set<unknown>();
  let current: unknown = first;
  while (current instanceof Error && !isRepeat(current) && !counted.has(current)) {
    counted.add(current);
    current = current.cause;
  }
  return counted.size;
}

/** Copies a kept error with its strings cut, and its kept causes and aggregated errors. */
function copyOf(keptError: KeptError): Error {
  const { error, cause } = keptError;
  const copy = Object.create(Object.getPrototypeOf(error) as object | null) as Error & Record<string, unknown>;
  for (const name of Object.keys(error)) {
    if (name === 'cause' || name === 'errors') continue;
    const value = (error as unknown as Record<string, unknown>)[name];
    copy[name] = typeof value === 'string' ? cut(value, LOGGED_ERROR_LIMITS.message) : value;
  }
  define(copy, 'message', cut(String(error.message), LOGGED_ERROR_LIMITS.message), false);
  if (typeof error.stack === 'string') define(copy, 'stack', cut(error.stack, LOGGED_ERROR_LIMITS.stack), false);

  // `errors` and `cause` keep the original's enumerability. pino copies an enumerable `errors` array
  // besides its own `aggregateErrors`, so it would write every aggregated error twice.
  if (keptError.aggregated !== undefined) {
    const items = keptError.items.map((item) => (item.keptError === undefined ? item.value : copyOf(item.keptError)));
    define(copy, 'errors', items, isEnumerable(error, 'errors'));
    const errorsNotLogged = keptError.aggregated.length - keptError.items.length;
    if (errorsNotLogged > 0) define(copy, 'errors_not_logged', errorsNotLogged);
  }

  const causeIsEnumerable = isEnumerable(error, 'cause');
  if (keptError.keptCause !== undefined) define(copy, 'cause', copyOf(keptError.keptCause), causeIsEnumerable);
  else if (typeof cause === 'string') define(copy, 'cause', cut(cause, LOGGED_ERROR_LIMITS.message), causeIsEnumerable);
  else if (cause !== undefined && !(cause instanceof Error)) define(copy, 'cause', cause, causeIsEnumerable);
  if (keptError.causesNotLogged > 0) define(copy, 'causes_not_logged', keptError.causesNotLogged);
  return copy;
}

function isTooLong(value: unknown, limit: number): boolean {
  return typeof value === 'string' && value.length > limit;
}

function cut(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}… (cut from ${text.length} characters)`;
}

function isEnumerable(target: object, name: string): boolean {
  return Object.prototype.propertyIsEnumerable.call(target, name);
}

/** Sets an own member that the logger reads, enumerable by default like a thrower's own properties. */
function define(target: object, name: string, value: unknown, enumerable = true): void {
  Object.defineProperty(target, name, { value, enumerable, writable: true, configurable: true });
}
