/** Builds what every attempt of a call sends, and rejects request options that `fetch` would reject. */
import { InvalidOptionError } from '../errors/invalid-option.ts';
import { checkObject, type RequestOptions } from './options.ts';

/** The method, URL, headers and body of a call; every attempt sends the same ones. */
export interface PreparedRequest {
  method: string;
  url: string;
  headers: Headers;
  body: string | undefined;
  idempotencyKey: string | undefined;
}

/** The client settings that every request carries. */
export interface RequestDefaults {
  baseURL: string;
  apiKey: string | undefined;
  defaultHeaders: Record<string, string>;
}

/**
 * Builds a call's request. The idempotency key is fixed here, so every attempt sends the
 * same one. A `Request` is built once as a check, so that what `fetch` would reject on
 * every attempt (an invalid method, a body on a GET, a header with a line break) fails
 * here, before anything is sent.
 *
 * @throws {InvalidOptionError} naming the method, the path and the rule that failed.
 */
export function prepareRequest(options: RequestOptions, defaults: RequestDefaults): PreparedRequest {
  checkObject('request options', options, "{ path: '/v1/policies/pol_1' }");
  const method = String(options.method ?? 'GET').toUpperCase();
  const path = options.path;
  try {
    if (typeof path !== 'string' || !path.startsWith('/')) {
      throw new TypeError(`path must start with "/", got ${JSON.stringify(path)}`);
    }
    const url = defaults.baseURL + path;
    const headers = new Headers();
    const setHeaders = (values: Record<string, string> | undefined) => {
      for (const [name, value] of Object.entries(values ?? {})) setHeader(headers, name, value);
    };
    setHeaders(defaults.defaultHeaders);
    headers.set('accept', 'application/json');
    if (defaults.apiKey !== undefined) headers.set('authorization', `Bearer ${defaults.apiKey}`);
    setHeaders(options.headers);

    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    if (body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');

    const key = options.idempotencyKey === true ? crypto.randomUUID() : options.idempotencyKey || headers.get('idempotency-key') || undefined;
    if (key !== undefined) setHeader(headers, 'idempotency-key', key);

    new Request(url, { method, headers, body });
    return { method, url, headers, body, idempotencyKey: key };
  } catch (cause) {
    throw new InvalidOptionError(`Invalid request options for ${method} ${JSON.stringify(path)}: ${(cause as Error).message}`, { cause });
  }
}

/**
 * Sets a header after checking its value. A value that `Headers` would reject throws a
 * message that names the header but not the value, which may be a secret. `fetch` trims
 * HTTP whitespace from both ends of a value first, so only a line break or NUL inside it counts.
 */
function setHeader(headers: Headers, name: string, value: string): void {
  const inner = String(value).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
  if (/[\r\n\0]/.test(inner)) throw new TypeError(`the value of header ${JSON.stringify(name)} contains a line break or NUL; remove it`);
  headers.set(name, value);
}
