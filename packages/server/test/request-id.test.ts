import { describe, expect, it } from 'vitest';
import { isValidRequestId, resolveRequestId } from '../src/index.ts';

const generate = () => 'fresh';

describe('request id', () => {
  it.each([
    { name: 'UUID', inbound: '5b3f6c7e-7d24-4d40-9b12-3a59c01c6e91' },
    { name: 'all allowed characters', inbound: 'A-Z.a_z:0-9' },
    { name: '128 characters', inbound: 'a'.repeat(128) },
  ])('keeps a valid id: $name', ({ inbound }) => {
    expect(isValidRequestId(inbound)).toBe(true);
    expect(resolveRequestId(inbound, generate)).toBe(inbound);
  });

  it.each([
    { name: 'missing', inbound: undefined },
    { name: 'null', inbound: null },
    { name: 'empty', inbound: '' },
    { name: '129 characters', inbound: 'a'.repeat(129) },
    { name: '10 KB', inbound: 'a'.repeat(10 * 1024) },
    { name: 'CRLF', inbound: 'abc\r\nSet-Cookie: x=1' },
    { name: 'encoded CRLF', inbound: 'abc%0D%0Ainjected' },
    { name: 'non-ASCII', inbound: 'réquest-ü' },
    { name: 'space', inbound: 'a b' },
    { name: 'header sent twice, joined', inbound: 'a, b' },
    { name: 'header sent twice, as array', inbound: ['a', 'b'] },
    { name: 'HTML', inbound: '<script>' },
  ])('replaces an invalid id: $name', ({ inbound }) => {
    expect(resolveRequestId(inbound, generate)).toBe('fresh');
  });

  it('generates UUIDs by default', () => {
    const first = resolveRequestId(undefined);
    const second = resolveRequestId(undefined);

    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(second).not.toBe(first);
  });
});
