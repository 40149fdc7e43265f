import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSeriesCsv } from '../../../lib/series/csv';
import { addDays } from '../../../lib/series/dates';
import { SERIES_FILES } from '../../../lib/series/files';
import { isUsSession } from '../../../lib/series/us-market';
import type { Series } from '../../../lib/series/types';
import { defaultSettings } from '../../../lib/settings/defaults';
import { etfFlowsSignal, flowsRotation, type EtfAssetFlows } from '../../../lib/signals/etf-flows';
import { regime } from '../../support/cli';
import { REAL_SERIES_FULL } from '../../support/paths';

const S = defaultSettings().etfFlows;
const read = (key: 'etfFlowsBtc' | 'etfFlowsEth'): Series => {
  const { file, spec } = SERIES_FILES[key];
  return parseSeriesCsv(readFileSync(join(REAL_SERIES_FULL, file), 'utf8'), file, spec).series;
};
const series = (rows: [string, number][]): Series => ({
  source: 'test',
  points: rows.map(([date, value]) => ({ date, value })),
});

describe('ETF flows on the real series (series-full), through the CLI', () => {
  // Pinned by hand from the CSV rows (etf-flows-btc.csv, etf-flows-eth.csv), holidays skipped by the NYSE calendar.
  it('2025-01-02, the session right after the New Year holiday (2025-01-01 has a 0.0 row, not a session)', async () => {
    const r = await regime('--series', REAL_SERIES_FULL, '--as-of', '2025-01-02', '--json');
    expect(r.code).toBe(0);
    const f = JSON.parse(r.stdout).etfFlows;
    // BTC 5 sessions: 01-02 −242.3, 12-31 +5.3, 12-30 −415.1, 12-27 −287.9, 12-26 +475.2 (12-25 and 01-01 are
    // holidays with 0.0 rows) = −464.8. 20 sessions: that plus 12-24 −338.4, 12-23 −226.5, 12-20 −277.0,
    // 12-19 −671.9, 12-18 +275.3, 12-17 +493.9, 12-16 +636.9, 12-13 +428.9, 12-12 +597.5, 12-11 +223.1,
    // 12-10 +438.5, 12-09 +479.1, 12-06 +376.6, 12-05 +766.7, 12-04 +556.8 = −464.8 + 3759.5 = 3294.7.
    // Streak: 01-02 out, 12-31 in → 1 session of outflow.
    expect(f.btc).toMatchObject({ asOf: '2025-01-02', last: -242.3, streak: { direction: 'out', sessions: 1 } });
    expect(f.btc.short).toMatchObject({ value: -464.8, sessions: 5, from: '2024-12-26', to: '2025-01-02' });
    expect(f.btc.long).toMatchObject({ value: 3294.7, sessions: 20, from: '2024-12-04', missing: [] });
    // ETH 5 sessions: −77.5 + 36.0 − 55.5 + 47.7 + 117.2 = 67.9.
    expect(f.eth).toMatchObject({ last: -77.5, short: { value: 67.9 } });
    // BTC's 20-session sum is an inflow: no rotation.
    expect(f.rotation).toBe(false);
  });

  it('2025-02-24: BTC out, ETH in over 20 sessions (Presidents Day 2025-02-17 inside the windows)', async () => {
    const r = await regime('--series', REAL_SERIES_FULL, '--as-of', '2025-02-24', '--json');
    const f = JSON.parse(r.stdout).etfFlows;
    // BTC 5: 02-24 −565.9, 02-21 −62.9, 02-20 −364.8, 02-19 −71.2, 02-18 −60.7 = −1125.5; the streak crosses
    // the holiday and stops at 02-14 (+66.2): 5 sessions of outflow.
    // BTC 20 (02-24 … 01-27, 02-17 skipped): −1125.5 + 66.2 − 157.8 − 251.0 − 56.7 − 186.3 + 171.3 − 140.2 + 66.4
    // + 340.7 − 234.4 + 318.6 + 588.1 + 92.0 + 18.4 − 457.6 = −947.8.
    expect(f.btc.short.value).toBe(-1125.5);
    expect(f.btc.long).toMatchObject({ value: -947.8, from: '2025-01-27', to: '2025-02-24' });
    expect(f.btc.streak).toEqual({ direction: 'out', sessions: 5, atLeast: false });
    // ETH 5: −78.0 − 8.9 − 13.1 + 19.0 + 4.6 = −76.4; streak −78.0, −8.9, −13.1, then +19.0: 3 out.
    // ETH 20: −76.4 + 11.7 + 12.8 − 40.9 + 12.6 − 22.5 + 0.0 + 10.7 + 18.1 + 307.8 + 83.6 + 27.8 + 67.8 − 4.7
    // + 0.0 − 136.2 = 272.2 (the 0.0 of 02-07 and 01-28 are sessions: a flat day counts, as 0).
    expect(f.eth.short.value).toBe(-76.4);
    expect(f.eth.long.value).toBe(272.2);
    expect(f.eth.streak).toEqual({ direction: 'out', sessions: 3, atLeast: false });
    expect(f.rotation).toBe(true);
    const text = await regime('--series', REAL_SERIES_FULL, '--as-of', '2025-02-24');
    expect(text.stdout).toContain('BTC last -565.9 m USD (2025-02-24), 5 sessions -1125.5 m USD, 20 sessions -947.8');
    expect(text.stdout).toContain("rotation (BTC 20-session sum < 0, ETH's > 0): yes");
  });

  it('2025-09-18, the Russell breakout: flows of the week', async () => {
    const r = await regime('--series', REAL_SERIES_FULL, '--as-of', '2025-09-18', '--json');
    const f = JSON.parse(r.stdout).etfFlows;
    // BTC 5: 163.0 − 51.3 + 292.3 + 259.9 + 642.4 = 1306.3. ETH 5: 213.1 − 1.9 − 61.7 + 359.7 + 405.5 = 914.7.
    // 20 sessions (09-18 … 08-21, Labor Day 09-01 skipped): BTC 3461.3, ETH 2070.9.
    expect([f.btc.short.value, f.btc.long.value, f.eth.short.value, f.eth.long.value]).toEqual([
      1306.3, 3461.3, 914.7, 2070.9,
    ]);
    expect(f.btc.long.from).toBe('2025-08-21');
    expect(f.btc.streak).toEqual({ direction: 'in', sessions: 1, atLeast: false });
  });

  it(
    'the evidence CLI: the flows to and after the 2025-09-18 breakout beside every session',
    { timeout: 240_000 },
    async () => {
      const r = await regime('evidence', '--series', REAL_SERIES_FULL);
      expect(r.code).toBe(0);
      // "to it" are the 20-session sums pinned above for 2025-09-18.
      expect(r.stdout).toContain(
        '2025-09-18 breakout: to it BTC +3461.3, ETH +2070.9, rotation no; ' +
          'after it BTC +4417.1, ETH +956.6, rotation no',
      );
      expect(r.stdout).toMatch(/every session \(484 windows\): median BTC [-+]\d/);
    },
  );

  it('every day 2024-07-23..2026-07-24 has both assets, and each sum is the CSV rows of its sessions', () => {
    const btc = read('etfFlowsBtc');
    const eth = read('etfFlowsEth');
    const rows = new Map([...btc.points].map((p) => [p.date, p.value]));
    for (let d = '2024-07-23'; d <= '2026-07-24'; d = addDays(d, 7)) {
      const f = etfFlowsSignal(btc, eth, d, d, S, 4)!;
      expect(f.btc && f.eth, d).toBeTruthy();
      // Independent of the module: the last 5 calendar days that are sessions and have a row, summed.
      const sessions: string[] = [];
      for (let x = f.btc!.asOf; sessions.length < 5; x = addDays(x, -1)) if (isUsSession(x)) sessions.push(x);
      const want = sessions.reduce((a, x) => a + rows.get(x)!, 0);
      expect(f.btc!.short.value, d).toBeCloseTo(want, 6);
      expect(f.btc!.short.to).toBe(sessions[0]);
    }
  });
});

describe('ETF flows rules', () => {
  it('a missing session makes the sums that hold it unknown, never 0, and names it', () => {
    // 2025-03-03..07 is a full week of sessions; 03-05 has no row.
    const b = series([
      ['2025-03-03', 10],
      ['2025-03-04', 20],
      ['2025-03-06', 30],
      ['2025-03-07', 40],
    ]);
    const f = etfFlowsSignal(b, undefined, '2025-03-07', '2025-03-07', { ...S, shortSessions: 2 }, 4)!;
    expect(f.btc!.short).toMatchObject({ value: 70, missing: [] });
    expect(f.btc!.long.value).toBeNull();
    expect(f.btc!.long.missing).toContain('2025-03-05');
    // The streak reaches the gap: at least 2 sessions.
    expect(f.btc!.streak).toEqual({ direction: 'in', sessions: 2, atLeast: true });
    expect(f.eth).toBeNull();
    expect(f.rotation).toBeNull();
  });

  it("a holiday row is not a session: not the last session's flow, not in a window", () => {
    const b = series([
      ['2024-12-31', 5],
      ['2025-01-01', 0],
    ]);
    const f = etfFlowsSignal(b, undefined, '2025-01-01', '2025-01-01', { ...S, shortSessions: 1 }, 4)!;
    expect(f.btc!.asOf).toBe('2024-12-31');
    expect(f.btc!.last).toBe(5);
    expect(f.btc!.short.value).toBe(5);
  });

  it('sessions before listing are not in the window: ETH on its first day has one session', () => {
    const f = etfFlowsSignal(undefined, read('etfFlowsEth'), '2024-07-23', '2024-07-23', S, 4)!;
    expect(f.eth!.short).toMatchObject({ value: 106.6, sessions: 1, missing: [] });
  });

  it('stale after the max age: the rotation is then unknown', () => {
    const btc = read('etfFlowsBtc');
    const eth = read('etfFlowsEth');
    expect(etfFlowsSignal(btc, eth, '2025-02-24', '2025-02-28', S, 4)!.rotation).toBe(true);
    const late = etfFlowsSignal(btc, eth, '2025-02-24', '2025-03-01', S, 4)!;
    expect(late).toMatchObject({ stale: true, ageDays: 5, rotation: null });
  });

  it('rotation is tri-state: one known failing leg is enough for "no"', () => {
    const a = (v: number | null, stale = false) => ({ long: { value: v }, stale }) as unknown as EtfAssetFlows;
    expect(flowsRotation(a(-1), a(1))).toBe(true);
    expect(flowsRotation(a(1), null)).toBe(false);
    expect(flowsRotation(null, a(-1))).toBe(false);
    expect(flowsRotation(a(-1), null)).toBeNull();
    expect(flowsRotation(a(-1), a(null))).toBeNull();
    expect(flowsRotation(a(-1), a(1, true))).toBeNull();
  });
});
