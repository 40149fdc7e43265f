/** CoinMarketCap's altcoin-season index beside ours (lib/signals/cross-check.ts): its difference, never a blend. */
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../lib/settings/defaults';
import { asiSignal } from '../../../lib/signals/asi';
import { asiCrossCheck } from '../../../lib/signals/cross-check';
import { realSeries } from '../../support/fixtures';

const s = defaultSettings();

describe('asiCrossCheck', () => {
  it('CoinMarketCap 61 beside our real 79 of 2025-09-19: difference −18, our value untouched', () => {
    const ours = asiSignal(realSeries().coins, '2025-09-19', '2025-09-19', s.asi, 2);
    expect(ours.value).toBe(79);
    expect(asiCrossCheck({ cmcAsi: 61, asOf: '2025-09-18' }, ours)).toEqual({
      cmc: 61,
      cmcAsOf: '2025-09-18',
      ours: 79,
      oursAsOf: '2025-09-19',
      diff: -18,
    });
    expect(ours.value).toBe(79);
  });

  it('with our ASI unknown (12 of 76 coins on 2026-08-31) no difference; without CMC no cross-check', () => {
    const unknown = asiSignal(realSeries().coins, '2026-08-31', '2026-08-31', s.asi, 2);
    expect(unknown.value).toBeNull();
    expect(asiCrossCheck({ cmcAsi: 28, asOf: '2026-08-30' }, unknown)).toEqual({
      cmc: 28,
      cmcAsOf: '2026-08-30',
      ours: null,
      oursAsOf: null,
      diff: null,
    });
    expect(asiCrossCheck(null, unknown)).toBeNull();
  });
});
