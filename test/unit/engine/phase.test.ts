import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { evaluateDay, stageHistory } from '../../../lib/engine/evaluate';
import { parseSeriesCsv } from '../../../lib/series/csv';
import { addDays } from '../../../lib/series/dates';
import { defaultSettings } from '../../../lib/settings/defaults';
import type { CoinSeries, Point, SeriesSet } from '../../../lib/series/types';
import { REAL, realSeries } from '../../support/fixtures';

const s = defaultSettings();
const D = '2025-06-30';
const F = addDays(D, -90);
const ser = (points: Point[]) => ({ points, source: 'test' });
const two = (from: number, to: number, days = 30) =>
  ser([
    { date: addDays(D, -days), value: from },
    { date: D, value: to },
  ]);

/** Ten altcoins of which `beat` beat BTC: ASI = 10 × beat. */
function coinsFor(beat: number): Record<string, CoinSeries> {
  const c = (symbol: string, end: number): CoinSeries => ({
    symbol,
    closes: ser([
      { date: F, value: 1 },
      { date: D, value: end },
    ]),
  });
  const coins: Record<string, CoinSeries> = { BTC: c('BTC', 1.1) };
  for (let i = 0; i < 10; i++) coins[`A${i}`] = c(`A${i}`, i < beat ? 1.5 : 1.0);
  return coins;
}

/** A Russell that made its high 30 trading days ago and sits `pctBelow` under it, above a rising SMA. */
function rutNear(pctBelow: number) {
  const pts: Point[] = [];
  for (let i = 0; i < 300; i++) pts.push({ date: addDays(D, i - 330), value: 100 + i });
  pts.push({ date: addDays(D, -29), value: 400 });
  for (let i = 28; i >= 0; i--) pts.push({ date: addDays(D, -i), value: 400 * (1 - pctBelow / 100) });
  return ser(pts);
}

function phase(set: SeriesSet, day = D, today = day) {
  return evaluateDay(set, s, day, today).evaluation.phase;
}

describe('rotation stage with reasons', () => {
  it('says why in plain words, with source and date', () => {
    const p = phase({ coins: coinsFor(2) });
    expect(p.stage).toBe('btc-season');
    const r = p.reasons.find((x) => x.rule === 'stage.btc-season')!;
    expect(r).toMatchObject({ signal: 'asi', value: 20, comparator: '<=', threshold: 25, passed: true, asOf: D });
    expect(r.text).toBe('ASI 20 ≤ 25 → Bitcoin season');
    expect(r.source).toContain('10 coins');
  });

  it('ETH & majors lead with ETH/BTC up 5% or dominance down 1 point, else mixed', () => {
    expect(phase({ coins: coinsFor(3) }).stage).toBe('mixed');
    expect(phase({ coins: coinsFor(3), ethbtc: two(0.05, 0.0525) }).stage).toBe('eth-rotation');
    expect(phase({ coins: coinsFor(3), ethbtc: two(0.05, 0.0524) }).stage).toBe('mixed');
    expect(phase({ coins: coinsFor(3), btcDominance: two(60, 59) }).stage).toBe('eth-rotation');
    expect(phase({ coins: coinsFor(3), btcDominance: two(60, 59.5) }).stage).toBe('mixed');
  });

  it('alt-rotation from 50, altseason from 75', () => {
    expect(phase({ coins: coinsFor(5) }).stage).toBe('alt-rotation');
    expect(phase({ coins: coinsFor(8) }).stage).toBe('altseason');
  });

  it('is unknown when the ASI is unknown or stale, never a season from zeros', () => {
    const none = phase({ fearGreed: two(50, 50) });
    expect(none.stage).toBe('unknown');
    expect(none.label).toBe('No data');
    const stale = phase({ coins: coinsFor(8) }, D, addDays(D, 3));
    expect(stale.stage).toBe('unknown');
    expect(stale.reasons[0]!.text).toBe('No data: ASI 80 not used, 3 days old (data of 2025-06-30)');
  });
});

describe('flags', () => {
  it('fear-washout at Fear & Greed ≤ 25', () => {
    expect(phase({ coins: coinsFor(5), fearGreed: two(50, 25) }).flags).toEqual(['fear-washout']);
    expect(phase({ coins: coinsFor(5), fearGreed: two(50, 26) }).flags).toEqual([]);
  });

  it('late-cycle in altseason with greed ≥ 80, or with dominance under 50', () => {
    expect(phase({ coins: coinsFor(8), fearGreed: two(50, 80) }).flags).toEqual(['late-cycle']);
    expect(phase({ coins: coinsFor(8), fearGreed: two(50, 79) }).flags).toEqual([]);
    expect(phase({ coins: coinsFor(5), fearGreed: two(50, 90) }).flags).toEqual([]);
    expect(phase({ coins: coinsFor(2), btcDominance: two(50, 49.9) }).flags).toEqual(['late-cycle']);
  });
});

describe('setup: the window to prepare', () => {
  const strained = two(62, 60.5); // falling 1.5 points, inside 59–63
  it('needs Russell near its high, alts not rotating and dominance under strain', () => {
    const yes = phase({ coins: coinsFor(2), rut: rutNear(2), btcDominance: strained });
    expect(yes.macro).toBe('near-ath');
    expect(yes.setup).toEqual({ state: 'yes', missing: [] });
    expect(yes.reasons.filter((r) => r.rule.startsWith('setup.')).every((r) => r.passed)).toBe(true);
  });

  it('is "no" when a leg fails, and "unknown" naming the input when a leg cannot be tested (never "no")', () => {
    const no = { state: 'no', missing: [] };
    expect(phase({ coins: coinsFor(2), rut: rutNear(10), btcDominance: strained }).setup).toEqual(no); // 10% under
    expect(phase({ coins: coinsFor(5), rut: rutNear(2), btcDominance: strained }).setup).toEqual(no); // alts rotating
    // Rising and at 53%, but two days of dominance give no monthly MACD: a bearish cross cannot be ruled out.
    const noMacd = { state: 'unknown', missing: ['dominance'] };
    expect(phase({ coins: coinsFor(2), rut: rutNear(2), btcDominance: two(52, 53) }).setup).toEqual(noMacd);
    expect(phase({ coins: coinsFor(2), rut: rutNear(2) }).setup).toEqual({ state: 'unknown', missing: ['dominance'] });
    // A failing leg decides even when another is unknown: no series of dominance, alts rotating.
    expect(phase({ coins: coinsFor(5), rut: rutNear(2) }).setup).toEqual(no);
  });

  it('accepts any one dominance condition: falling, or within 59–63', () => {
    const yes = { state: 'yes', missing: [] };
    expect(phase({ coins: coinsFor(2), rut: rutNear(2), btcDominance: two(56, 54.5) }).setup).toEqual(yes); // falling
    expect(phase({ coins: coinsFor(2), rut: rutNear(2), btcDominance: two(60, 60.5) }).setup).toEqual(yes); // range
  });
});

describe('stage on real data (ASI from 77 coins, ETH/BTC from Binance closes)', () => {
  const text = readFileSync(resolve(REAL, 'raw/ETHBTC_derived_from_binance_spot_ETHUSDT_over_BTCUSDT.csv'), 'utf8');
  const ethbtc = parseSeriesCsv(text, 'ethbtc.csv', { value: 'ethbtc_ratio' }).series;
  const set: SeriesSet = { ...realSeries(), ethbtc };
  const byDate = new Map(ethbtc.points.map((p) => [p.date, p.value]));

  it('every day’s raw stage follows the table, with ETH/BTC’s change computed independently', () => {
    let ethRotation = 0;
    // from July 2024: before it fewer than 80% of the 76 coins have a 90-day history (the ASI is unknown)
    for (let d = '2024-07-01'; d <= '2026-03-18'; d = addDays(d, 7)) {
      const { evaluation: e } = evaluateDay(set, s, d, d);
      const asi = e.asi?.value ?? null;
      expect(asi).not.toBeNull();
      const now = byDate.get(d)!;
      const then = [0, 1, 2, 3].map((k) => byDate.get(addDays(d, -30 - k))).find((v) => v !== undefined);
      const ethUp = then !== undefined && (now / then - 1) * 100 >= 5;
      const want =
        asi! <= 25
          ? 'btc-season'
          : asi! >= 75
            ? 'altseason'
            : asi! >= 50
              ? 'alt-rotation'
              : ethUp
                ? 'eth-rotation'
                : 'mixed';
      expect([d, e.phase.rawStage]).toEqual([d, want]);
      if (want === 'eth-rotation') ethRotation++;
    }
    expect(ethRotation).toBeGreaterThan(0);
  });

  it('the history applies hysteresis: fewer stage changes than the raw rule', () => {
    const { days, changes } = stageHistory(set, s, '2025-01-01', '2025-12-31');
    expect(days).toHaveLength(365);
    let rawChanges = 0;
    for (let i = 1; i < days.length; i++) if (days[i]!.rawStage !== days[i - 1]!.rawStage) rawChanges++;
    expect(changes.length).toBeLessThan(rawChanges);
    // every change was preceded by a "confirming" day for the same stage, or held back to the end of the week
    for (const c of changes) {
      const i = days.findIndex((x) => x.date === c!.day);
      const before = days[i - 1];
      if (before) expect(before.confirming?.stage ?? before.held?.stage).toBe(c!.to);
    }
  });
});
