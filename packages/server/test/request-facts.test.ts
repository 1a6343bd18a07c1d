import { describe, expect, it } from 'vitest';
import { echoablePath, hasInvalidPercentEncoding, mediaTypeOf, pathOf } from '../src/index.ts';
import { instanceOfPath } from '../src/request-facts.ts';

describe('pathOf', () => {
  it.each([
    { url: '/a/b?key=secret', want: '/a/b' },
    { url: '/a#frag', want: '/a' },
    { url: '/a', want: '/a' },
    { url: 'http://user:secret@127.0.0.1/v1/policies?key=k', want: '/v1/policies' },
    { url: 'HTTPS://host:8443/a', want: '/a' },
    { url: 'http://user:secret@host', want: '/' },
    { url: 'http://host?key=k', want: '/' },
  ])('$url → $want', ({ url, want }) => {
    expect(pathOf(url)).toBe(want);
  });
});

describe('hasInvalidPercentEncoding', () => {
  it.each([
    { path: '/%85', want: true },
    { path: '/%zz', want: true },
    { path: '/a%', want: true },
    { path: '/%C3%A9', want: false },
    { path: '/%2F', want: false },
    { path: '/plain', want: false },
  ])('$path → $want', ({ path, want }) => {
    expect(hasInvalidPercentEncoding(path)).toBe(want);
  });
});

describe('echoablePath', () => {
  it.each([
    { name: 'plain path', path: '/v1/policies/pol_1', want: '/v1/policies/pol_1' },
    { name: 'valid escape', path: '/%85', want: '/%85' },
    { name: 'stray percent', path: '/100%', want: '/100%25' },
    { name: 'non-ASCII', path: '/é', want: '/%C3%A9' },
    { name: 'control characters', path: '/a\r\nb', want: '/a%0D%0Ab' },
    { name: 'quotes and angle brackets', path: '/"<x>"', want: '/%22%3Cx%3E%22' },
    { name: 'lone surrogate', path: '/\uD800', want: '/%EF%BF%BD' },
    { name: 'no leading slash', path: 'a', want: '/a' },
    { name: 'asterisk-form of OPTIONS', path: '*', want: '*' },
    { name: 'asterisk in a path', path: '*/a', want: '/*/a' },
    { name: '256 characters', path: `/${'a'.repeat(255)}`, want: `/${'a'.repeat(255)}` },
    { name: '257 characters', path: `/${'a'.repeat(256)}`, want: `/${'a'.repeat(255)}\u2026` },
  ])('$name', ({ path, want }) => {
    expect(echoablePath(path)).toBe(want);
    expect(instanceOfPath(path)).toBe(want.endsWith('\u2026') ? undefined : want);
  });

  it('marks a cut long path', () => {
    const echoed = echoablePath(`/${'é'.repeat(200)}`);

    expect(echoed.length).toBeLessThanOrEqual(257);
    expect(echoed).toMatch(/^(\/|%[0-9A-F]{2})+\u2026$/);
  });
});

describe('mediaTypeOf', () => {
  it.each([
    { header: undefined, want: 'none' },
    { header: '  ', want: 'none' },
    { header: 'application/json', want: 'application/json' },
    { header: 'Application/JSON; charset=utf-8', want: 'application/json' },
    { header: 'text/csv;', want: 'text/csv' },
    { header: '<script>alert(1)</script>', want: 'invalid' },
    { header: `application/${'x'.repeat(200)}`, want: 'invalid' },
  ])('$header → $want', ({ header, want }) => {
    expect(mediaTypeOf(header)).toBe(want);
  });
});
