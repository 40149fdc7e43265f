import { describe, expect, it } from 'vitest';
import {
  emptyBackoffMs,
  onEmptyAnswer,
  restoreEmptyAnswers,
  waitingForCandle,
} from '../../../lib/refresh/empty-backoff';

const HOUR = 3_600_000;
const END = Date.parse('2026-03-20T00:00:00Z'); // the close of 2026-03-19

describe('per-coin backoff after an answered-but-empty incremental request', () => {
  it('3 h, 6 h, 12 h, then 24 h', () => {
    expect([1, 2, 3, 4, 5, 9].map(emptyBackoffMs)).toEqual([3, 6, 12, 24, 24, 24].map((h) => h * HOUR));
    let e = onEmptyAnswer(undefined, '2026-03-19', END + HOUR);
    expect(e).toEqual({ count: 1, retryAt: END + 4 * HOUR });
    e = onEmptyAnswer(e, '2026-03-19', END + 4 * HOUR);
    expect(e).toEqual({ count: 2, retryAt: END + 10 * HOUR });
  });

  it('an empty answer within an hour of the day’s close is a publishing delay: no backoff', () => {
    expect(onEmptyAnswer(undefined, '2026-03-19', END + 5 * 60_000)).toBeUndefined();
  });

  it('a stored value that is garbage is dropped; one too far ahead is pulled back to the cap', () => {
    const raw = {
      A: null,
      B: 'x',
      C: 7,
      D: {},
      E: { retryAt: 'soon' },
      F: { retryAt: NaN },
      G: { count: 'x', retryAt: END + 1e12 },
    };
    const restored = restoreEmptyAnswers(raw, END);
    expect(restored).toEqual({ G: { count: 1, retryAt: END + 24 * HOUR } });
    expect(waitingForCandle(restored.G, END + 24 * HOUR - 1)).toBe(true);
    expect(waitingForCandle(restored.G, END + 24 * HOUR)).toBe(false);
    expect(restoreEmptyAnswers('garbage', END)).toEqual({});
  });
});
