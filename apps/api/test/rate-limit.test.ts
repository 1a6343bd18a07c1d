/** The fixed-window rate limit, on a clock that the tests move. */
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../src/rate-limit.ts';

/** Creates a clock in milliseconds that starts at `start` and moves only by `advance`. */
function manualClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('RateLimiter', () => {
  it('allows max requests per window', () => {
    const clock = manualClock();
    const limiter = new RateLimiter(2, clock.now);

    expect(limiter.hit('a')).toEqual({ allowed: true });
    expect(limiter.hit('a')).toEqual({ allowed: true });
    clock.advance(15_000);
    expect(limiter.hit('a')).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(limiter.hit('b')).toEqual({ allowed: true });
    clock.advance(45_000);
    expect(limiter.hit('a')).toEqual({ allowed: true });
  });

  it('check counts nothing', () => {
    const clock = manualClock();
    const limiter = new RateLimiter(1, clock.now);

    expect(limiter.check('a')).toEqual({ allowed: true });
    expect(limiter.check('a')).toEqual({ allowed: true });
    limiter.hit('a');
    clock.advance(30_500);
    expect(limiter.check('a')).toEqual({ allowed: false, retryAfterSeconds: 30 });
    clock.advance(29_500);
    expect(limiter.check('a')).toEqual({ allowed: true });
  });

  it('prunes ended windows', () => {
    const clock = manualClock();
    const limiter = new RateLimiter(5, clock.now);
    for (let index = 0; index < 100; index += 1) limiter.hit(`address-${index}`);
    clock.advance(60_000);
    limiter.hit('late');

    expect(limiter.size).toBe(1);
  });
});
