/**
 * The error that servers throw: a registry code with that code's typed params.
 */
import { lookupsOf, type CodeOf, type ErrorEntry, type ParamsOf, type Registry } from '@agnes/errors';
import { brandPrototype, hasContractErrorBrand } from './contract-error-brand.ts';
import { fillDetailTemplate } from './detail-template.ts';

/** Options of a contract error, after its code and params. */
export interface ContractErrorOptions {
  /**
   * Replaces the detail that the code's template would produce. An empty string or `null` keeps the
   * template, and the renderer masks any other value that is not a string as a 500.
   */
  detail?: string;
  /** The error that led to this one; it is logged, never sent. */
  cause?: unknown;
  /**
   * Extra response headers, such as `WWW-Authenticate` on a 401, as a plain object (a Web `Headers`
   * object is read too). Invalid names or values are dropped.
   */
  headers?: Readonly<Record<string, string>>;
  /**
   * Whether to capture a stack trace. Capturing one is the main cost of constructing an error, so the
   * default captures it only for 5xx codes, whose logs print it; 4xx codes are logged without one.
   */
  captureStack?: boolean;
}

/**
 * Arguments after the code. Params are optional when the code declares no required param, and a code
 * without params accepts only an empty object.
 */
export type ContractErrorArgs<P> = [keyof P] extends [never]
  ? [params?: { readonly [name: string]: never }, options?: ContractErrorOptions]
  : {} extends P
    ? [params?: P, options?: ContractErrorOptions]
    : [params: P, options?: ContractErrorOptions];

/** Returns whether this copy of the package constructed `value`. The class's static block sets it. */
let isConstructedHere: (value: object) => boolean;

/**
 * Base class of every contract error. Construct errors through a class from `createErrorClass`, which
 * types the params of each code. The renderer recognises any instance of this class, including one
 * from another copy of the package such as its other build (ESM or CommonJS).
 */
export class ContractError<C extends string = string, P extends object = object> extends Error {
  // A private field: loggers that copy an error's enumerable properties leave it out.
  readonly #registry: Registry<any>;
  /** Registry code, such as `forbidden`. */
  readonly code: C;
  /** HTTP status of the code. */
  readonly status: number;
  /** Every param of the code: public ones go into the envelope, the others only fill the detail or the log. */
  readonly params: Readonly<P>;
  /** The envelope's `detail`: the override, or the code's template filled from the params. */
  readonly detail: string;
  /** Extra response headers given by the thrower. */
  readonly headers: Readonly<Record<string, string>> | undefined;

  /**
   * @throws {TypeError} when the code is not in the registry, naming the code.
   */
  constructor(registry: Registry<any>, code: C, params: P, options?: ContractErrorOptions) {
    const entry = lookupsOf(registry).entryByCode.get(code);
    if (entry === undefined) {
      throw new TypeError(`Unknown error code "${code}": it is not in the registry; use one of its codes or add an entry`);
    }
    const detailOption = options?.detail;
    // Only a missing, null or empty detail means the template. The renderer checks any other value.
    const detail = detailOption === undefined || detailOption === null || detailOption === '' ? detailOf(entry, params) : detailOption;
    const captureStack = options?.captureStack ?? entry.status >= 500;

    // V8 records the call stack when Error's constructor runs; a limit of 0 skips that work.
    const stackTraceLimit = Error.stackTraceLimit;
    if (!captureStack) Error.stackTraceLimit = 0;
    try {
      super(detail, options?.cause === undefined ? undefined : { cause: options.cause });
    } finally {
      if (!captureStack) Error.stackTraceLimit = stackTraceLimit;
    }

    this.#registry = registry;
    this.code = code;
    this.status = entry.status;
    this.params = params;
    this.detail = detail;
    this.headers = options?.headers;
  }

  /**
   * Registry the code belongs to. The getter comes from the error's own copy of the package, so code of
   * another copy can call it, though it cannot read the private field itself.
   */
  get registry(): Registry<any> {
    return this.#registry;
  }

  static {
    // On the prototype, like Error.prototype.name, so that constructing an error does not store it.
    setPrototypeName(this, 'ContractError');
    brandPrototype(this.prototype);
    // Checking the private field runs no getter or proxy trap, and a proxy never has the field.
    isConstructedHere = (value) => #registry in value;
  }
}

/** Options of `createErrorClass`. */
export interface ErrorClassOptions {
  /** The `name` of the errors, shown in logs and stack traces. @default 'ContractError' */
  name?: string;
}

/** A contract error class bound to one registry: `new Class(code, params, options)`. */
export interface ContractErrorClass<R extends Registry<any>> {
  new <C extends CodeOf<R>>(code: C, ...args: ContractErrorArgs<ParamsOf<R, C>>): ContractError<C, ParamsOf<R, C>>;
  readonly prototype: ContractError;
  /** Registry that the class builds errors for. */
  readonly registry: R;
}

/**
 * Creates the error class of a registry. Its constructor takes a code of that registry and the code's
 * params, so a wrong code, a missing param or a param of the wrong type fails to compile.
 *
 * @example
 * const ApiError = createErrorClass(registry, { name: 'ApiError' });
 * throw new ApiError('forbidden', { scope: 'policy:delete' }, { cause });
 */
export function createErrorClass<R extends Registry<any>>(registry: R, options: ErrorClassOptions = {}): ContractErrorClass<R> {
  const name = options.name ?? 'ContractError';

  class BoundContractError extends ContractError {
    static readonly registry = registry;

    constructor(code: string, params?: object, errorOptions?: ContractErrorOptions) {
      super(registry, code, params ?? {}, errorOptions);
    }
  }
  Object.defineProperty(BoundContractError, 'name', { value: name });
  setPrototypeName(BoundContractError, name);

  return BoundContractError as unknown as ContractErrorClass<R>;
}

/**
 * Returns whether a value is a contract error of any registry, made by this copy of the package or
 * by another one, such as the CommonJS build when this is the ESM build. Use it in place of
 * `instanceof ContractError`, which is false for an error of another copy. It reads only a private
 * field and property descriptors, so no getter or proxy trap of the value runs and it does not
 * throw. A proxy is never taken for a contract error, even one whose target is a contract error.
 */
export function isContractError(value: unknown): value is ContractError {
  if (typeof value !== 'object' || value === null) return false;
  return isConstructedHere(value) || hasContractErrorBrand(value);
}

/**
 * Fills a detail template. A param that JSON cannot represent (a BigInt, a cycle) leaves the
 * template as written, so that a bad param never makes the constructor throw. The renderer then
 * masks the error when the same param breaks the envelope.
 */
function detailOf(entry: ErrorEntry<any>, params: object): string {
  try {
    return fillDetailTemplate(entry, params as Record<string, unknown>);
  } catch {
    return entry.detail;
  }
}

/** Sets the `name` of a class's errors on its prototype, non-enumerable like `Error.prototype.name`. */
function setPrototypeName(errorClass: { prototype: Error }, name: string): void {
  Object.defineProperty(errorClass.prototype, 'name', { value: name, writable: true, configurable: true, enumerable: false });
}
