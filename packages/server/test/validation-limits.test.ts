/**
 * A body with thousands of unknown members, one of them 20 KB long, sent to a route whose schema
 * forbids other members. The 422 response and its log line stay bounded on every adapter.
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_ECHOED_KEY_LENGTH,
  MAX_FIELD_DETAIL_LENGTH,
  MAX_FIELD_ERRORS,
  MAX_POINTER_LENGTH,
  TOO_MANY_ERRORS_CODE,
  createAgnesRenderer,
} from '../src/index.ts';
import { APP_KINDS, startApp } from './apps/index.ts';
import { send } from './support/http.ts';
import { captureLogs, LEVEL } from './support/logs.ts';
import { envelopeSchemaErrors } from './support/schema.ts';

const UNKNOWN_MEMBERS = 3000;
const LONG_KEY = 'k'.repeat(20_000);
const CUT_KEY = `${'k'.repeat(MAX_ECHOED_KEY_LENGTH)}…`;

/** The long key first, then short unknown keys, an invalid `count`, and no `name`. */
const BODY = JSON.stringify({
  [LONG_KEY]: 1,
  ...Object.fromEntries(Array.from({ length: UNKNOWN_MEMBERS - 1 }, (_, index) => [`extra_${index}`, index])),
  count: 'three',
});

/** Upper bound of the response for ASCII member names: every item at its limits, plus the envelope. */
const MAX_RESPONSE_LENGTH = MAX_FIELD_ERRORS * (MAX_POINTER_LENGTH + MAX_FIELD_DETAIL_LENGTH + 100) + 1000;

interface FieldErrorItem {
  pointer: string;
  code: string;
  detail: string;
}

describe.each(APP_KINDS)('%s', (kind) => {
  it('bounds 422 for 3000 unknown members', async () => {
    const logs = captureLogs();
    const app = await startApp(kind, { renderer: createAgnesRenderer(), logger: logs.logger, valueFor: () => undefined });
    try {
      const response = await send(app.url, 'POST', '/strict-items', { headers: { 'content-type': 'application/json' }, body: BODY });
      const errors = response.body.errors as FieldErrorItem[];

      expect(response.status).toBe(422);
      expect(response.body.code).toBe('validation_failed');
      expect(envelopeSchemaErrors(response.body)).toEqual([]);
      expect(response.text.length).toBeLessThanOrEqual(MAX_RESPONSE_LENGTH);
      expect(response.text).not.toContain('k'.repeat(MAX_ECHOED_KEY_LENGTH + 1));

      expect(errors).toHaveLength(MAX_FIELD_ERRORS);
      expect(errors.slice(0, 2)).toEqual([
        { pointer: '/name', code: 'required', detail: 'name is required.' },
        { pointer: '/count', code: 'invalid_type', detail: 'count must be integer.' },
      ]);
      expect(errors[2]).toEqual({ pointer: `/${CUT_KEY}`, code: 'unknown_field', detail: `${CUT_KEY} must NOT have additional properties.` });
      expect(errors.at(-1)?.code).toBe(TOO_MANY_ERRORS_CODE);
      expect(errors.at(-1)?.pointer).toBe('');
      // The 3,002 invalid fields are the 3,000 unknown members, `name` and `count`, and 49 of them are listed.
      expect(errors.at(-1)?.detail).toMatch(/^body has 2953 more invalid fields that are not listed\./);

      const logLines = logs.text().split('\n').filter((line) => line.includes('"validation_failed"'));
      expect(logLines).toHaveLength(1);
      expect(logLines[0]!.length).toBeLessThanOrEqual(MAX_RESPONSE_LENGTH);
      expect(logLines[0]).not.toContain('k'.repeat(MAX_ECHOED_KEY_LENGTH + 1));
      expect(logs.lines().find((line) => line.code === 'validation_failed')?.level).toBe(LEVEL.info);
    } finally {
      await app.close();
    }
  });
});
