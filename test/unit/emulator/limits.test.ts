/**
 * The emulator's CoinGecko limit (test/support/emulator/limits.ts): the Retry-After it sends counts down to the
 * moment a call slot frees, and stays a number of seconds when the window allows no call at all.
 */
import { describe, expect, it } from 'vitest';
import { createLimits } from '../../support/emulator/limits';

const CG = 'api.coingecko.com';
const PATH = '/api/v3/coins/markets?vs_currency=usd';

describe('emulator CoinGecko limit', () => {
  it('refuses the call over the window with Retry-After until the oldest call leaves it', () => {
    const l = createLimits({ coingecko: { calls: 2, windowMs: 60_000 } });
    expect(l.take(CG, PATH, 0).limited).toBeUndefined();
    expect(l.take(CG, PATH, 10_000).limited).toBeUndefined();
    const refused = l.take(CG, PATH, 20_500).limited;
    expect(refused?.status).toBe(429);
    expect(refused?.headers['retry-after']).toBe('40'); // the call at 0 leaves at 60 s: 39.5 s, rounded up
    expect(l.take(CG, PATH, 60_001).limited).toBeUndefined();
  });

  it('with no call allowed, refuses every call with a whole window as Retry-After (was NaN)', () => {
    const l = createLimits({ coingecko: { calls: 0, windowMs: 60_000 } });
    const refused = l.take(CG, PATH, 5_000).limited;
    expect(refused?.status).toBe(429);
    expect(refused?.headers['retry-after']).toBe('60');
  });
});
