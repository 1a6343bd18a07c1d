/**
 * Limits of a logged error, and the plan of a bounded copy that the walk in logged-error-walk.ts
 * makes. The walk follows the values that pino's default `err` serializer (pino-std-serializers 7.1)
 * follows. These are the cause chain, which the serializer folds into the message and stack, an
 * `errors` array, and every enumerable member, own or inherited, whose value is error-like. The
 * serializer writes an error each time it meets one, so the walk counts a repeated error each time too.
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
  /** Characters of the name of such a member. A longer name is cut in the copy, as a string is. */
  memberName: 256,
  /**
   * Values in a member that is an object or array but not error-like, the member itself included,
   * counted each time they appear. The same limits apply to an enumerable `cause` and to a value in
   * an `errors` array of that kind. Its JSON text, counting an escaped character as one, shares
   * the `message` limit of characters.
   */
  memberValues: 1_000,
  /** Levels of objects and arrays nested in such a member. */
  memberDepth: 10,
  /**
   * Characters of the strings of the whole copy: messages, stacks, string members, strings in
   * `errors` arrays, and the JSON text of object members. The copy spends it in this order: the
   * logged error's message and stack, then its causes', then those of nested errors level by
   * level, then other members in the same order of errors.
   */
  totalCharacters: 131_072,
  /**
   * Characters that each string keeps once `totalCharacters` are spent. They show the start of a
   * message, or a stack's first line and frame, and keep the worst case small: a copy has at most
   * 100 errors of about 100 strings each, so about 10,000 strings.
   */
  charactersPastBudget: 256,
} as const;

/** Returns `text` cut to `limit` characters, with a note of its length, or `text` itself when it fits. */
export function cutText(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}… (cut from ${text.length} characters)`;
}

/** An error-like value that the copy keeps, with the members read from it and the parts of it that are kept. */
export interface KeptError {
  error: object;
  message: unknown;
  /** Characters of the message that the copy keeps. The budget sets it. */
  messageMaxLength: number;
  /** The stack, read by the walk when it reads stacks, else only when the copy is made, because reading it makes V8 format it. */
  stack: unknown;
  /** Characters of the stack that the copy keeps. */
  stackMaxLength: number;
  /** The `cause` member as read, which is a function for a VError-style cause. */
  cause: unknown;
  /** The error-like cause that the serializer follows: `cause`, or the value that a `cause` function returns. */
  nextCause: object | undefined;
  keptCause: KeptError | undefined;
  /** A `cause` that pino writes as a member: enumerable, and neither error-like nor a function. */
  causeValue: KeptValue | undefined;
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
  /** Short string that replaces an object or array beyond the limits, such as `[object left out: more than 1000 values]`. */
  leftOutNote?: string;
  /** Characters that the value adds to `totalCharacters`: a string's length, or an object's JSON text. 0 for an error. */
  characters: number;
  /** Characters of a string that the copy keeps. The budget sets it. */
  maxLength: number;
  /** Whether an object or array contains a BigInt, which the copy writes as a string. */
  hasBigInt?: boolean;
}

/** A member of a kept error. An error-like member without `keptError` is left out of the copy. */
export interface KeptMember extends KeptValue {
  name: string;
  /** Name of the member in the copy: `name`, cut when it is longer than `memberName`. */
  copyName: string;
  errorLike: boolean;
}

