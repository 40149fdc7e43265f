import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asiSignal } from '../../../lib/signals/asi';
import { defaultSettings } from '../../../lib/settings/defaults';
import type { CoinSeries } from '../../../lib/series/types';
import { realSeries, REAL_SERIES } from '../../support/fixtures';

const s = defaultSettings();
const asi = (coins: Record<string, CoinSeries>, day: string, settings = s.asi) =>
  asiSignal(coins, day, day, settings, 2);

/**
 * An independent plain computation of SIGNALS.md's rule, reading the CSVs with its own parser:
 * return = close(D) / close(D − 90) − 1, the start being the last close within 3 days before D − 90;
 * every altcoin file is in the universe (no market caps), and below 80% of them counted the ASI is unknown.
 */
function plainAsi(day: string) {
  const dir = join(REAL_SERIES, 'coins');
  const closes = new Map<string, Map<string, number>>();
  for (const f of readdirSync(dir)) {
    const m = new Map<string, number>();
    for (const line of readFileSync(join(dir, f), 'utf8').trim().split('\n').slice(1)) {
      const [d, c] = line.split(',');
      m.set(d!, parseFloat(c!));
    }
    closes.set(f.replace('.csv', ''), m);
  }
  const shift = (d: string, n: number) => new Date(Date.parse(d) + n * 86400000).toISOString().slice(0, 10);
  const ret = (m: Map<string, number>) => {
    const end = m.get(day);
    const start = [0, 1, 2, 3].map((k) => m.get(shift(day, -90 - k))).find((v) => v !== undefined);
    return end === undefined || start === undefined ? undefined : end / start - 1;
  };
  const btc = ret(closes.get('BTC')!)!;
  let counted = 0;
  let beat = 0;
  let aimed = 0;
  for (const [sym, m] of closes) {
    if (sym === 'BTC') continue;
    // a coin whose first close comes after the day was not trading yet: not in that day's universe
    if ([...m.keys()].every((d) => d > day)) continue;
    aimed++;
    const r = ret(m);
    if (r === undefined) continue;
    counted++;
    if (r > btc) beat++;
  }
  return { value: counted / aimed < 0.8 ? null : Math.round((100 * beat) / counted), counted, beat, aimed };
}

describe('ASI on the real Binance closes of 77 coins', () => {
  for (const day of [
    '2024-04-01',
    '2024-07-15',
    '2025-01-15',
    '2025-09-19',
    '2025-12-31',
    '2026-03-18',
    '2026-08-31',
  ]) {
    it(`equals the independent computation on ${day}`, () => {
      const got = asi(realSeries().coins!, day);
      const want = plainAsi(day);
      expect(got.coverage).toMatchObject({ counted: want.counted, aimed: want.aimed, minPct: 80 });
      expect(got.value).toBe(want.value);
      if (got.value === null) {
        // 2024-04-01: most perpetuals start after D − 90; 2026-08-31: only 13 files reach past 2026-03-18
        expect(got).toMatchObject({ code: 'low-coverage', args: [want.counted, want.aimed, 80] });
        expect(got.coins).toHaveLength(want.counted);
        return;
      }
      expect({ value: got.value, counted: got.counted, beat: got.beat, aimed: want.aimed }).toEqual(want);
      expect(got.asOf).toBe(day);
      expect(got.from).toBe(new Date(Date.parse(day) - 90 * 86400000).toISOString().slice(0, 10));
      expect(got.coins.every((c) => c.beatBtc === c.return > got.btcReturn)).toBe(true);
      expect(got.universe).toBe('all-given');
    });
  }

  it('lists too-young coins with the reason instead of hiding them', () => {
    const got = asi(realSeries().coins!, '2025-03-01');
    if (got.value === null) throw new Error('ASI unknown');
    const trump = got.excluded.find((e) => e.symbol === 'TRUMP');
    expect(trump?.reason).toBe('too-young');
    expect(trump?.why).toContain('2025-01-18');
    expect(got.coins.find((c) => c.symbol === 'TRUMP')).toBeUndefined();
    expect(got.counted + got.excluded.length).toBe(76);
    // coins that did not trade yet are listed too, and are no gap in the coverage
    const aster = got.excluded.find((e) => e.symbol === 'ASTER');
    expect(aster).toMatchObject({ reason: 'not-listed-yet', args: ['2025-09-19'] }); // its file's first close
    const notYet = got.excluded.filter((e) => e.reason === 'not-listed-yet').length;
    expect(got.coverage!.aimed).toBe(76 - notYet);
  });

  it('2026-08-31: counted 12 of 76 (64 without a close) is below 80% coverage: unknown, with that reason', () => {
    const got = asi(realSeries().coins!, '2026-08-31');
    expect(got).toMatchObject({
      value: null,
      code: 'low-coverage',
      why: 'counted 12 of 76 coins, below the 80% coverage needed',
      args: [12, 76, 80],
      coverage: { counted: 12, aimed: 76, minPct: 80 },
    });
    expect(got.coverage!.pct).toBeCloseTo((100 * 12) / 76, 9);
    expect(got.excluded.filter((e) => e.reason === 'no-close')).toHaveLength(64);
    // what the 12 coins say is not hidden, only not taken as the ASI; a user may accept that coverage
    const accepted = asi(realSeries().coins!, '2026-08-31', { ...s.asi, minCoveragePct: 15 });
    expect(accepted).toMatchObject({ value: 33, counted: 12, coverage: { counted: 12, aimed: 76 } });
  });

  it('the coverage floor is the setting: 17 of 60 in early April 2024 is unknown, 57 of 61 on 04-09 is known', () => {
    // The perpetuals' files start 2024-01-10: until 90 days later they are too young; coins listed later
    // (14 to 16 of them) are not yet in the universe.
    const early = asi(realSeries().coins!, '2024-04-08');
    expect(early).toMatchObject({ value: null, code: 'low-coverage', coverage: { counted: 17, aimed: 61 } });
    expect(asi(realSeries().coins!, '2024-04-09')).toMatchObject({ value: 35, coverage: { counted: 57, aimed: 61 } });
    expect(asi(realSeries().coins!, '2024-05-25', { ...s.asi, minCoveragePct: 97 })).toMatchObject({
      value: null,
      coverage: { counted: 60, aimed: 62 },
    });
    expect(asi(realSeries().coins!, '2024-05-25', { ...s.asi, minCoveragePct: 96 }).value).toBe(27);
  });
});

const coin = (
  symbol: string,
  closes: [string, number][],
  caps?: [string, number][],
  categories?: string[],
): CoinSeries => ({
  symbol,
  closes: { points: closes.map(([date, value]) => ({ date, value })), source: 'test' },
  ...(caps ? { marketCaps: { points: caps.map(([date, value]) => ({ date, value })), source: 'test' } } : {}),
  ...(categories ? { categories } : {}),
});
const D = '2025-06-30';
const F = '2025-04-01'; // D − 90
const pair = (start: number, end: number): [string, number][] => [
  [F, start],
  [D, end],
];

describe('ASI rules', () => {
  it('counts only returns strictly greater than BTC’s (a tie does not beat)', () => {
    const coins = {
      BTC: coin('BTC', pair(100, 110)),
      TIE: coin('TIE', pair(10, 11)),
      UP: coin('UP', pair(1, 2)),
      DOWN: coin('DOWN', pair(1, 0.5)),
    };
    const got = asi(coins, D);
    expect(got.value).toBe(33); // 1 of 3
  });

  it('accepts a start close up to 3 days before D − 90 but not 4', () => {
    const coins = {
      BTC: coin('BTC', pair(100, 100)),
      OK: coin('OK', [
        ['2025-03-29', 1],
        [D, 2],
      ]),
      OLD: coin('OLD', [
        ['2025-03-28', 1],
        [D, 2],
      ]),
    };
    const got = asi(coins, D, { ...s.asi, minCoveragePct: 50 }); // 1 of 2 counted
    if (got.value === null) throw new Error('unknown');
    expect(got.coins.map((c) => c.symbol)).toEqual(['OK']);
    expect(got.excluded).toEqual([
      {
        symbol: 'OLD',
        reason: 'gap-at-start',
        why: 'no close within 3 days before 2025-04-01',
        args: [3, '2025-04-01'],
      },
    ]);
  });

  it('applies the exclusion list and provider categories', () => {
    const coins = {
      BTC: coin('BTC', pair(100, 110)),
      USDT: coin('USDT', pair(1, 1)),
      STETH: coin('STETH', pair(1, 2)),
      XAUT: coin('XAUT', pair(1, 2)),
      NEWSTABLE: coin('NEWSTABLE', pair(1, 1), undefined, ['stablecoins']),
      ETH: coin('ETH', pair(1, 2)),
    };
    const got = asi(coins, D);
    if (got.value === null) throw new Error('unknown');
    expect(got.counted).toBe(1);
    expect(got.value).toBe(100);
    expect(got.excluded.map((e) => [e.symbol, e.reason])).toEqual([
      ['USDT', 'exclusion-list'],
      ['STETH', 'exclusion-list'],
      ['XAUT', 'exclusion-list'],
      ['NEWSTABLE', 'category'],
    ]);
    // a user who removes USDT from the list gets it counted
    const edited = { ...s.asi, excludeSymbols: s.asi.excludeSymbols.filter((x) => x !== 'USDT') };
    const got2 = asi(coins, D, edited);
    expect(got2.value === null ? null : got2.counted).toBe(2);
  });

  it('keeps the top N by that day’s market cap, else today’s, and says which', () => {
    const coins: Record<string, CoinSeries> = { BTC: coin('BTC', pair(100, 110)) };
    for (let i = 1; i <= 5; i++) coins[`C${i}`] = coin(`C${i}`, pair(1, 1 + i / 10), [[D, i * 1000]]);
    const top3 = asi(coins, D, { ...s.asi, topN: 3 });
    if (top3.value === null) throw new Error('unknown');
    expect(top3.universe).toBe('that-day');
    expect(top3.coins.map((c) => c.symbol).sort()).toEqual(['C3', 'C4', 'C5']);
    expect(top3.excluded.filter((e) => e.reason === 'outside-top-n').map((e) => e.symbol)).toEqual(['C2', 'C1']);
    // 60 days earlier, no caps of that day exist: today's universe is used (survivorship bias, labelled)
    const earlier = asiSignal(
      Object.fromEntries(
        Object.entries(coins).map(([k, c]) => [
          k,
          {
            ...c,
            closes: {
              ...c.closes,
              points: [{ date: '2025-01-31', value: 1 }, { date: '2025-05-01', value: 2 }, ...c.closes.points].sort(
                (a, b) => a.date.localeCompare(b.date),
              ),
            },
          },
        ]),
      ),
      '2025-05-01',
      '2025-05-01',
      { ...s.asi, topN: 3 },
      2,
    );
    expect(earlier.value === null ? earlier.why : earlier.universe).toBe('latest');
  });

  it('is unknown, never 0, without BTC or without any countable coin', () => {
    const noBtc = asi({ ETH: coin('ETH', pair(1, 2)) }, D);
    expect(noBtc.value).toBeNull();
    const onlyBtc = asi({ BTC: coin('BTC', pair(1, 2)) }, D);
    expect(onlyBtc.value).toBeNull();
    expect(onlyBtc.value === null && onlyBtc.why).toBe('no altcoin could be counted');
  });
});

describe('ASI coverage: counted k of the N aimed at', () => {
  const grow = (r: number) => pair(1, r);
  /** BTC flat, and `n` coins ranked by market cap C1 (largest) … Cn, each up 10%. */
  function ranked(n: number, young: string[] = []) {
    const coins: Record<string, CoinSeries> = { BTC: coin('BTC', pair(100, 100)) };
    for (let i = 1; i <= n; i++) {
      const sym = `C${i}`;
      const closes: [string, number][] = young.includes(sym) ? [[D, 1.1]] : grow(1.1);
      coins[sym] = coin(sym, closes, [[D, 1000 - i]]);
    }
    return coins;
  }

  it('N is the top N by market cap; a member too young is not replaced by the next coin: the shortfall shows', () => {
    const got = asi(ranked(8, ['C2', 'C5']), D, { ...s.asi, topN: 5, minCoveragePct: 50 });
    if (got.value === null) throw new Error('unknown');
    expect(got.coins.map((c) => c.symbol).sort()).toEqual(['C1', 'C3', 'C4']);
    expect(got.coverage).toEqual({ counted: 3, aimed: 5, pct: 60, minPct: 50 });
    expect(got.excluded.filter((e) => e.reason === 'too-young').map((e) => e.symbol)).toEqual(['C2', 'C5']);
    expect(got.excluded.filter((e) => e.reason === 'outside-top-n').map((e) => e.symbol)).toEqual(['C6', 'C7', 'C8']);
  });

  it('N is the number of ranked candidates when fewer than the top N are given', () => {
    const got = asi(ranked(4, ['C4']), D, { ...s.asi, topN: 50 });
    expect(got.coverage).toEqual({ counted: 3, aimed: 4, pct: 75, minPct: 80 });
    expect(got).toMatchObject({ value: null, code: 'low-coverage', args: [3, 4, 80] });
  });

  it('exactly at the floor is enough; one coin fewer is not', () => {
    const five = ranked(5, ['C5']);
    expect(asi(five, D, { ...s.asi, topN: 5 }).value).toBe(100); // 4 of 5 = 80%
    expect(asi(ranked(5, ['C4', 'C5']), D, { ...s.asi, topN: 5 }).value).toBeNull(); // 3 of 5
  });
});
