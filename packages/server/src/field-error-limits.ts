/**
 * Limits on the `errors` list of a validation failure, so that the 422 response and its log line
 * stay small whatever the body contains. Without them, a body with 3,000 unknown members, one of
 * them 20 KB long, got a 362 KB response with 3,002 items, and the long name was repeated whole in
 * its item's `pointer` and `detail`.
 *
 * A cut pointer still matches the JSON Pointer syntax that the contract's schema requires, but it no
 * longer resolves to a member of the body. Its cut token ends in `…`, and a client cannot tell that
 * from a member name that really ends in `…`.
 */
import type { FieldError } from '@agnes/errors';
import { JSON_POINTER_PATTERN, escapePointerToken, unescapePointerToken } from './json-pointer.ts';

/**
 * Max items in one `errors` list, the summary item included. A client fixes a few fields at a time,
 * so more items only add size to the response and the log line.
 */
export const MAX_FIELD_ERRORS = 50;

/**
 * Max characters (UTF-16 code units) of one member name from the body that a pointer token or a
 * detail repeats. A longer name is cut to this length and ends in `…`.
 */
export const MAX_ECHOED_KEY_LENGTH = 64;

/**
 * Max characters of a pointer. A longer pointer, which only a deeply nested body makes, keeps the
 * leading tokens that fit and ends in the token `…`.
 */
export const MAX_POINTER_LENGTH = 512;

/**
 * Max characters of a detail before the `…` that marks a cut. Standard Schema libraries may quote
 * the body in their messages, such as every unknown key in one message.
 */
export const MAX_FIELD_DETAIL_LENGTH = 256;

/** Code of the item that stands for the fields left out of a list longer than `MAX_FIELD_ERRORS`. */
export const TOO_MANY_ERRORS_CODE = 'too_many_errors';

/** Mark at the end of cut text. It is neither `/` nor `~`, so a cut token stays a valid pointer token. */
const CUT_MARK = '…';

/** Field error code of a member that the schema does not allow. */
const UNKNOWN_FIELD_CODE = 'unknown_field';

/**
 * Returns the list within the limits above. Each pointer and detail is cut to its limit. A list of
 * more than `MAX_FIELD_ERRORS` items keeps the first `MAX_FIELD_ERRORS - 1`, with unknown members
 * after the other fields, and ends in one `too_many_errors` item with the pointer `""` that counts
 * the fields left out. Applying it twice gives the same list.
 *
 * @example
 * throw new AgnesError('validation_failed', { errors: limitFieldErrors(myFieldErrors) });
 */
export function limitFieldErrors(errors: readonly FieldError[]): FieldError[] {
  if (errors.length <= MAX_FIELD_ERRORS) return errors.map(boundFieldError);

  // Unknown members go last, because the client drops them all in one step while each other field
  // needs its own fix.
  const known = errors.filter((error) => error.code !== UNKNOWN_FIELD_CODE);
  const unknown = errors.filter((error) => error.code === UNKNOWN_FIELD_CODE);
  const listed = [...known, ...unknown].slice(0, MAX_FIELD_ERRORS - 1).map(boundFieldError);
  const leftOut = errors.length - listed.length;
  listed.push({
    pointer: '',
    code: TOO_MANY_ERRORS_CODE,
    detail: `body has ${leftOut} more invalid fields that are not listed. Fix the listed fields and send the request again to see the rest.`,
  });
  return listed;
}

/**
 * Returns the params of a validation failure with their `errors` list within the limits, so that a
 * list built by hand gets the same bounds as the adapters' lists. Params whose `errors` is not a
 * list of field errors are returned as they are, for the renderer's checks to report.
 */
export function withLimitedFieldErrors(params: object): object {
  const errors = (params as { errors?: unknown }).errors;
  if (!Array.isArray(errors) || !errors.every(isFieldError)) return params;
  const limited = limitFieldErrors(errors);
  const unchanged = limited.length === errors.length && limited.every((error, index) => error === errors[index]);
  return unchanged ? params : { ...params, errors: limited };
}

function isFieldError(value: unknown): value is FieldError {
  if (typeof value !== 'object' || value === null) return false;
  const { pointer, code, detail } = value as Record<string, unknown>;
  return typeof pointer === 'string' && typeof code === 'string' && typeof detail === 'string';
}

/**
 * Cuts a member name from the body to `MAX_ECHOED_KEY_LENGTH` characters, for a detail.
 * Pointers are cut by `limitFieldErrors`.
 */
export function echoableKey(key: string): string {
  return cut(key, MAX_ECHOED_KEY_LENGTH);
}

function boundFieldError(error: FieldError): FieldError {
  const pointer = boundPointer(error.pointer);
  const detail = cut(error.detail, MAX_FIELD_DETAIL_LENGTH);
  return pointer === error.pointer && detail === error.detail ? error : { pointer, code: error.code, detail };
}

/**
 * Cuts each token of a pointer to `MAX_ECHOED_KEY_LENGTH` characters before escaping it, so that no
 * `~0` or `~1` escape is split, then cuts the pointer to `MAX_POINTER_LENGTH` at a token boundary.
 * A value that is not a JSON Pointer is returned unchanged.
 */
function boundPointer(pointer: string): string {
  if (pointer.length <= MAX_ECHOED_KEY_LENGTH || !JSON_POINTER_PATTERN.test(pointer)) return pointer;

  const tokens = pointer
    .slice(1)
    .split('/')
    .map((token) => escapePointerToken(cut(unescapePointerToken(token), MAX_ECHOED_KEY_LENGTH)));
  const whole = `/${tokens.join('/')}`;
  if (whole.length <= MAX_POINTER_LENGTH) return whole;

  const tail = `/${CUT_MARK}`;
  let prefix = '';
  for (const token of tokens) {
    if (prefix.length + 1 + token.length + tail.length > MAX_POINTER_LENGTH) break;
    prefix += `/${token}`;
  }
  return prefix + tail;
}

/** Cuts text to `max` UTF-16 code units plus `…`, never between the two halves of a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end) + CUT_MARK;
}

function isHighSurrogate(charCode: number): boolean {
  return charCode >= 0xd800 && charCode <= 0xdbff;
}
