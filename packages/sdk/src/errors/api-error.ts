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
  /** HTTP status of the response. */
  readonly status: number;
  /** The envelope's `code`; `unknown` when the body has none. */
  readonly code: ErrorCode | (string & {});
  /** Whether `code` is one of the registry's codes; `false` for unknown codes and bodies without one. */
  readonly isKnownCode: boolean;
  /** The envelope's `request_id`, else the `X-Request-Id` header. */
  readonly requestId: string | undefined;
  /** The envelope's `doc_url`: the docs page of the code. */
  readonly docUrl: string | undefined;
  /** The envelope's `detail`, or a short description of a body that is not an envelope. */
  readonly detail: string;
  /**
   * Members of a JSON object body other than `detail`, `code`, `request_id`, `doc_url` and
   * the RFC 9457 members: a code's public params, as the server sent them.
   */
  readonly params: Record<string, unknown>;
  /** Headers of the response. */
  readonly headers: Headers;
  /** The parsed JSON body, or the body text as received (up to the read limit). */
  readonly body: unknown;
  override readonly retryable: boolean;

  constructor(init: APIErrorInit) {
    super(`${init.status} ${init.code}: ${init.detail}`);
    this.status = init.status;
    this.code = init.code;
    this.isKnownCode = init.isKnownCode;
    this.requestId = init.requestId;
    this.docUrl = init.docUrl;
    this.detail = init.detail;
    this.params = init.params;
    this.headers = init.headers;
    this.body = init.body;
    this.retryable = init.retryable;
  }
}
