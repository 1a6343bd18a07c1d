/** The `token` of RFC 9110, section 5.6.2: the syntax of header names, methods, content codings and charsets. */

/** One or more `tchar`: letters, digits and ``!#$%&'*+-.^_`|~``. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Returns whether a value is an HTTP token, such as `GET`, `gzip` or `WWW-Authenticate`. */
export function isHttpToken(value: unknown): value is string {
  return typeof value === 'string' && TOKEN.test(value);
}
