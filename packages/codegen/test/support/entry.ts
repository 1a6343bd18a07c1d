/** A registry entry for fixture registries of the SDK target tests. */
import type { ErrorEntry } from '@agnes/errors';

/** Builds a valid entry of status 409 with placeholder text and no params, changed by `overrides`. */
export function testEntry(overrides: Partial<ErrorEntry<any>> = {}): ErrorEntry<any> {
  return {
    status: 409,
    title: 'Title',
    summary: 'a summary',
    retry: { retryable: false, advice: 'do not retry' },
    when: 'When.',
    causes: ['A cause.'],
    fix: ['A step.'],
    detail: 'Detail.',
    params: {},
    example: {},
    related: [],
    since: '1.0.0',
    ...overrides,
  };
}
