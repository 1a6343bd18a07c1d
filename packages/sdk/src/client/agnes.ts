/** The fetch-based Agnes client: one `request` method with timeouts and safe retries. */
import { AgnesError } from '../errors/agnes-error.ts';
import { APIError } from '../errors/api-error.ts';
import { errorFromResponse } from '../parse/error-from-response.ts';
import { RetryBudget } from '../retry/budget.ts';
import { decideRetry, stopRetry } from '../retry/decide.ts';
import { startCallSignal, sleep } from './call-signal.ts';
import { checkApiKey, checkBaseURL, checkFetch, checkNumber, checkObject, type AgnesOptions, type Logger, type RequestOptions } from './options.ts';
import { prepareRequest, type RequestDefaults } from './prepare-request.ts';
import { readSuccess } from './read-success.ts';
import { transportError } from './transport-error.ts';

/**
 * Client of an Agnes API. Each call rejects only with the SDK's classes: an `APIError`
 * subclass for an error response, `APIConnectionError`, `APITimeoutError` or
 * `APIUserAbortError` when no response arrived, `UnexpectedResponseError` for a 2xx
 * that is not JSON, and `InvalidOptionError` for a request that `fetch` would reject.
 * Transient failures are retried as `decideRetry` rules.
 *
 * @example
 * const agnes = new Agnes({ apiKey: 'agnes_demo_read', baseURL: 'https://api.example.com' });
 * const policy = await agnes.request({ path: '/v1/policies/pol_1' });
 */
export class Agnes {
  // Fields set in the constructor are `declare`d, so that the bundle defines no class fields for them.
  declare readonly baseURL: string;
  declare readonly maxRetries: number;
  declare readonly timeout: number;
  declare readonly maxRetryAfter: number;
  declare readonly retryBudget: RetryBudget;
  declare private readonly fetch: typeof fetch;
  declare private readonly logger: Logger | undefined;
  /** The base URL, API key and default headers that every request carries. */
  declare private readonly defaults: RequestDefaults;

  /** @throws {InvalidOptionError} when an option is invalid; the message names it and what is expected. */
  constructor(options: AgnesOptions) {
    checkObject('options', options, "{ baseURL: 'https://api.example.com' }");
    this.baseURL = checkBaseURL(options.baseURL);
    this.maxRetries = checkNumber('maxRetries', options.maxRetries ?? 2, true);
    this.timeout = checkNumber('timeout', options.timeout ?? 60_000, false);
    this.maxRetryAfter = checkNumber('maxRetryAfter', options.maxRetryAfter ?? 60_000, false);
    this.fetch = checkFetch(options.fetch ?? globalThis.fetch);
    // NOTE: the methods of logger, retryBudget and a request's signal are not checked, to keep the
    // client within its size budget. A retryBudget or signal without them rejects the call with a TypeError.
    this.logger = options.logger;
    this.retryBudget = options.retryBudget ?? new RetryBudget();
    this.defaults = { baseURL: this.baseURL, apiKey: checkApiKey(options.apiKey), defaultHeaders: options.defaultHeaders ?? {} };
  }

  /**
   * Sends a request and resolves with the parsed JSON of its 2xx response (`undefined`
   * for an empty body). Rejects with an `AgnesError` subclass, after retries where the
   * rules allow them. The whole call, retries included, ends within `timeout`.
   */
  async request<T = unknown>(options: RequestOptions): Promise<T> {
    const { method, url, headers, body, idempotencyKey } = prepareRequest(options, this.defaults);
    // Called without a receiver, because browsers reject a `fetch` called as a method of another object.
    const send = this.fetch;
    const call = startCallSignal(this.timeout, options.signal);
    let lastRetryCost: number | undefined;
    try {
      for (let retry = 1; ; retry++) {
        let error: AgnesError;
        try {
          const response = await send(url, { method, headers, body, signal: call.signal });
          if (response.ok) {
            const data = await readSuccess(response);
            this.retryBudget.recordSuccess(lastRetryCost);
            return data as T;
          }
          error = await errorFromResponse(response);
        } catch (cause) {
          error = cause instanceof AgnesError ? cause : transportError(cause, url);
        }
        // An abort makes fetch or the body read reject, so the abort's reason, the SDK's error, replaces that rejection.
        if (call.signal.aborted) throw call.signal.reason;

        let decision = decideRetry(error, {
          method,
          hasIdempotencyKey: idempotencyKey !== undefined,
          retry,
          maxRetries: this.maxRetries,
          maxRetryAfterMs: this.maxRetryAfter,
          now: Date.now(),
        });
        let delayMs: number | undefined;
        if (decision.retry) {
          delayMs = Math.round(decision.minDelayMs + Math.random() * (decision.maxDelayMs - decision.minDelayMs));
          // A retry that cannot start before the deadline would only end in a timeout, so the real error is thrown.
          // An empty retry budget means most recent calls failed, and retrying would add load to a struggling server.
          if (Date.now() + delayMs >= call.deadline) decision = stopRetry("the delay would pass the call's timeout");
          else if ((lastRetryCost = this.retryBudget.acquire(error)) === undefined) decision = stopRetry('the retry budget is empty');
        }
        // Log fields of the failed attempt. The path leaves out its query string, which may carry a token.
        const fields = {
          attempt: retry,
          method,
          path: options.path.split('?')[0],
          error: error.name,
          ...(error instanceof APIError && { status: error.status, code: error.code, requestId: error.requestId }),
          delayMs,
          reason: decision.reason,
        };
        if (!decision.retry) {
          if (error.retryable) logDebug(this.logger, fields, 'Not retrying request');
          throw error;
        }
        logDebug(this.logger, fields, 'Retrying request');
        // An abort rejects the delay with the abort's reason.
        await sleep(delayMs ?? 0, call.signal);
      }
    } catch (error) {
      // An abort's reason is built in a timer or listener callback, and fetch may rewrite its stack, so every
      // SDK error gets the stack of this call, which includes the caller's frames. Other errors keep theirs.
      if (error instanceof AgnesError) Error.captureStackTrace?.(error);
      throw error;
    } finally {
      call.dispose();
    }
  }
}

/** Sends a debug message to the logger. An error that the logger throws is ignored, so that it cannot replace the call's outcome. */
function logDebug(logger: Logger | undefined, fields: Record<string, unknown>, message: string): void {
  try {
    logger?.debug(fields, message);
  } catch {
    // Logging is best effort.
  }
}
