/**
 * Converts validator output into the `errors` items of a validation failure: one item per field,
 * each with a JSON Pointer (RFC 6901) into the request body, a snake_case code and a detail. Both
 * conversions apply the limits of `limitFieldErrors` to what they return.
 */
import type { FieldError } from '@agnes/errors';
import { echoableKey, limitFieldErrors } from './field-error-limits.ts';
import { escapePointerToken, unescapePointerToken } from './json-pointer.ts';

/** The members of an Ajv error that the conversion reads. */
export interface AjvErrorLike {
  instancePath: string;
  keyword: string;
  params: Readonly<Record<string, unknown>>;
  message?: string;
}

/** A Standard Schema issue (zod, valibot, arktype and others). */
export interface StandardIssueLike {
  message: string;
  path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }>;
}

/** Field error codes of Ajv keywords; other keywords become `invalid_value`. */
const FIELD_CODE_BY_AJV_KEYWORD: Readonly<Record<string, string>> = {
  required: 'required',
  dependentRequired: 'required',
  additionalProperties: 'unknown_field',
  unevaluatedProperties: 'unknown_field',
  type: 'invalid_type',
  enum: 'invalid_enum',
  const: 'invalid_enum',
  minLength: 'too_short',
  maxLength: 'too_long',
  minimum: 'too_small',
  exclusiveMinimum: 'too_small',
  maximum: 'too_large',
  exclusiveMaximum: 'too_large',
  minItems: 'too_few_items',
  maxItems: 'too_many_items',
  uniqueItems: 'duplicate_items',
  pattern: 'invalid_format',
  format: 'invalid_format',
};

/**
 * Converts Ajv errors into field errors, keeping the first error of each field. A missing or unknown
 * property points at the property itself, not at its parent. Ajv messages name the rule, never the
 * value, so they are safe to send.
 */
export function fieldErrorsFromAjv(errors: readonly AjvErrorLike[] | null | undefined): FieldError[] {
  const byPointer = new Map<string, FieldError>();
  for (const error of errors ?? []) {
    const property = error.params.missingProperty ?? error.params.additionalProperty ?? error.params.unevaluatedProperty;
    const pointer = typeof property === 'string' ? `${error.instancePath}/${escapePointerToken(property)}` : error.instancePath;
    if (byPointer.has(pointer)) continue;
    const code = FIELD_CODE_BY_AJV_KEYWORD[error.keyword] ?? 'invalid_value';
    const name = echoableKey(fieldNameOf(pointer));
    const detail = code === 'required' ? `${name} is required.` : `${name} ${error.message ?? 'is invalid'}.`;
    byPointer.set(pointer, { pointer, code, detail });
  }
  return limitFieldErrors(withAtLeastOne([...byPointer.values()]));
}

/** Converts Standard Schema issues into field errors with the code `invalid_value`, one per field. */
export function fieldErrorsFromIssues(issues: readonly StandardIssueLike[]): FieldError[] {
  const byPointer = new Map<string, FieldError>();
  for (const issue of issues) {
    const tokens = (issue.path ?? []).map((segment) =>
      escapePointerToken(String(typeof segment === 'object' && segment !== null ? segment.key : segment)),
    );
    const pointer = tokens.map((token) => `/${token}`).join('');
    if (!byPointer.has(pointer)) byPointer.set(pointer, { pointer, code: 'invalid_value', detail: issue.message || 'is invalid' });
  }
  return limitFieldErrors(withAtLeastOne([...byPointer.values()]));
}

/** Returns the last token of a pointer, unescaped, or `body` for the whole document. */
function fieldNameOf(pointer: string): string {
  if (pointer === '') return 'body';
  return unescapePointerToken(pointer.slice(pointer.lastIndexOf('/') + 1)) || 'body';
}

/** A validation failure lists at least one field: an empty list becomes one item about the whole body. */
function withAtLeastOne(errors: FieldError[]): FieldError[] {
  return errors.length > 0 ? errors : [{ pointer: '', code: 'invalid_value', detail: 'body is invalid.' }];
}
