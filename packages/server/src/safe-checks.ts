/**
 * Checks on thrown values that never throw themselves. A thrown value can be a proxy whose traps
 * throw, and an error handler that throws makes frameworks fall back to their own handler, which
 * may send the error's message.
 */
import { isContractError, type ContractError } from './contract-error.ts';

/**
 * Returns `thrown` when it is a contract error of any copy of this package, and `undefined` when it
 * is not or cannot be inspected.
 */
export function asContractError(thrown: unknown): ContractError | undefined {
  try {
    return isContractError(thrown) ? thrown : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Returns the code of a contract error, or `undefined` when it is not a string or reading it throws,
 * as a getter of a subclass or a forged error may.
 */
export function codeOfContractError(error: ContractError): string | undefined {
  try {
    const { code } = error;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Maps a framework failure to a contract error with `map`, and returns the thrown value itself when
 * `map` finds no code for it or fails while inspecting it.
 */
export function mapFrameworkFailure(thrown: unknown, map: (thrown: unknown) => ContractError | undefined): unknown {
  try {
    return map(thrown) ?? thrown;
  } catch {
    return thrown;
  }
}
