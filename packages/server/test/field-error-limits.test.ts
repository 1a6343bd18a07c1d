import type { FieldError } from '@agnes/errors';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import {
  MAX_ECHOED_KEY_LENGTH,
  MAX_FIELD_DETAIL_LENGTH,
  MAX_FIELD_ERRORS,
  MAX_POINTER_LENGTH,
  TOO_MANY_ERRORS_CODE,
  AgnesError,
  createAgnesRenderer,
  fieldErrorsFromAjv,
  fieldErrorsFromIssues,
  limitFieldErrors,
} from '../src/index.ts';
import { captureLogs } from './support/logs.ts';
import { envelopeSchemaErrors } from './support/schema.ts';

/** Returns the schema violations of a validation_failed envelope with these items. */
function schemaErrorsOf(errors: FieldError[]): string[] {
  return envelopeSchemaErrors({
    detail: 'The request body has invalid fields. See errors for each one.',
    code: 'validation_failed',
    request_id: 'limits-test',
    doc_url: 'https://docs.lasscyber.com/errors/validation_failed',
    errors,
  });
}

function item(pointer: string, code = 'invalid_value', detail = 'is invalid'): FieldError {
  return { pointer, code, detail };
}

const LONG_KEY = 'k'.repeat(20_000);
const CUT_KEY = `${'k'.repeat(MAX_ECHOED_KEY_LENGTH)}…`;

describe('limitFieldErrors: pointers and details', () => {
  const cases: { name: string; input: FieldError; want: FieldError }[] = [
    { name: 'short item unchanged', input: item('/rules/0/action'), want: item('/rules/0/action') },
    { name: 'long key cut', input: item(`/${LONG_KEY}`), want: item(`/${CUT_KEY}`) },
    {
      name: 'key at the limit kept',
      input: item(`/${'k'.repeat(MAX_ECHOED_KEY_LENGTH)}/x`),
      want: item(`/${'k'.repeat(MAX_ECHOED_KEY_LENGTH)}/x`),
    },
    { name: 'escapes not split', input: item(`/${'~0'.repeat(100)}`), want: item(`/${'~0'.repeat(MAX_ECHOED_KEY_LENGTH)}…`) },
    {
      name: 'surrogate pair not split',
      input: item(`/${'a'.repeat(MAX_ECHOED_KEY_LENGTH - 1)}😀tail`),
      want: item(`/${'a'.repeat(MAX_ECHOED_KEY_LENGTH - 1)}…`),
    },
    { name: 'each token cut', input: item(`/${LONG_KEY}/0/${LONG_KEY}`), want: item(`/${CUT_KEY}/0/${CUT_KEY}`) },
    {
      name: 'long detail cut',
      input: item('/name', 'invalid_value', 'd'.repeat(1000)),
      want: item('/name', 'invalid_value', `${'d'.repeat(MAX_FIELD_DETAIL_LENGTH)}…`),
    },
  ];

  it.each(cases)('$name', ({ input, want }) => {
    const [limited] = limitFieldErrors([input]);

    expect(limited).toEqual(want);
    expect(schemaErrorsOf([limited!])).toEqual([]);
  });

  it('leaves a non-pointer unchanged', () => {
    expect(limitFieldErrors([item(`x${LONG_KEY}`)])).toEqual([item(`x${LONG_KEY}`)]);
  });

  it('deep pointer ends in a cut token', () => {
    const pointer = '/abcdefghij'.repeat(100);

    const [limited] = limitFieldErrors([item(pointer)]);

    expect(limited!.pointer.length).toBeLessThanOrEqual(MAX_POINTER_LENGTH);
    expect(limited!.pointer.endsWith('/abcdefghij/…')).toBe(true);
    expect(pointer.startsWith(limited!.pointer.slice(0, -2))).toBe(true);
    expect(schemaErrorsOf([limited!])).toEqual([]);
  });
});

describe('limitFieldErrors: item count', () => {
  it('keeps a full list whole', () => {
    const errors = Array.from({ length: MAX_FIELD_ERRORS }, (_, index) => item(`/f${index}`));

    expect(limitFieldErrors(errors)).toEqual(errors);
  });

  it('summarizes a list one item too long', () => {
    const errors = Array.from({ length: MAX_FIELD_ERRORS + 1 }, (_, index) => item(`/f${index}`));

    const limited = limitFieldErrors(errors);

    expect(limited).toHaveLength(MAX_FIELD_ERRORS);
    expect(limited.slice(0, -1)).toEqual(errors.slice(0, MAX_FIELD_ERRORS - 1));
    expect(limited.at(-1)).toEqual({
      pointer: '',
      code: TOO_MANY_ERRORS_CODE,
      detail: 'body has 2 more invalid fields that are not listed. Fix the listed fields and send the request again to see the rest.',
    });
    expect(schemaErrorsOf(limited)).toEqual([]);
  });

  it('lists unknown fields last', () => {
    const unknown = Array.from({ length: 100 }, (_, index) => item(`/extra${index}`, 'unknown_field'));
    const errors = [...unknown, item('/name', 'required'), item('/count', 'invalid_type')];

    const limited = limitFieldErrors(errors);

    expect(limited.slice(0, 2).map((error) => error.pointer)).toEqual(['/name', '/count']);
    expect(limited.slice(2, -1)).toEqual(unknown.slice(0, MAX_FIELD_ERRORS - 3));
  });

  it('gives the same list when applied twice', () => {
    const errors = [
      ...Array.from({ length: 80 }, (_, index) => item(`/${LONG_KEY}${index}`, 'unknown_field', 'd'.repeat(400))),
      item(`/a${'/abcdefghij'.repeat(100)}`),
      item(`/${'a'.repeat(MAX_ECHOED_KEY_LENGTH - 1)}😀tail`),
    ];
    const once = limitFieldErrors(errors);

    expect(limitFieldErrors(once)).toEqual(once);
  });
});

describe('converters apply the limits', () => {
  it('fieldErrorsFromAjv cuts an unknown key', () => {
    const validate = new Ajv({ allErrors: true }).compile({ type: 'object', additionalProperties: false, properties: {} });
    validate({ [LONG_KEY]: 1 });

    expect(fieldErrorsFromAjv(validate.errors)).toEqual([
      { pointer: `/${CUT_KEY}`, code: 'unknown_field', detail: `${CUT_KEY} must NOT have additional properties.` },
    ]);
  });

  it('fieldErrorsFromAjv keeps at most the max', () => {
    const validate = new Ajv({ allErrors: true }).compile({ type: 'object', additionalProperties: false, properties: {} });
    validate(Object.fromEntries(Array.from({ length: 3000 }, (_, index) => [`extra_${index}`, index])));

    const errors = fieldErrorsFromAjv(validate.errors);

    expect(errors).toHaveLength(MAX_FIELD_ERRORS);
    expect(errors.at(-1)?.detail).toMatch(/^body has 2951 more invalid fields/);
  });

  it('fieldErrorsFromIssues cuts path and message', () => {
    const message = `Unrecognized keys: ${Array.from({ length: 500 }, (_, index) => `"extra_${index}"`).join(', ')}`;

    const errors = fieldErrorsFromIssues([{ message, path: ['rules', 0, LONG_KEY] }]);

    expect(errors).toEqual([
      { pointer: `/rules/0/${CUT_KEY}`, code: 'invalid_value', detail: `${message.slice(0, MAX_FIELD_DETAIL_LENGTH)}…` },
    ]);
  });
});

describe('renderer with a hand-built errors list', () => {
  const renderer = createAgnesRenderer();
  const context = { requestId: 'hand-built', method: 'POST', path: '/v1/policies' };
  const item = (index: number): FieldError => ({ pointer: `/rules/${index}`, code: 'required', detail: 'is required' });
  const errorsOf = (body: object) => (body as { errors?: FieldError[] }).errors ?? [];

  it('cuts a long list like the adapters', () => {
    const errors = Array.from({ length: 120 }, (_, index) => item(index));
    const logs = captureLogs();

    const rendered = renderer.render(new AgnesError('validation_failed', { errors }), { ...context, logger: logs.logger });
    const sent = errorsOf(rendered.body);

    expect(rendered.status).toBe(422);
    expect(sent).toHaveLength(MAX_FIELD_ERRORS);
    expect(sent.at(-1)).toMatchObject({ pointer: '', code: TOO_MANY_ERRORS_CODE });
    expect(sent.at(-1)?.detail).toContain('71 more invalid fields');
    expect(envelopeSchemaErrors(rendered.body)).toEqual([]);
    expect((logs.lines()[0]?.params as { errors: unknown[] }).errors).toHaveLength(MAX_FIELD_ERRORS);
  });

  it('cuts a long pointer', () => {
    const errors = [{ pointer: `/${'k'.repeat(20_000)}`, code: 'unknown_field', detail: 'is not allowed' }];

    const sent = errorsOf(renderer.render(new AgnesError('validation_failed', { errors }), context).body);

    expect(sent[0]?.pointer).toBe(`/${'k'.repeat(MAX_ECHOED_KEY_LENGTH)}…`);
  });

  it('keeps a list within the limits as thrown', () => {
    const errors = [item(1), item(2)];

    const sent = errorsOf(renderer.render(new AgnesError('validation_failed', { errors }), context).body);

    expect(sent).toEqual(errors);
  });
});
