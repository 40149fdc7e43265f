import { describe, expect, it } from 'vitest';
import type { Signals } from '../../../lib/signals/signals';
import { evaluateSetup } from '../../../lib/phase/setup';
import { classifyStage } from '../../../lib/phase/hysteresis';
import { defaultSettings } from '../../../lib/settings/defaults';

// Rules of SIGNALS.md §4 and docs/ENGINE.md that an audit could remove without another test noticing.
const s = defaultSettings();
const day = '2025-09-19';

/** Signals with a Russell breakout and a dominance reading outside 59-63 %, flat: only the cross can pass. */
function sig(cross: { type: 'bullish' | 'bearish'; month: string } | null): Signals {
  return {
    russell: { state: 'breakout', stale: false, pctFromAth: 0.5, source: 't', asOf: day, window: null },
    dominance: { value: 57, trend: 'flat', stale: false, macd: { lastCross: cross }, source: 't', asOf: day },
  } as unknown as Signals;
}

describe('setup: the bearish monthly MACD cross leg', () => {
  it('passes on a bearish cross up to 6 calendar months before the evaluation month, not 7', () => {
    // 6 months
    expect(evaluateSetup('mixed', sig({ type: 'bearish', month: '2025-03' }), s, day).setup.state).toBe('yes');
    // 7 months
    expect(evaluateSetup('mixed', sig({ type: 'bearish', month: '2025-02' }), s, day).setup.state).toBe('no');
    expect(evaluateSetup('mixed', sig({ type: 'bullish', month: '2025-08' }), s, day).setup.state).toBe('no');
    expect(evaluateSetup('mixed', sig(null), s, day).setup.state).toBe('no');
  });

  it('follows the bearishCrossMonths setting', () => {
    const s3 = { ...s, dominance: { ...s.dominance, bearishCrossMonths: 3 } };
    expect(evaluateSetup('mixed', sig({ type: 'bearish', month: '2025-06' }), s3, day).setup.state).toBe('yes');
    expect(evaluateSetup('mixed', sig({ type: 'bearish', month: '2025-05' }), s3, day).setup.state).toBe('no');
  });
});

describe('hysteresis: leaving alt-rotation downward', () => {
  it('needs the ASI more than 3 points under 50 (below 47, as altseason is left below 72); entering needs 50', () => {
    const m = s.hysteresis.marginPoints;
    expect(classifyStage(47, false, s.stage, 'alt-rotation', m)).toBe('alt-rotation');
    expect(classifyStage(46, false, s.stage, 'alt-rotation', m)).toBe('mixed');
    expect(classifyStage(46, true, s.stage, 'alt-rotation', m)).toBe('eth-rotation');
    expect(classifyStage(49, false, s.stage, 'mixed', m)).toBe('mixed');
    expect(classifyStage(50, false, s.stage, 'mixed', m)).toBe('alt-rotation');
    // from altseason straight down, the same lower edge applies
    expect(classifyStage(47, false, s.stage, 'altseason', m)).toBe('alt-rotation');
    expect(classifyStage(46, false, s.stage, 'altseason', m)).toBe('mixed');
  });
});

describe('setup: the dominance reason states all three legs as its threshold', () => {
  it('passes on any leg, and the threshold names each, so a pass with a value outside 59-63 % is explained', () => {
    const r = evaluateSetup('mixed', sig({ type: 'bearish', month: '2025-06' }), s, day).reasons.find(
      (x) => x.rule === 'setup.dominance',
    )!;
    expect(r.value).toBe(57);
    expect(r.passed).toBe(true); // 57 % is outside 59-63 %: the bearish cross passed it
    expect(r.comparator).toBe('any-of');
    expect(r.threshold).toEqual(['trend falling', '59–63%', 'bearish monthly MACD cross within 6 months']);
  });
});
