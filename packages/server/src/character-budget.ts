/**
 * Spending of `totalCharacters` over the strings and object members of a bounded copy. The copy
 * keeps its property order. Only the order in which its values spend the budget differs.
 */
import { LOGGED_ERROR_LIMITS, type KeptError, type KeptValue } from './logged-error-limits.ts';

/** Note that replaces an object or array member once the budget is spent. */
const BUDGET_SPENT_REASON = "the log line's character budget is spent";

/**
 * Sets how many characters each string of the copy keeps, and leaves out each object member that
 * no longer fits. Reads the stack of each kept error. Messages and stacks spend first: the logged
 * error's, then its causes', then those of the errors nested in it, level by level. The other
 * values spend next, in the same order of errors: a written `cause`, values in `errors`, members.
 */
export function spendCharacterBudget(top: KeptError): void {
  const budget = { charactersLeft: LOGGED_ERROR_LIMITS.totalCharacters };
  const errors = errorsInSpendingOrder(top);

  for (const keptError of errors) {
    // The walk has read the stack already when it reads stacks.
    keptError.stack ??= (keptError.error as { stack?: unknown }).stack;
    keptError.messageMaxLength = allot(budget, keptError.message, LOGGED_ERROR_LIMITS.message);
    keptError.stackMaxLength = allot(budget, keptError.stack, LOGGED_ERROR_LIMITS.stack);
  }

  for (const keptError of errors) {
    const members = keptError.members.filter((member) => !member.errorLike);
    for (const keptValue of [keptError.causeValue, ...keptError.items, ...members]) {
      if (keptValue === undefined || keptValue.keptError !== undefined || keptValue.leftOutNote !== undefined) continue;
      const { value } = keptValue;
      if (typeof value === 'string') keptValue.maxLength = allot(budget, value, LOGGED_ERROR_LIMITS.message);
      else if ((typeof value === 'object' && value !== null) || typeof value === 'bigint') allotObject(budget, keptValue);
    }
  }
}

/**
 * Returns the kept errors, each chain in order, and the chains breadth first: the logged error's
 * chain, then the chains of its aggregated and member errors, then theirs.
 */
function errorsInSpendingOrder(top: KeptError): KeptError[] {
  const ordered: KeptError[] = [];
  const heads = [top];
  for (let index = 0; index < heads.length; index += 1) {
    const chain: KeptError[] = [];
    for (let link: KeptError | undefined = heads[index]; link !== undefined; link = link.keptCause) chain.push(link);
    ordered.push(...chain);
    for (const link of chain) {
      for (const keptValue of [...link.items, ...link.members]) {
        if (keptValue.keptError !== undefined) heads.push(keptValue.keptError);
      }
    }
  }
  return ordered;
}

/**
 * Returns the characters that `text` keeps, at most `limit`. A string that fits the budget left
 * keeps up to `limit`. The first one that does not fit keeps what is left, and every later one
 * keeps `charactersPastBudget`.
 */
function allot(budget: { charactersLeft: number }, text: unknown, limit: number): number {
  if (typeof text !== 'string') return limit;
  const needed = Math.min(text.length, limit);
  if (needed <= budget.charactersLeft) {
    budget.charactersLeft -= needed;
    return limit;
  }

  const keptLength = Math.max(budget.charactersLeft, LOGGED_ERROR_LIMITS.charactersPastBudget);
  budget.charactersLeft = 0;
  return Math.min(keptLength, limit);
}

/** Keeps an object or BigInt member whole while it fits the budget left, and replaces it with a note otherwise. */
function allotObject(budget: { charactersLeft: number }, keptValue: KeptValue): void {
  if (keptValue.characters <= budget.charactersLeft) {
    budget.charactersLeft -= keptValue.characters;
    return;
  }
  const kind = typeof keptValue.value === 'bigint' ? 'bigint' : Array.isArray(keptValue.value) ? 'array' : 'object';
  keptValue.leftOutNote = `[${kind} left out: ${BUDGET_SPENT_REASON}]`;
  budget.charactersLeft = 0;
}
