import { describe, expect, it } from 'vitest';
import { APIConnectionError, APITimeoutError, InvalidOptionError, RetryBudget } from '../../src/index.ts';

const CONNECTION = new APIConnectionError('reset');
const TIMEOUT = new APITimeoutError('slow', { retryable: true });

describe('RetryBudget', () => {
  it('starts full with the AWS standard defaults', () => {
    const budget = new RetryBudget();
    expect(budget.capacity).toBe(500);
    expect(budget.available).toBe(500);
    expect(budget.acquire(CONNECTION)).toBe(5);
    expect(budget.acquire(TIMEOUT)).toBe(10);
    expect(budget.available).toBe(485);
  });

  it('refuses a retry once too few tokens are left', () => {
    const budget = new RetryBudget({ capacity: 12, retryCost: 5 });
    expect(budget.acquire(CONNECTION)).toBe(5);
    expect(budget.acquire(CONNECTION)).toBe(5);
    expect(budget.acquire(CONNECTION)).toBeUndefined();
    expect(budget.available).toBe(2);
  });

  it('refunds the cost of a retry that succeeded', () => {
    const budget = new RetryBudget({ capacity: 20, retryCost: 5 });
    const cost = budget.acquire(CONNECTION);
    budget.recordSuccess(cost);
    expect(budget.available).toBe(20);
  });

  it('adds the reward for a first-attempt success, up to the capacity', () => {
    const budget = new RetryBudget({ capacity: 20, retryCost: 5, successReward: 2 });
    budget.acquire(CONNECTION);
    budget.recordSuccess(undefined);
    expect(budget.available).toBe(17);
    budget.recordSuccess(undefined);
    budget.recordSuccess(undefined);
    expect(budget.available).toBe(20);
  });

  it.each([
    { options: { capacity: -1 }, name: 'capacity' },
    { options: { retryCost: Number.NaN }, name: 'retryCost' },
    { options: { timeoutRetryCost: Number.POSITIVE_INFINITY }, name: 'timeoutRetryCost' },
    { options: { successReward: -0.5 }, name: 'successReward' },
  ])('rejects an invalid $name', ({ options, name }) => {
    expect(() => new RetryBudget(options)).toThrow(InvalidOptionError);
    expect(() => new RetryBudget(options)).toThrow(`Invalid retry budget ${name}`);
  });
});
