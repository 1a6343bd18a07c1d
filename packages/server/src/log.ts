/**
 * Log lines of error responses. 5xx responses are logged at error level with the error, its stack
 * and its causes; 4xx responses at info level with the code and params but no stack. Request
 * headers are never logged, so neither is the `Authorization` header.
 */
import { types } from 'node:util';
import { loggableError, loggableThrown } from './loggable-error.ts';
import { asContractError, codeOfContractError } from './safe-checks.ts';

/**
 * The logger methods that the renderer calls, in pino's `(object, message)` form. A pino logger,
 * a pino child and Fastify's `request.log` all fit.
 */
export interface ErrorLogger {
  error(object: object, message: string): void;
  info(object: object, message: string): void;
  isLevelEnabled?(level: string): boolean;
}

/** Fields of a failed request that every log line carries. */
export interface ErrorLogFields {
  request_id: string;
  code: string;
  status: number;
  method?: string | undefined;
  path?: string | undefined;
}

/** Logs a contract error that was sent as it is. */
export function logContractError(
  logger: ErrorLogger,
  fields: ErrorLogFields,
  params: object,
  error: Error,
): void {
  if (fields.status >= 500) {
    write(logger, 'error', { ...fields, params, err: error }, `Request failed with ${fields.code} (${fields.status})`);
  } else if (logger.isLevelEnabled?.('info') !== false) {
    write(logger, 'info', { ...fields, params }, `Request failed with ${fields.code} (${fields.status})`);
  }
}

/**
 * Logs a value that was thrown but could not be sent as it is, so it was masked as a 5xx: an Error
 * goes under `err` (message, stack and causes), any other value under `thrown`. `advice`, when
 * given, ends the message with what to change.
 */
export function logMaskedError(logger: ErrorLogger, fields: ErrorLogFields, thrown: unknown, reason: string, advice?: string): void {
  const object = isError(thrown) ? { ...fields, err: thrown } : { ...fields, thrown };
  const message = `${reason}; sent ${fields.code} (${fields.status})`;
  write(logger, 'error', object, advice === undefined ? message : `${message}. ${advice}`);
}

/** Fields of a request whose response had started when a value was thrown. */
export interface UnsentErrorLogFields {
  request_id: string;
  method?: string | undefined;
  path?: string | undefined;
  /** Status of the response that had started. */
  status: number;
}

/** Message of the line about a value thrown while a response was only partly sent. */
export const STARTED_RESPONSE_MESSAGE =
  'Request failed after its response started, so no error response was sent and the connection was closed to cut the response short';

/**
 * Logs a value thrown after the response started, at error level, with the `code` of a contract
 * error: the status line is gone, so no error response can be sent.
 */
export function logUnsentError(
  logger: ErrorLogger,
  fields: UnsentErrorLogFields,
  thrown: unknown,
  message = STARTED_RESPONSE_MESSAGE,
): void {
  const contractError = asContractError(thrown);
  const code = contractError === undefined ? undefined : codeOfContractError(contractError);
  const withCode = code === undefined ? fields : { ...fields, code };
  const object = isError(thrown) ? { ...withCode, err: thrown } : { ...withCode, thrown };
  write(logger, 'error', object, message);
}

/** Logs one line at error level with `fields` only, such as about a response that had to be cut short. */
export function logResponseFault(logger: ErrorLogger, fields: UnsentErrorLogFields, message: string): void {
  write(logger, 'error', { ...fields }, message);
}

/** Maximum length, in characters, of the message and the stack in a fallback line. */
const SUMMARY_MESSAGE_LENGTH = 2_000;
const SUMMARY_STACK_LENGTH = 8_000;

/**
 * Returns the type, message and stack of an error as cut strings, for the line written when the
 * logger's serializer fails on the error itself, such as on a getter that throws. Each member that
 * cannot be read is left out.
 */
function summaryOf(value: unknown): Record<string, string> {
  const summary: Record<string, string> = {};
  if (!isError(value)) return summary;
  const read = (member: 'name' | 'message' | 'stack', field: string, limit: number) => {
    try {
      const text = value[member];
      if (typeof text === 'string') summary[field] = text.slice(0, limit);
    } catch {
      // A getter that throws leaves its member out.
    }
  };
  read('name', 'err_type', 200);
  read('message', 'err_message', SUMMARY_MESSAGE_LENGTH);
  read('stack', 'err_stack', SUMMARY_STACK_LENGTH);
  return summary;
}

/**
 * Returns whether `value` is an `Error`, also one from another realm such as a `node:vm` context,
 * for which `instanceof Error` is false. A proxy whose traps throw is not one.
 */
function isError(value: unknown): value is Error {
  try {
    return value instanceof Error || types.isNativeError(value);
  } catch {
    return false;
  }
}

function write(
  logger: ErrorLogger,
  level: 'error' | 'info',
  object: { request_id: string; code?: string; status: number; method?: string | undefined; path?: string | undefined } & Record<string, unknown>,
  message: string,
): void {
  // A disabled level skips the line and the work of bounding the error.
  if (logger.isLevelEnabled?.(level) === false) return;
  // A logger that reports its level writes this line and reads the stacks, so checking their size
  // costs nothing more.
  if (isError(object.err)) object = { ...object, err: loggableError(object.err, { readsStacks: logger.isLevelEnabled !== undefined }) };
  if ('thrown' in object) object = { ...object, thrown: loggableThrown(object.thrown) };
  try {
    logger[level](object, message);
  } catch (serializerError) {
    // A value whose getters throw, or a proxy, can break the logger's serializer. Log the request's
    // fields without that value so that the request id and code still reach the log.
    const { request_id, code, status, method, path } = object;
    const reason = serializerError instanceof Error ? serializerError.message : String(serializerError);
    const summary = summaryOf(object.err);
    try {
      logger[level]({ request_id, code, status, method, path, ...summary, log_error: reason }, `${message} (the error could not be logged)`);
    } catch {
      // NOTE: a logger that throws on plain fields cannot be reported to; the response still goes out.
    }
  }
}
