/** Settings of the example service, read from environment variables. */
import { isIP } from 'node:net';
import { DEFAULT_DOCS_BASE_URL, docUrlOf } from '@agnes/errors';

/** Settings of the example service. */
export interface ApiConfig {
  /** Address to listen on. Only loopback addresses are used in tests and docs. */
  host: string;
  /** Port to listen on; 0 lets the system choose. */
  port: number;
  /** SQLite file, or `:memory:` for a database that lives as long as the process. */
  databasePath: string;
  /** Requests that one API key may send per minute. */
  rateLimitMax: number;
  /** Failed authentications that one client address may have per minute. */
  authFailureLimitMax: number;
  /** Whether `GET /v1/_fault` exists, to show how unknown errors are masked. */
  demoFaults: boolean;
  /** pino level, such as `info` or `silent`. */
  logLevel: string;
  /** Base URL of the error docs. */
  docsBaseUrl: string | undefined;
  /**
   * Time that a stop waits for the requests in progress, in milliseconds. When it passes, the
   * service ends the remaining connections and exits with code 1.
   */
  stopTimeoutMs: number;
}

/** Raised for an environment variable with an invalid value; the message names the value and the fix. */
export class ConfigError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
/**
 * A host name: dot-separated labels of 1 to 63 letters, digits, hyphens or underscores that neither
 * start nor end with a hyphen, with an optional trailing dot. Underscores are outside RFC 1123, but
 * names in /etc/hosts may contain them.
 */
const HOST_NAME = /^(?!-)[A-Za-z0-9_-]{1,63}(?<!-)(?:\.(?!-)[A-Za-z0-9_-]{1,63}(?<!-))*\.?$/;
/** Maximum length of a host name, in characters: the text form of the 255 octets that RFC 1035 allows. */
const MAX_HOST_NAME_LENGTH = 253;

/**
 * Default of STOP_TIMEOUT_MS. A request of this service takes milliseconds, apart from one held by
 * `Demo-Delay-Ms` (at most 10 s) or by a client that sends its body slowly. 10 s is also well below
 * the default time after which common supervisors send SIGKILL: 30 s in Kubernetes
 * (`terminationGracePeriodSeconds`) and 90 s in systemd (`DefaultTimeoutStopSec`).
 */
const DEFAULT_STOP_TIMEOUT_MS = 10_000;
/**
 * Minimum of STOP_TIMEOUT_MS. A stop without requests in progress took about 1 ms from the
 * `Stopping` to the `Stopped` log line on a 2-core machine, so 100 ms leaves room for a loaded one.
 */
const MIN_STOP_TIMEOUT_MS = 100;
/**
 * Maximum of STOP_TIMEOUT_MS, 10 minutes. It is far above those supervisors' defaults, which would
 * end a longer stop with SIGKILL anyway, and it rejects a value mistyped with extra digits.
 */
const MAX_STOP_TIMEOUT_MS = 600_000;

/** Decimal digits only. `Number()` also reads `0x10`, `1e3`, `+80` and ` 80` as integers. */
const DECIMAL_INTEGER = /^[0-9]+$/;

function integerOf(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = DECIMAL_INTEGER.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`Invalid ${name} "${raw}": expected an integer from ${min} to ${max} in decimal digits; unset it to use ${fallback}`);
  }
  return value;
}

/**
 * Reads the settings from environment variables: `HOST` (default 127.0.0.1), `PORT` (3000),
 * `DATABASE_PATH` (in memory), `RATE_LIMIT_MAX` (100 per minute), `AUTH_FAILURE_LIMIT_MAX` (20 per
 * minute), `AGNES_DEMO_FAULTS` (`1` to enable), `LOG_LEVEL` (info), `DOCS_BASE_URL` and
 * `STOP_TIMEOUT_MS` (10,000 ms).
 *
 * @throws {ConfigError} naming the variable, its value and the accepted values.
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`Invalid LOG_LEVEL "${logLevel}": expected one of ${LOG_LEVELS.join(', ')}`);
  }
  const faults = env.AGNES_DEMO_FAULTS ?? '';
  if (!['', '0', '1'].includes(faults)) {
    throw new ConfigError(`Invalid AGNES_DEMO_FAULTS "${faults}": expected 1 to enable the fault route, or 0 or unset to disable it`);
  }
  const docsBaseUrl = env.DOCS_BASE_URL || undefined;
  if (docsBaseUrl !== undefined) checkDocsBaseUrl(docsBaseUrl);
  const host = env.HOST || '127.0.0.1';
  checkHost(host);
  return {
    host,
    port: integerOf(env, 'PORT', 3000, 0, 65535),
    databasePath: env.DATABASE_PATH || ':memory:',
    rateLimitMax: integerOf(env, 'RATE_LIMIT_MAX', 100, 1, 1_000_000),
    authFailureLimitMax: integerOf(env, 'AUTH_FAILURE_LIMIT_MAX', 20, 1, 1_000_000),
    demoFaults: faults === '1',
    logLevel,
    docsBaseUrl,
    stopTimeoutMs: integerOf(env, 'STOP_TIMEOUT_MS', DEFAULT_STOP_TIMEOUT_MS, MIN_STOP_TIMEOUT_MS, MAX_STOP_TIMEOUT_MS),
  };
}

/**
 * Checks that HOST is an IP address or a host name. A value that is neither, such as one with a
 * space, is rejected here, before `listen` would pass it to the system resolver.
 */
function checkHost(value: string): void {
  if (isIP(value) !== 0) return;
  if (value.length <= MAX_HOST_NAME_LENGTH && HOST_NAME.test(value)) return;
  throw new ConfigError(
    `Invalid HOST "${value}": expected an IP address such as 127.0.0.1 or ::1 (without brackets), or a host name of letters, digits, hyphens and dots`,
  );
}

/** Checks DOCS_BASE_URL with the same rules as the renderer, so that a bad value stops the start with its name. */
function checkDocsBaseUrl(value: string): void {
  try {
    docUrlOf('internal_error', value);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    // The renderer's message already names the value and the rule; this adds the variable and the fix.
    throw new ConfigError(`DOCS_BASE_URL: ${reason}; unset it to use ${DEFAULT_DOCS_BASE_URL}`);
  }
}
