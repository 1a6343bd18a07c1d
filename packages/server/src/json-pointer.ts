/** Reference tokens of JSON Pointers (RFC 6901), which `errors[].pointer` uses. */

/** A JSON Pointer: empty, or `/` tokens in which `~` only starts the escapes `~0` and `~1`. */
export const JSON_POINTER_PATTERN = /^(\/([^~/]|~[01])*)*$/;

/** Escapes one reference token of a JSON Pointer. */
export function escapePointerToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Unescapes one reference token of a JSON Pointer. */
export function unescapePointerToken(token: string): string {
  return token.replaceAll('~1', '/').replaceAll('~0', '~');
}
