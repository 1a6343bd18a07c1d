/** The error of an HTTP response whose status is not a success. */
import type { ErrorCode } from '../generated/errors.ts';
import { AgnesError } from './agnes-error.ts';

/** Fields of an `APIError`, as the parser reads them from a response. */
export interface APIErrorInit {
  status: number;
  code: string;
  isKnownCode: boolean;
  requestId: string | undefined;
  docUrl: string | undefined;
  detail: string;
  params: Record<string, unknown>;
  headers: Headers;
  body: unknown;
  retryable: boolean;
}

/**
 * An HTTP response that is an error. Each status the registry uses has a family
 * subclass (403 is `PermissionError`), and some codes have their own subclass of
 * their family. A status the registry never uses gives a plain `APIError`.
 */
export class APIError extends AgnesError {
  override name = 'APIError';
  // The fields are `declare`d and set by `Object.assign`, so that the bundle defines no class fields for them.
  /** HTTP status of the response. */
  declare readonly status: number;
  /** The envelope's `code`; `unknown` when the body has none. */
  declare readonly code: ErrorCode | (string & {});
  /** Whether `code` is one of the registry's codes; `false` for unknown codes and bodies without one. */
  declare readonly isKnownCode: boolean;
  /** The envelope's `request_id`, else the `X-Request-Id` header. */
  declare readonly requestId: string | undefined;
  /** The envelope's `doc_url`: the docs page of the code. */
  declare readonly docUrl: string | undefined;
  /** The envelope's `detail`, or a short description of a body that is not an envelope. */
  declare readonly detail: string;
  /**
   * Members of a JSON object body other than `detail`, `code`, `request_id`, `doc_url` and
   * the RFC 9457 members: a code's public params, as the server sent them.
   */
  declare readonly params: Record<string, unknown>;
  /** Headers of the response. */
  declare readonly headers: Headers;
  /** The parsed JSON body, or the body text as received (up to the read limit). */
  declare readonly body: unknown;

  /** Copies every member of `init` onto the error. */
  constructor(init: APIErrorInit) {
    super(`${init.status} ${init.code}: ${init.detail}`);
    Object.assign(this, init);
  }
}
