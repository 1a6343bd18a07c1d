import { describe, expect, it } from 'vitest';
import { placeholdersOf, renderTemplate } from '../src/index.ts';

describe('placeholdersOf', () => {
  it.each([
    { template: 'Permission denied: missing scope {scope}.', want: ['scope'] },
    { template: 'No route matches {method} {path}.', want: ['method', 'path'] },
    { template: '{id} and {id} again', want: ['id'] },
    { template: 'No placeholders here.', want: [] },
    { template: 'Not names: {1st} {two words} {}', want: [] },
  ])('lists $want in $template', ({ template, want }) => {
    expect(placeholdersOf(template)).toEqual(want);
  });
});

describe('renderTemplate', () => {
  it.each([
    { name: 'string value', params: { scope: 'policy:read' }, want: 'Missing scope policy:read.' },
    { name: 'number value', params: { scope: 42 }, want: 'Missing scope 42.' },
    { name: 'array value as JSON', params: { scope: ['a', 'b'] }, want: 'Missing scope ["a","b"].' },
    { name: 'missing value kept', params: {}, want: 'Missing scope {scope}.' },
    { name: 'null value kept', params: { scope: null }, want: 'Missing scope {scope}.' },
  ])('renders $name', ({ params, want }) => {
    expect(renderTemplate('Missing scope {scope}.', params)).toBe(want);
  });

  it('does not expand placeholders in values', () => {
    expect(renderTemplate('{a} {b}', { a: '{b}', b: 'x' })).toBe('{b} x');
  });
});
