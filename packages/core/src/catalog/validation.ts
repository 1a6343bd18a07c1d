/** The 422 family: request bodies that parse but have invalid fields. */
import { defineError } from '../define.ts';
import type { FieldError } from '../envelope-types.ts';

/** Params of `validation_failed`. */
export interface ValidationFailedParams {
  /**
   * Invalid fields of the request body, one item per field.
   * @minItems 1
   */
  errors: FieldError[];
}

export const validationErrors = {
  validation_failed: defineError<ValidationFailedParams>()({
    status: 422,
    title: 'Validation failed',
    summary: 'one or more fields of the request body are invalid',
    retry: {
      retryable: false,
      advice: 'fix the fields listed in errors',
      reason: 'the same fields fail validation on every try',
    },
    when:
      'The body is valid JSON, but some of its fields break the rules of the endpoint. ' +
      'The `errors` array has one item per invalid field: a JSON Pointer to the field in `pointer`, ' +
      'a machine-readable `code` and a `detail`. Common causes:',
    causes: [
      'A required field is missing, such as `name` when creating a policy.',
      'A value has the wrong type or format, such as a number sent as a string.',
      'A value is out of range, such as a policy name longer than the maximum length.',
      'The body has a field that the endpoint does not accept, often sent by an outdated client.',
    ],
    fix: [
      'Go through `errors`. Each `pointer` is a JSON Pointer (RFC 6901) into your body, such as `/rules/0/action`.',
      'Fix each field as its `code` and `detail` describe, then send the request again.',
      'Check the request schema of the endpoint in the API reference.',
    ],
    detail: 'The request body has invalid fields. See errors for each one.',
    params: { errors: 'public' },
    example: {
      errors: [
        { pointer: '/name', code: 'required', detail: 'name is required.' },
        { pointer: '/rules/0/action', code: 'invalid_enum', detail: 'action must be one of allow, deny.' },
      ],
    },
    sdk: { typescript: 'ValidationFailedError', python: 'ValidationFailedError' },
    related: [
      { code: 'malformed_json', note: 'the body is not valid JSON at all.' },
      { code: 'bad_request', note: 'the path or query string could not be parsed.' },
      { href: '/api/errors', title: 'Errors' },
    ],
    since: '0.1.0',
  }),
};
