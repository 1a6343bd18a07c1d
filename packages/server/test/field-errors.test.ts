import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { escapePointerToken, fieldErrorsFromAjv, fieldErrorsFromIssues } from '../src/index.ts';

const validate = new Ajv({ allErrors: true }).compile({
  type: 'object',
  required: ['name', 'a/b'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 2, maxLength: 4 },
    'a/b': { type: 'integer' },
    rules: { type: 'array', items: { type: 'object', properties: { action: { enum: ['allow', 'deny'] } } } },
  },
});

function errorsOf(body: unknown) {
  validate(body);
  return fieldErrorsFromAjv(validate.errors);
}

describe('fieldErrorsFromAjv', () => {
  it.each([
    { name: 'missing field', body: { 'a/b': 1 }, want: [{ pointer: '/name', code: 'required', detail: 'name is required.' }] },
    { name: 'escaped token', body: { name: 'ab' }, want: [{ pointer: '/a~1b', code: 'required', detail: 'a/b is required.' }] },
    { name: 'too long', body: { name: 'abcdef', 'a/b': 1 }, want: [{ pointer: '/name', code: 'too_long', detail: 'name must NOT have more than 4 characters.' }] },
    { name: 'unknown field', body: { name: 'ab', 'a/b': 1, extra: 1 }, want: [{ pointer: '/extra', code: 'unknown_field', detail: 'extra must NOT have additional properties.' }] },
    { name: 'nested enum', body: { name: 'ab', 'a/b': 1, rules: [{ action: 'maybe' }] }, want: [{ pointer: '/rules/0/action', code: 'invalid_enum', detail: 'action must be equal to one of the allowed values.' }] },
  ])('$name', ({ body, want }) => {
    expect(errorsOf(body)).toEqual(want);
  });

  it('keeps one item per field', () => {
    const errors = errorsOf({ name: 5, 'a/b': 'x' });

    expect(errors.map((error) => error.pointer)).toEqual(['/name', '/a~1b']);
  });

  it('never returns an empty list', () => {
    expect(fieldErrorsFromAjv([])).toEqual([{ pointer: '', code: 'invalid_value', detail: 'body is invalid.' }]);
    expect(fieldErrorsFromAjv(null)).toHaveLength(1);
  });
});

describe('fieldErrorsFromIssues', () => {
  it('turns Standard Schema paths into pointers', () => {
    const errors = fieldErrorsFromIssues([
      { message: 'Required', path: ['rules', 0, { key: 'action' }] },
      { message: 'Too long', path: ['a~b'] },
      { message: 'Second issue of the same field', path: ['a~b'] },
      { message: 'Invalid body' },
    ]);

    expect(errors).toEqual([
      { pointer: '/rules/0/action', code: 'invalid_value', detail: 'Required' },
      { pointer: '/a~0b', code: 'invalid_value', detail: 'Too long' },
      { pointer: '', code: 'invalid_value', detail: 'Invalid body' },
    ]);
  });

  it('escapes pointer tokens', () => {
    expect(escapePointerToken('a~/b')).toBe('a~0~1b');
  });
});
