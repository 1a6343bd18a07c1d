/**
 * The brand check behind `isContractError`: it accepts errors whose prototype chain carries the
 * brand, rejects look-alikes, and runs no getter or proxy trap of the value it inspects.
 */
import { describe, expect, it } from 'vitest';
import { AgnesError, ContractError, createAgnesRenderer, isContractError } from '../src/index.ts';

const BRAND = Symbol.for('@agnes/errors-server.ContractError');

/** Creates a proxy that counts the traps it runs. Every trap throws, as those of a hostile thrown value may. */
function countingProxy(target: object): { proxy: object; trapCalls: () => number } {
  let calls = 0;
  const handler = new Proxy({}, {
    get: () => () => {
      calls += 1;
      throw new Error('trap ran');
    },
  });
  return { proxy: new Proxy(target, handler), trapCalls: () => calls };
}

/** Counts the calls of a getter at the brand key of a prototype. */
function prototypeWithBrandGetter(): { value: object; getterCalls: () => number } {
  let calls = 0;
  const prototype = Object.defineProperty({}, BRAND, {
    get: () => {
      calls += 1;
      return true;
    },
  });
  return { value: Object.create(prototype) as object, getterCalls: () => calls };
}

describe('isContractError', () => {
  it('accepts a branded prototype chain', () => {
    class ErrorOfAnotherCopy extends Error {}
    Object.defineProperty(ErrorOfAnotherCopy.prototype, BRAND, { value: true });

    expect(isContractError(new ErrorOfAnotherCopy('forbidden'))).toBe(true);
  });

  it('brands the prototype, not each error', () => {
    const error = new AgnesError('forbidden', { scope: 'policy:delete' });

    expect(Object.getOwnPropertySymbols(error)).toEqual([]);
    expect(Object.getOwnPropertyDescriptor(ContractError.prototype, BRAND)).toEqual({
      value: true,
      writable: false,
      enumerable: false,
      configurable: false,
    });
  });

  it.each([
    { name: 'null', value: null },
    { name: 'a string', value: 'forbidden' },
    { name: 'a plain Error', value: new Error('forbidden') },
    { name: 'a look-alike object', value: { code: 'forbidden', status: 403, params: {}, detail: 'no' } },
    { name: 'an object with the brand as its own property', value: { [BRAND]: true, code: 'forbidden' } },
    { name: 'a brand that is not true', value: Object.create({ [BRAND]: 'yes' }) as object },
    { name: 'a spread copy of a contract error', value: { ...new AgnesError('forbidden', { scope: 'policy:delete' }) } },
  ])('rejects $name', ({ value }) => {
    expect(isContractError(value)).toBe(false);
  });

  it('runs no getter at the brand key', () => {
    const { value, getterCalls } = prototypeWithBrandGetter();

    expect(isContractError(value)).toBe(false);
    expect(getterCalls()).toBe(0);
  });

  it('rejects a proxy without running traps', () => {
    const { proxy, trapCalls } = countingProxy(new AgnesError('forbidden', { scope: 'policy:delete' }));

    expect(isContractError(proxy)).toBe(false);
    expect(trapCalls()).toBe(0);
  });

  it('rejects a proxy prototype without running traps', () => {
    const { proxy, trapCalls } = countingProxy(ContractError.prototype);

    expect(isContractError(Object.create(proxy) as object)).toBe(false);
    expect(trapCalls()).toBe(0);
  });

  it('renderer masks a proxied contract error', () => {
    const { proxy, trapCalls } = countingProxy(new AgnesError('forbidden', { scope: 'policy:delete' }));
    const rendered = createAgnesRenderer().render(proxy, { requestId: 'req-1' });

    expect(rendered.status).toBe(500);
    expect(rendered.body.code).toBe('internal_error');
    expect(trapCalls()).toBe(0);
  });
});

describe('renderer with a branded value whose code cannot be read', () => {
  it('masks it instead of throwing', () => {
    const thrown = Object.defineProperty(Object.create(ContractError.prototype) as object, 'code', {
      get: () => {
        throw new Error('code getter failed');
      },
    });
    const rendered = createAgnesRenderer().render(thrown, { requestId: 'req-1' });

    expect(rendered.status).toBe(500);
    expect(rendered.body.code).toBe('internal_error');
  });
});
