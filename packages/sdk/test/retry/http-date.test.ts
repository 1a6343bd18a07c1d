import { describe, expect, it } from 'vitest';
import { parseHttpDate } from '../../src/retry/http-date.ts';

const NOW = Date.parse('2026-10-21T07:27:30Z');

const CASES: { value: string; now?: string; expected: string | undefined }[] = [
  { value: 'Wed, 21 Oct 2026 07:28:00 GMT', expected: '2026-10-21T07:28:00Z' },
  { value: 'Sun, 06 Nov 1994 08:49:37 GMT', expected: '1994-11-06T08:49:37Z' },
  { value: 'Sunday, 06-Nov-94 08:49:37 GMT', expected: '1994-11-06T08:49:37Z' },
  { value: 'Wednesday, 21-Oct-26 07:28:00 GMT', expected: '2026-10-21T07:28:00Z' },
  { value: 'Monday, 01-Jan-76 00:00:00 GMT', expected: '2076-01-01T00:00:00Z' },
  { value: 'Friday, 01-Jan-77 00:00:00 GMT', expected: '1977-01-01T00:00:00Z' },
  { value: 'Sun Nov  6 08:49:37 1994', expected: '1994-11-06T08:49:37Z' },
  { value: 'Wed Oct 21 07:28:00 2026', expected: '2026-10-21T07:28:00Z' },
  { value: 'Wed, 31 Dec 2026 23:59:60 GMT', expected: '2027-01-01T00:00:00Z' },
  { value: 'Sat, 31 Feb 2026 07:28:00 GMT', expected: undefined },
  { value: 'Wed, 21 Oct 2026 24:00:00 GMT', expected: undefined },
  { value: 'Wed, 21 Oct 2026 07:60:00 GMT', expected: undefined },
  { value: 'Wed, 21 Foo 2026 07:28:00 GMT', expected: undefined },
  { value: 'Wed, 21 Oct 2026 07:28:00 UTC', expected: undefined },
  { value: '21 Oct 2026 07:28:00 GMT', expected: undefined },
  { value: '2026-10-21T07:28:00Z', expected: undefined },
  { value: '-1', expected: undefined },
  { value: '5', expected: undefined },
  { value: 'soon', expected: undefined },
  { value: '', expected: undefined },
];

describe('parseHttpDate', () => {
  it.each(CASES)('$value', ({ value, expected }) => {
    expect(parseHttpDate(value, NOW)).toBe(expected === undefined ? undefined : Date.parse(expected));
  });
});
