import { describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectOneLineError, regime } from '../../support/cli';
import { daysBetween } from '../../../lib/series/dates';
import { REAL_SERIES, REAL_SERIES_FULL } from '../../support/fixtures';

// Each case spawns the CLI (about 1 s of start-up on 2 cores), so these run concurrently with a longer timeout.
describe.concurrent('regime CLI on the real series', { timeout: 60_000 }, () => {
  it.each(['2024-07-15', '2025-09-19', '2026-03-18'])(
    '--as-of %s --json prints one object with the documented fields',
    async (day) => {
      const r = await regime('--series', REAL_SERIES, '--as-of', day, '--json');
      expect(r.code).toBe(0);
      const j = JSON.parse(r.stdout);
      expect(j.asOf).toBe(day);
      expect(['btc-season', 'eth-rotation', 'mixed', 'alt-rotation', 'altseason', 'unknown']).toContain(j.phase.stage);
      expect(Array.isArray(j.phase.flags)).toBe(true);
      expect(['yes', 'no', 'unknown']).toContain(j.phase.setup.state);
      expect(Array.isArray(j.phase.setup.missing)).toBe(true);
      expect(j.phase.reasons.length).toBeGreaterThan(3);
      expect(j.phase.reasons[0]).toEqual(
        expect.objectContaining({
          signal: expect.any(String),
          comparator: expect.any(String),
          decisive: true,
        }),
      );
      for (const x of j.phase.reasons) expect([true, false, null]).toContain(x.passed);
      expect(j.asi.value).toBeGreaterThanOrEqual(0);
      expect(j.asi.counted).toBe(j.asi.coins.length);
      expect(j.asi.coins[0]).toEqual(
        expect.objectContaining({
          symbol: expect.any(String),
          return: expect.any(Number),
          beatBtc: expect.any(Boolean),
        }),
      );
      expect(Array.isArray(j.asi.excluded)).toBe(true);
      expect(j.russell).toEqual(
        expect.objectContaining({
          close: expect.any(Number),
          ath: expect.any(Number),
          pctFromAth: expect.any(Number),
          state: expect.any(String),
          lastBreakoutDate: expect.any(String),
          weeklyConfirmed: expect.any(Boolean),
        }),
      );
      expect(j.total3).toBeNull(); // no total3.csv in the real data: unknown, not zero
      expect(j.fearGreed.value).toBeGreaterThanOrEqual(0);
    },
  );

  it('2026-08-31: the ASI of 12 of 76 coins is unknown, with its coverage, in the text and the JSON', async () => {
    const text = (await regime('--series', REAL_SERIES, '--as-of', '2026-08-31')).stdout;
    expect(text).toContain('  ASI            unknown (counted 12 of 76 coins, below the 80% coverage needed)');
    expect(text).toContain('counted 12 of 76 coins of the universe (15%; at least 80% needed); 64 excluded');
    expect(text).toContain('Stage: No data [unknown]');
    const j = JSON.parse((await regime('--series', REAL_SERIES, '--as-of', '2026-08-31', '--json')).stdout);
    expect(j.asi).toMatchObject({ value: null, code: 'low-coverage', args: [12, 76, 80], counted: 12 });
    expect(j.asi.coverage).toMatchObject({ counted: 12, aimed: 76, minPct: 80 });
    expect(j.asi.coins).toHaveLength(12);
    const known = await regime('--series', REAL_SERIES, '--as-of', '2026-03-18');
    expect(known.stdout).toContain('counted 76 of 76 coins of the universe (100%; at least 80% needed)');
  });

  it('reports the 2025-09-19 weekly confirmation and breakout', async () => {
    const j = JSON.parse((await regime('--series', REAL_SERIES, '--as-of', '2025-09-19', '--json')).stdout);
    expect(j.russell).toMatchObject({
      close: 2448.77,
      ath: 2467.7,
      lastBreakoutDate: '2025-09-18',
      weeklyConfirmed: true,
      state: 'breakout',
    });
  });

  it('defaults to BTC’s latest close and prints a readable summary', async () => {
    const r = await regime('--series', REAL_SERIES);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('as of 2026-08-31');
    expect(r.stdout).toMatch(/Stage: .+ \[[a-z-]+\]/);
    expect(r.stdout).toContain('Russell 2000');
    expect(r.stdout).toContain('TOTAL3         unknown (no total3.csv)');
  });

  it('tells a missing file from a file without data up to the day', async () => {
    const r = await regime('--series', REAL_SERIES, '--as-of', '2025-09-19');
    // snapshots start 2026-04-24
    expect(r.stdout).toContain('BTC dominance  unknown (no data on or before 2025-09-19)');
    expect(r.stdout).toContain('Stage: Altcoin season [altseason]');
  });

  it('--history prints the daily stage sequence with hysteresis', async () => {
    const r = await regime('--series', REAL_SERIES, '--history', '2025-09-01', '2025-09-30', '--json');
    expect(r.code).toBe(0);
    const days = JSON.parse(r.stdout);
    expect(days).toHaveLength(30);
    expect(days[0]).toEqual(expect.objectContaining({ date: '2025-09-01', stage: expect.any(String) }));
    expect('confirming' in days[0]).toBe(true);
  });

  it('--history on series-full 2024-07-15..2026-03-18: a known setup and a known BTC dominance on every day (#15)', async () => {
    const r = await regime('--series', REAL_SERIES_FULL, '--history', '2024-07-15', '2026-03-18', '--json');
    expect(r.code).toBe(0);
    const days = JSON.parse(r.stdout) as { date: string; setup: string; dominance: number | null }[];
    expect(days).toHaveLength(daysBetween('2024-07-15', '2026-03-18') + 1);
    expect(days.filter((d) => d.setup !== 'yes' && d.setup !== 'no').map((d) => d.date)).toEqual([]);
    expect(days.filter((d) => !(typeof d.dominance === 'number' && d.dominance > 0)).map((d) => d.date)).toEqual([]);
    // the same days as text: one line each, the setup and dominance in columns
    const text = await regime('--series', REAL_SERIES_FULL, '--history', '2025-12-18', '2025-12-18');
    const d = days.find((x) => x.date === '2025-12-18')!;
    expect(text.stdout.trim()).toMatch(new RegExp(`BTC\\.D +${d.dominance!.toFixed(1)}  setup ${d.setup}$`));
  });

  it('--history applies the hysteresis: a new stage shows only on its third day (real coins, Nov 2024)', async () => {
    const r = await regime('--series', REAL_SERIES, '--history', '2024-11-06', '2024-11-14', '--json');
    const days = JSON.parse(r.stdout) as {
      date: string;
      stage: string;
      rawStage: string;
      confirming: { stage: string; count: number } | null;
      asi: number;
    }[];
    const row = (d: (typeof days)[number]) =>
      `${d.date} ${d.asi} ` +
      `${d.rawStage}→${d.stage}${d.confirming ? ` (${d.confirming.stage} ${d.confirming.count}/3)` : ''}`;
    expect(days.map(row)).toEqual([
      '2024-11-06 20 btc-season→btc-season',
      '2024-11-07 27 mixed→btc-season', // 27 is not more than 3 points past Bitcoin season's 25
      '2024-11-08 30 mixed→btc-season (mixed 1/3)',
      '2024-11-09 31 mixed→btc-season (mixed 2/3)',
      '2024-11-10 31 mixed→mixed',
      '2024-11-11 31 mixed→mixed',
      '2024-11-12 28 mixed→mixed',
      '2024-11-13 23 btc-season→mixed (btc-season 1/3)',
      '2024-11-14 27 mixed→mixed', // the candidate did not hold: the count starts again
    ]);
  });

  it('--history with the contract example (2 days, no hold): the change comes a day sooner', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'regime-')), 'example.json');
    writeFileSync(file, JSON.stringify({ hysteresis: { confirmDays: 2, marginPoints: 3, holdDays: 0 } }));
    const r = await regime(
      '--series',
      REAL_SERIES,
      '--history',
      '2024-11-06',
      '2024-11-10',
      '--settings',
      file,
      '--json',
    );
    const days = JSON.parse(r.stdout) as { date: string; stage: string; asi: number }[];
    expect(days.map((d) => `${d.date} ${d.asi} ${d.stage}`)).toEqual([
      '2024-11-06 20 btc-season',
      '2024-11-07 27 btc-season',
      '2024-11-08 30 btc-season', // confirming mixed 1/2
      '2024-11-09 31 mixed',
      '2024-11-10 31 mixed',
    ]);
  });

  it('--settings applies a validated settings file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'regime-'));
    const file = join(dir, 's.json');
    writeFileSync(file, JSON.stringify({ stage: { btcSeasonMax: 45 } }));
    const base = JSON.parse((await regime('--series', REAL_SERIES, '--as-of', '2026-03-18', '--json')).stdout);
    const custom = JSON.parse(
      (await regime('--series', REAL_SERIES, '--as-of', '2026-03-18', '--json', '--settings', file)).stdout,
    );
    expect(base.asi.value).toBe(39);
    expect(base.phase.stage).not.toBe('btc-season');
    expect(custom.phase.stage).toBe('btc-season');
    writeFileSync(file, JSON.stringify({ stage: { btcSeasonMax: 60 } }));
    expectOneLineError(await regime('--series', REAL_SERIES, '--settings', file), 'stage.btcSeasonMax');
    writeFileSync(file, '{not json');
    expectOneLineError(await regime('--series', REAL_SERIES, '--settings', file), 'not valid JSON');
  });

  it('fails with one clear line on bad input', async () => {
    expectOneLineError(await regime('--series', '/nonexistent/dir'), 'series directory not found: /nonexistent/dir');
    expectOneLineError(await regime('--series', REAL_SERIES, '--as-of', '2031-01-01'), 'outside the data');
    expectOneLineError(await regime('--series', REAL_SERIES, '--as-of', '2024-13-01'), 'is not a YYYY-MM-DD date');
    expectOneLineError(await regime('--series'), '--series needs a value');
    expectOneLineError(await regime('--bogus'), 'unknown argument "--bogus"');
    expectOneLineError(await regime('--series', REAL_SERIES, '--history', '2025-02-01', '2025-01-01'), 'is after TO');
  });

  it('names the file and line of a malformed CSV', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'regime-'));
    mkdirSync(join(dir, 'coins'));
    cpSync(join(REAL_SERIES, 'coins', 'BTC.csv'), join(dir, 'coins', 'BTC.csv'));
    writeFileSync(join(dir, 'coins', 'ETH.csv'), 'date,close\n2024-01-01,2300\n2024-01-02,oops\n');
    expectOneLineError(await regime('--series', dir), 'coins/ETH.csv line 3: close "oops" is not a number');
  });
});
