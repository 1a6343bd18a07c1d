import { describe, expect, it } from 'vitest';
import { prefersProblemJson } from '../src/index.ts';

describe('prefersProblemJson', () => {
  it.each([
    { accept: undefined, want: false },
    { accept: '', want: false },
    { accept: '*/*', want: false },
    { accept: 'application/json', want: false },
    { accept: 'application/problem+json', want: true },
    { accept: 'Application/Problem+JSON', want: true },
    { accept: 'application/problem+json; charset=utf-8', want: true },
    { accept: 'application/json, application/problem+json', want: true },
    { accept: 'application/json, application/problem+json;q=0.5', want: false },
    { accept: 'application/json;q=0.4, application/problem+json;q=0.5', want: true },
    { accept: 'application/problem+json;q=0', want: false },
    { accept: 'application/problem+json;q=abc', want: false },
    { accept: 'text/html, application/problem+json;q=0.1', want: true },
    { accept: 'application/problem+jsonx', want: false },
    { accept: 'application/*', want: false },
    { accept: '*/*, application/problem+json;q=0.1', want: false },
    { accept: 'application/*, application/problem+json;q=0.1', want: false },
    { accept: 'application/problem+json, */*', want: true },
    { accept: '*/*;q=0.5, application/problem+json', want: true },
    { accept: 'application/json;q=0.2, */*, application/problem+json;q=0.5', want: true },
    { accept: 'application/*;q=0.9, */*, application/problem+json;q=0.8', want: false },
  ])('$accept → $want', ({ accept, want }) => {
    expect(prefersProblemJson(accept)).toBe(want);
  });
});
