import { describe, expect, expectTypeOf, it } from 'vitest';
import { AgnesError, ContractError, createErrorClass, isContractError } from '../src/index.ts';
import { shopRegistry } from './support/synthetic-registry.ts';

const ShopError = createErrorClass(shopRegistry, { name: 'ShopError' });

/** Returns the frame lines of a stack trace, such as `    at run (file.ts:1:1)`. */
function framesOf(error: Error): string[] {
  return (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
}

describe('contract error', () => {
  it('carries code, status, params and detail', () => {
    const error = new ShopError('out_of_stock', { sku: 'B-7', warehouse: 'north' });

    expect(error.code).toBe('out_of_stock');
    expect(error.status).toBe(409);
    expect(error.params).toEqual({ sku: 'B-7', warehouse: 'north' });
    expect(error.detail).toBe('Item B-7 is out of stock.');
    expect(error.message).toBe('Item B-7 is out of stock.');
    expect(error.registry).toBe(shopRegistry);
  });

  it('is an Error and a ContractError with its class name', () => {
    const error = new ShopError('oops');

    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(ContractError);
    expect(error).toBeInstanceOf(ShopError);
    expect(isContractError(error)).toBe(true);
    expect(error.name).toBe('ShopError');
    expect(ShopError.name).toBe('ShopError');
  });

  it('detail override replaces the template', () => {
    const error = new ShopError('out_of_stock', { sku: 'B-7' }, { detail: 'Sold out until May.' });

    expect(error.detail).toBe('Sold out until May.');
  });

  it('empty detail override keeps the template', () => {
    const error = new ShopError('out_of_stock', { sku: 'B-7' }, { detail: '' });

    expect(error.detail).toBe('Item B-7 is out of stock.');
  });

  it('keeps the cause', () => {
    const cause = new Error('db down');
    const error = new ShopError('oops', {}, { cause });

    expect(error.cause).toBe(cause);
  });

  it('4xx error skips the stack trace', () => {
    const error = new ShopError('out_of_stock', { sku: 'B-7' });

    expect(framesOf(error)).toEqual([]);
  });

  it('5xx error captures the stack trace', () => {
    const error = new ShopError('oops');

    expect(framesOf(error).length).toBeGreaterThan(0);
  });

  it('captureStack overrides the default', () => {
    expect(framesOf(new ShopError('out_of_stock', { sku: 'B-7' }, { captureStack: true })).length).toBeGreaterThan(0);
    expect(framesOf(new ShopError('oops', {}, { captureStack: false }))).toEqual([]);
  });

  it('restores Error.stackTraceLimit', () => {
    const before = Error.stackTraceLimit;
    new ShopError('out_of_stock', { sku: 'B-7' });

    expect(Error.stackTraceLimit).toBe(before);
  });

  it('unknown code raises a TypeError naming it', () => {
    const construct = () => new ShopError('no_such_code' as 'oops');

    expect(construct).toThrow(TypeError);
    expect(construct).toThrow('Unknown error code "no_such_code"');
  });

  it('AgnesError builds the reference error', () => {
    const error = new AgnesError('forbidden', { scope: 'policy:delete' });

    expect(error.name).toBe('AgnesError');
    expect(error.status).toBe(403);
    expect(error.detail).toBe('Permission denied: missing scope policy:delete.');
  });
});

describe('contract error types', () => {
  it('types code and params per code', () => {
    const error = new ShopError('slow_down', { wait_seconds: 3 });

    expectTypeOf(error.code).toEqualTypeOf<'slow_down'>();
    expectTypeOf(error.params.wait_seconds).toEqualTypeOf<number>();
  });

  it('rejects wrong codes and params at compile time', () => {
    const build = () => {
      // @ts-expect-error a code that the registry does not have
      new ShopError('nope');
      // @ts-expect-error a required param is missing
      new ShopError('out_of_stock', {});
      // @ts-expect-error params are required when the code has a required param
      new ShopError('out_of_stock');
      // @ts-expect-error a param of the wrong type
      new ShopError('slow_down', { wait_seconds: 'soon' });
      // @ts-expect-error a param that the code does not declare
      new ShopError('out_of_stock', { sku: 'A', colour: 'red' });
      // @ts-expect-error a code without params takes no params
      new ShopError('oops', { reason: 'x' });
      // @ts-expect-error a code of another registry
      new AgnesError('out_of_stock', { sku: 'A' });
    };

    expect(build).toBeTypeOf('function');
  });

  it('makes params optional when none is required', () => {
    expectTypeOf(new ShopError('oops')).toExtend<ContractError>();
    expectTypeOf(new AgnesError('service_unavailable')).toExtend<ContractError>();
  });
});

describe('contract error in logs', () => {
  it('keeps the registry out of its enumerable properties', () => {
    const error = new ShopError('out_of_stock', { sku: 'B-7' });

    expect(Object.keys(error)).not.toContain('registry');
    expect(JSON.stringify(error)).not.toContain('Shop error');
  });
});
