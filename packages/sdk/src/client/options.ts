/** Options of the client and of one request, and their checks. */
import { InvalidOptionError } from '../errors/invalid-option.ts';
import type { RetryBudget } from '../retry/budget.ts';

/**
 * Receives the client's debug messages, such as each retry. The argument order
 * (fields, then message) is pino's, and `console` accepts it too.
 */
export interface Logger {
  debug(fields: Record<string, unknown>, message: string): void;
}

/** Options of `new Agnes(...)`. */
export interface AgnesOptions {
  /** API key, sent as `Authorization: Bearer <key>`. */
  apiKey?: string;
  /** Absolute http(s) URL that request paths are appended to, such as `https://api.example.com`. */
  baseURL: string;
  /** Retries after the first attempt of a call. @default 2 */
  maxRetries?: number;
  /** Time limit of a whole call, retries and their delays included, in milliseconds. @default 60000 */
  timeout?: number;
  /** Largest server hint (`Retry-After`) to wait for, in milliseconds; a longer hint ends the retries. @default 60000 */
  maxRetryAfter?: number;
  /** The `fetch` to send requests with. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Receives a debug message for each retry. @default no logging */
  logger?: Logger;
  /** Token bucket that retries draw from; pass one instance to several clients to share it. @default a new RetryBudget() per client */
  retryBudget?: RetryBudget;
  /** Headers sent with every request. */
  defaultHeaders?: Record<string, string>;
}

/** Options of `agnes.request(...)`. */
export interface RequestOptions {
  /** HTTP method. @default 'GET' */
  method?: string;
  /** Path after the base URL, starting with `/`, such as `/v1/policies/pol_1`; it may carry a query string. */
  path: string;
  /** Value sent as the JSON body. */
  body?: unknown;
  /** Headers of this request; they override the client's default headers. */
  headers?: Record<string, string>;
  /**
   * `Idempotency-Key` of the call, or `true` for a random one. Every attempt of the call
   * sends the same key, and POST, PATCH and DELETE calls are retried only with a key.
   */
  idempotencyKey?: string | true;
  /** Aborts the call, including a retry delay in progress. */
  signal?: AbortSignal;
}

/** Largest delay that `setTimeout` supports, in milliseconds; longer ones would fire at once. */
export const MAX_TIMER_MS = 2_147_483_647;

/** Describes a value for a message: a number as itself, a string as JSON, anything else by its type, without calling its methods. */
export function describeValue(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  return value === null ? 'null' : typeof value;
}

/** Builds the message that most option checks share: `Invalid <name>: expected <expected>, got <value>`. */
export function invalidOption(name: string, expected: string, value: unknown): InvalidOptionError {
  return new InvalidOptionError(`Invalid ${name}: expected ${expected}, got ${describeValue(value)}`);
}

/** Returns `value` when `valid` is true, else throws the `invalidOption` error. */
export function checkOption<T>(name: string, value: T, valid: boolean, expected: string): T {
  if (!valid) throw invalidOption(name, expected, value);
  return value;
}

/** Checks that a value is an integer or a number of milliseconds within `0..MAX_TIMER_MS`. */
export function checkNumber(name: string, value: number, integer: boolean): number {
  const valid = typeof value === 'number' && value >= 0 && value <= MAX_TIMER_MS && (integer ? Number.isInteger(value) : Number.isFinite(value));
  return checkOption(name, value, valid, `${integer ? 'an integer' : 'a number of milliseconds'} from 0 to ${MAX_TIMER_MS}`);
}

/** The user name and password before the host of a URL, after the scheme. */
const USER_INFO = /^([a-z][a-z\d+.-]*:\/\/)[^/?#]*@/i;

/**
 * Returns the base URL without trailing slashes, after checking that it is an absolute
 * http(s) URL without credentials, query string or fragment. Messages leave the user
 * name, password, query string and fragment out, since they may be secrets.
 */
export function checkBaseURL(value: unknown): string {
  let url: URL | undefined;
  try {
    url = new URL(String(value));
  } catch {
    // Not a URL, so `url` stays undefined.
  }
  // The query string and fragment are left out, because they may carry tokens.
  const redacted = typeof value === 'string' ? value.replace(USER_INFO, '$1').replace(/[?#].*/s, '') : value;
  if (typeof value !== 'string' || !url || !/^https?:$/.test(url.protocol)) {
    throw invalidOption('baseURL', 'an absolute http(s) URL such as https://api.example.com', redacted);
  }
  const invalid = (problem: string) => new InvalidOptionError(`Invalid baseURL: ${JSON.stringify(redacted)} has ${problem}`);
  if (/[?#]/.test(value)) throw invalid('a query string or fragment; move it to the request path');
  if (url.username || url.password) throw invalid('credentials before the host; pass the API key as apiKey');
  return value.replace(/\/+$/, '');
}

/** Returns the API key after checking that it can be sent in a header; the message never shows the key. */
export function checkApiKey(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidOption('apiKey', 'a string', value);
  const index = value.search(/[\r\n\0\u0100-\uffff]/);
  if (index !== -1) {
    throw new InvalidOptionError(`Invalid apiKey: the character at index ${index} is a line break, NUL or not Latin-1; remove it`);
  }
  return value;
}

/** Returns the fetch function to use, after checking that it is a function. */
export function checkFetch(value: unknown): typeof fetch {
  if (value === undefined) throw new InvalidOptionError('Missing fetch: this runtime has no global fetch; pass the fetch option');
  return checkOption('fetch', value, typeof value === 'function', 'a function') as typeof fetch;
}

/** Checks that a set of options is an object. The message shows `example` as a valid one. */
export function checkObject(name: string, value: unknown, example: string): void {
  checkOption(name, value, typeof value === 'object' && value !== null, `an object such as ${example}`);
}
