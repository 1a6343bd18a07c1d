/**
 * The brand that marks contract errors across copies of this package. The package ships an ESM and
 * a CommonJS build, so one process can load both, and then `instanceof` fails on an error made by
 * the other build. The brand is a property keyed by a `Symbol.for` symbol, which is the same symbol
 * in every copy, so each copy recognises the errors of the others.
 */
import { types } from 'node:util';

/**
 * Key of the brand on `ContractError.prototype`. Copies of other versions of the package carry the
 * same key, so the members that the renderer reads from a branded error (`code`, `params`,
 * `detail`, `headers`) must keep their meaning, or the key must change.
 */
export const CONTRACT_ERROR_BRAND: unique symbol = Symbol.for('@agnes/errors-server.ContractError');

/** Puts the brand on a prototype as a non-enumerable, read-only data property. */
export function brandPrototype(prototype: object): void {
  Object.defineProperty(prototype, CONTRACT_ERROR_BRAND, { value: true, enumerable: false, writable: false, configurable: false });
}

/**
 * Returns whether the prototype chain of `value` carries the brand as a data property whose value is
 * `true`. It reads only property descriptors, so no getter runs. A proxy, or an object with a proxy
 * in its prototype chain, is rejected before any trap can run. The value's own properties do not
 * count, so an object that copies an error's properties is not taken for one.
 */
export function hasContractErrorBrand(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || types.isProxy(value)) return false;

  let prototype: object | null = Object.getPrototypeOf(value);
  while (prototype !== null) {
    if (types.isProxy(prototype)) return false;
    const descriptor = Object.getOwnPropertyDescriptor(prototype, CONTRACT_ERROR_BRAND);
    // An accessor's descriptor has no `value`, so a getter named by the brand key never counts.
    if (descriptor !== undefined) return descriptor.value === true;
    prototype = Object.getPrototypeOf(prototype);
  }
  return false;
}
