/**
 * The scan of a value that pino writes as it is, without its error serializer: an object or array
 * but not error-like, or a BigInt, in a member of an error, in an enumerable `cause` or in an
 * `errors` array.
 */
import { LOGGED_ERROR_LIMITS } from './logged-error-limits.ts';

/** Result of the scan of one value. */
export interface ObjectMemberScan {
  /** Short string that replaces the value in the copy, such as `[array left out: more than 1000 values]`, or `undefined` within the limits. */
  leftOutNote: string | undefined;
  /** Characters of the value as JSON writes it, counting an escaped character as one. 0 when the value is left out. */
  characters: number;
  /** Whether the value contains a BigInt, which makes `JSON.stringify` throw. */
  hasBigInt: boolean;
}

/**
 * Scans `member`, the value under `key`, against `memberValues`, `memberDepth` and the `message`
 * limit of characters. pino 10.4 writes such a value with `JSON.stringify`, and with
 * safe-stable-stringify 2.5 when that throws. Both call a `toJSON` method with the key and write
 * what it returns, and both write a value each time it appears. So the scan calls `toJSON` too,
 * counts a repeated value each time, and stops at a value that contains itself, which
 * safe-stable-stringify writes as "[Circular]". It reads own enumerable members, as JSON does, and
 * ends at the first limit it passes. A value whose `toJSON` method, getter or proxy trap throws is
 * left out, because pino would then write a placeholder in place of the whole error.
 */
export function scanObjectMember(member: object, key: string): ObjectMemberScan {
  const { memberValues, memberDepth, message } = LOGGED_ERROR_LIMITS;
  let valuesLeft = memberValues;
  let characters = 0;
  let hasBigInt = false;
  const path: object[] = [];

  const reasonOf = (value: unknown, valueKey: string, depth: number): string | undefined => {
    valuesLeft -= 1;
    if (valuesLeft < 0) return `more than ${memberValues} values`;
    // An array or a Buffer of many items is left out before its indexes are read, and before
    // Buffer's toJSON copies every byte into an array.
    if (isListLongerThan(value, valuesLeft)) return `more than ${memberValues} values`;
    if (typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
      try {
        value = (value as { toJSON: (key: string) => unknown }).toJSON(valueKey);
      } catch {
        // pino would catch the same throw and write a placeholder in place of the whole error.
        return 'its toJSON method threw';
      }
      if (isListLongerThan(value, valuesLeft)) return `more than ${memberValues} values`;
    }
    value = unboxed(value);
    if (typeof value === 'bigint') hasBigInt = true;

    characters += charactersOf(value);
    if (characters > message) return `more than ${message} characters`;
    if (typeof value !== 'object' || value === null || path.includes(value)) return undefined;
    if (depth === memberDepth) return `nested more than ${memberDepth} levels`;

    // JSON writes a typed array as an object, with its indexes as keys.
    const isArray = Array.isArray(value);
    path.push(value);
    for (const name in value) {
      if (!Object.hasOwn(value, name)) continue;
      // Each member adds a comma, and an object's member adds its key in quotes and a colon.
      characters += isArray ? 1 : name.length + 3;
      const reason = characters > message ? `more than ${message} characters` : reasonOf((value as Record<string, unknown>)[name], name, depth + 1);
      if (reason !== undefined) return reason;
    }
    path.pop();
    return undefined;
  };

  let reason: string | undefined;
  try {
    reason = reasonOf(member, key, 0);
  } catch {
    // A getter or a proxy trap threw. pino would catch the same throw and write a placeholder in
    // place of the whole error, so the value is left out instead.
    reason = 'reading it threw';
  }
  if (reason === undefined) return { leftOutNote: undefined, characters, hasBigInt };
  return { leftOutNote: `[${Array.isArray(member) ? 'array' : 'object'} left out: ${reason}]`, characters: 0, hasBigInt: false };
}

/**
 * Returns the primitive value of a String, Number, Boolean or BigInt object, which JSON writes (or,
 * for a BigInt, rejects) as that value, and any other value as it is. `typeof` comes first because
 * `instanceof` runs a proxy's getPrototypeOf trap, which may throw.
 */
export function unboxed(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const isBoxed = value instanceof String || value instanceof Number || value instanceof Boolean || value instanceof BigInt;
  return isBoxed ? value.valueOf() : value;
}

function isListLongerThan(value: unknown, length: number): boolean {
  const isList = Array.isArray(value) || ArrayBuffer.isView(value);
  return isList && (value as { length: number }).length > length;
}

/** Characters of `value` as JSON writes it, without its members, counting an escaped character as one. */
function charactersOf(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return value.length + 2;
    case 'number':
    case 'boolean':
      return String(value).length;
    case 'bigint':
      // A BigInt past the limit is not written out in decimal, which takes long for a huge one.
      return scanBigInt(value).leftOutNote === undefined ? String(value).length : Number.POSITIVE_INFINITY;
    case 'object':
      return value === null ? 4 : 2;
    default:
      // JSON leaves out `undefined`, a function and a symbol, or writes `null` for them in an array.
      return 4;
  }
}

/**
 * Scans a BigInt against the `message` limit of digits. The count comes from the hexadecimal form,
 * which V8 writes in linear time: `h` hexadecimal digits make between `(h - 1) × log10(16)` and
 * `h × log10(16)` decimal ones. Only a value whose bounds fall on both sides of the limit is written
 * out in decimal to count exactly. `characters` includes a minus sign.
 */
export function scanBigInt(value: bigint): ObjectMemberScan {
  const limit = LOGGED_ERROR_LIMITS.message;
  const magnitude = value < 0n ? -value : value;
  const hexDigits = magnitude.toString(16).length;
  const minDigits = Math.floor((hexDigits - 1) * Math.log10(16)) + 1;
  const maxDigits = Math.ceil(hexDigits * Math.log10(16));
  const digits = maxDigits <= limit || minDigits > limit ? maxDigits : magnitude.toString().length;
  if (digits > limit) return { leftOutNote: `[bigint left out: more than ${limit} digits]`, characters: 0, hasBigInt: false };
  return { leftOutNote: undefined, characters: digits + (value < 0n ? 1 : 0), hasBigInt: true };
}

/**
 * Returns `value` as JSON would write it, with each BigInt as a string of its digits, so that the
 * line of a value within the limits stays plain JSON. A value that JSON cannot write, such as one
 * with a cycle, is returned as it is.
 */
export function withBigIntsAsStrings(value: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' || item instanceof BigInt ? String(item) : item)));
  } catch {
    return value;
  }
}
