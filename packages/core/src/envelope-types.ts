/**
 * The shared parts of the error envelope. JSON Schema is generated from these
 * declarations, JSDoc included, so keep every type here non-generic.
 */

/**
 * Members that every error envelope carries.
 */
export interface ErrorEnvelopeBase {
  /**
   * Human-readable explanation of this occurrence of the error.
   * @minLength 1
   */
  detail: string;
  /**
   * Stable, machine-readable error code in snake_case.
   * @pattern ^[a-z][a-z0-9]*(_[a-z0-9]+)*$
   */
  code: string;
  /**
   * Identifier of the request, also sent as the `X-Request-Id` response header.
   * @minLength 1
   * @maxLength 128
   * @pattern ^[A-Za-z0-9._:-]+$
   */
  request_id: string;
  /**
   * Docs page of the code.
   * @format uri
   */
  doc_url: string;
}

/**
 * Members that the RFC 9457 (`application/problem+json`) form adds to the envelope.
 */
export interface ProblemDetailsMembers {
  /**
   * URI of the problem type; the same value as `doc_url`.
   * @format uri
   */
  type?: string;
  /** Short summary of the problem type. */
  title?: string;
  /**
   * HTTP status code of the response.
   * @asType integer
   * @minimum 400
   * @maximum 599
   */
  status?: number;
  /** URI reference of this occurrence, the request path. */
  instance?: string;
}

/**
 * One invalid field of a request, in the `errors` param of validation failures.
 */
export interface FieldError {
  /**
   * JSON Pointer (RFC 6901) to the invalid member of the request body, such as `/name`.
   * @pattern ^(/([^~/]|~[01])*)*$
   */
  pointer: string;
  /**
   * Machine-readable reason, such as `required` or `too_long`.
   * @pattern ^[a-z][a-z0-9]*(_[a-z0-9]+)*$
   */
  code: string;
  /** Human-readable explanation of the field's problem. */
  detail: string;
}
