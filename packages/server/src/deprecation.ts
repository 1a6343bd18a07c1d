/**
 * Notices for deprecated codes that a server still sends. The renderer calls the listener the
 * first time it sends each deprecated code, so a server can log which codes to stop throwing
 * without one log line per request.
 */
import type { ErrorEntry, Registry } from '@agnes/errors';
import type { ErrorLogger } from './log.ts';

/** Report of the first response that carried a deprecated code. */
export interface DeprecatedCodeNotice {
  code: string;
  /** Contract version that deprecated the code. */
  since: string;
  /** Code to throw instead, when the registry names one. */
  replacement?: string;
  /** Id of the request that sent the code first. */
  request_id: string;
  /** One line for a log, such as `Sent deprecated code session_expired (deprecated since 0.1.0); throw token_expired instead`. */
  message: string;
}

/** Receives deprecation notices; pass `(notice) => logger.warn(notice, notice.message)` to log them with pino. */
export type DeprecatedCodeListener = (notice: DeprecatedCodeNotice) => void;

/** Returns a function that notifies `listener` once per deprecated code of `registry`, or nothing without a listener. */
export function createDeprecationReporter(
  registry: Registry<any>,
  listener: DeprecatedCodeListener | undefined,
): (code: string, requestId: string, logger: ErrorLogger | undefined) => void {
  const entries = registry.entries as Readonly<Record<string, ErrorEntry<any>>>;
  const reported = new Set<string>();

  return (code, requestId, logger) => {
    const deprecation = Object.hasOwn(entries, code) ? entries[code]!.deprecated : undefined;
    if (!listener || !deprecation || reported.has(code)) return;
    reported.add(code);

    const instead = deprecation.replacement === undefined ? '' : `; throw ${deprecation.replacement} instead`;
    const notice: DeprecatedCodeNotice = {
      code,
      since: deprecation.since,
      ...(deprecation.replacement === undefined ? {} : { replacement: deprecation.replacement }),
      request_id: requestId,
      message: `Sent deprecated code ${code} (deprecated since ${deprecation.since})${instead}`,
    };
    try {
      listener(notice);
    } catch (listenerError) {
      // The response is already rendered, so a failing listener must not change it. Log the failure instead.
      try {
        logger?.error({ request_id: requestId, code, err: listenerError }, 'The onDeprecatedCode listener failed');
      } catch {
        // NOTE: a logger that throws as well cannot be reported to; the response still goes out.
      }
    }
  };
}
