import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectOneLineError, regime } from '../../support/cli';
import { REAL_SERIES } from '../../support/fixtures';
import { SHIPPED_ARGS } from './shipped';

describe.concurrent('regime evidence CLI', { timeout: 60_000 }, () => {
  it('--json on the real series: the two rut.csv breakouts, confirmations, outcomes and base rate', async () => {
    const r = await regime('evidence', '--series', REAL_SERIES, '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.russell).toEqual({ source: 'rut.csv', first: '2016-06-28', last: '2026-08-21', closes: 2552 });
    expect(j.events.map((e: { kind: string; date: string }) => `${e.kind} ${e.date}`)).toEqual([
      'breakout 2020-11-13',
      'weekly 2020-11-13',
      'breakout 2025-09-18',
      'weekly 2025-09-19',
    ]);
    expect(j.events[0].outcomes.ethbtc['180']).toMatchObject({
      status: 'known',
      source: 'ethbtc.csv', // both ends are pair closes: the derived days of 2024-26 are not named here
    });
    expect(j.events[2].outcomes.ethbtc['90'].source).toMatch(
      /^derived from ETH and BTC closes \(coins\/\*\.csv\) on 2025-/,
    );
    expect(j.events[2].outcomes.total3['90']).toEqual({ status: 'unknown', why: 'no TOTAL3 series' });
    expect(j.summary.breakout.ethbtc['90'].events).toMatchObject({ n: 2, hits: 1, misses: 1 });
    expect(j.summary.breakout.ethbtc['90'].base.n).toBeGreaterThan(2000);
    expect(j.russell.points).toBeUndefined(); // the input closes are not echoed
    // Without --macro the thesis runs on what the directory has, and says the CLI has no live log.
    expect(j.thesis.series.asi.map((s: { source: string }) => s.source)).toEqual([
      'our ASI from coins/*.csv (days with ≥ 40 coins)',
    ]);
    expect(j.live).toEqual({ available: false, why: expect.stringContaining('the CLI has no live log'), events: [] });
  });

  it('shipped data (--macro, --market SPY): thesis, controls, MACD crosses, empty live log in the JSON', async () => {
    const r = await regime('evidence', ...SHIPPED_ARGS, '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(
      j.thesis.claims.map((c: { spec: { id: string }; held: number; known: number }) => [c.spec.id, c.held, c.known]),
    ).toEqual([
      ['asi', 1, 2],
      ['dominance', 2, 3],
      ['total3-90', 1, 3],
      ['total3-180', 2, 3],
    ]);
    expect(j.thesis.claims[1].permutation).toMatchObject({ permutations: 10_000, seed: 20_251_918, k: 3, pool: 4553 });
    expect(
      j.macd.crosses.filter((c: { type: string }) => c.type === 'bearish').map((c: { month: string }) => c.month),
    ).toEqual(['2016-05', '2017-03', '2020-08', '2022-09', '2022-11', '2025-09']);
    expect(j.thesisSummary.judged.map((v: { date: string; verdict: string }) => `${v.date} ${v.verdict}`)).toEqual([
      '2016-11-14 held',
      '2020-11-13 held',
      '2025-09-18 not',
    ]);
    expect(j.thesis.others[0].breakouts.map((b: { date: string }) => b.date)).toEqual(['2024-01-19']);
    expect(j.live.events).toEqual([]);
  });

  it('the shipped data as text: the 30-second summary first, each claim with n, events listed below 5', async () => {
    const r = await regime('evidence', ...SHIPPED_ARGS, '--permutations', '2000', '--seed', '7');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^In 30 seconds/);
    expect(r.stdout).toContain('- 2020-11-13: held. Altcoin season came (ASI 98 on 2021-04-16');
    expect(r.stdout).toContain('- 2025-09-18: did not hold. No altcoin season (ASI peak 39 on 2026-01-08');
    expect(r.stdout).toMatch(/Placebo dates: 2000 sets of 3 random days from those 4553; .* seed 7\)/);
    expect(r.stdout).toContain('Every day with data: held on 897 of 4553 (19.7%) days');
    expect(r.stdout).toMatch(/2017-03\s+67\.1\s+-26\.7 pts\s+-19\.6 pts\s+held: fell 29\.2 pts/);
    // n < 5: the events, not a median.
    expect(r.stdout).toMatch(/\+180 d .*\| 2020-11-13 \+163\.7%, 2025-09-18 -20\.0%/);
    expect(r.stdout).toContain('Since install: the CLI has no live log');
  });

  it('--rut rut-long.csv: the table shows all six breakouts, says which have no data, and the base rate', async () => {
    const r = await regime('evidence', '--series', REAL_SERIES, '--rut', join(REAL_SERIES, 'rut-long.csv'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Events: 6 breakouts, 6 weekly confirmations.');
    for (const d of ['2004-04-05', '2011-04-27', '2013-01-02', '2016-11-14', '2020-11-13', '2025-09-18'])
      expect(r.stdout).toMatch(new RegExp(`breakout  ${d}`));
    expect(r.stdout).toContain(
      'Breakouts with any outcome data: 2 of 6; none for 2004-04-05, 2011-04-27, 2013-01-02, 2016-11-14',
    );
    expect(r.stdout).toMatch(/2020-11-13 breakout\s+ETH\/BTC\s+\+5\.6%\s+\+27\.6%\s+\+163\.7%/);
    expect(r.stdout).toMatch(/TOTAL3 vs BTC\s+no data at any horizon \(unknown, not 0\)/);
    expect(r.stdout).toContain('it does not predict and is not advice');
  });

  it('bad input: one stderr line and a non-zero exit', async () => {
    expectOneLineError(await regime('evidence'), '--series DIR is required');
    expectOneLineError(
      await regime('evidence', '--series', REAL_SERIES, '--as-of', '2025-01-01'),
      'unknown argument "--as-of"',
    );
    expectOneLineError(await regime('evidence', '--series', '/nonexistent/dir'), 'series directory not found');
    expectOneLineError(
      await regime('evidence', '--series', REAL_SERIES, '--seed', 'x'),
      '--seed: "x" is not a whole number',
    );
    expectOneLineError(
      await regime('evidence', '--series', REAL_SERIES, '--permutations', '0'),
      'is not a whole number ≥ 1',
    );
    expectOneLineError(
      await regime('evidence', '--series', REAL_SERIES, '--macro', '/nonexistent'),
      '--macro /nonexistent: directory not found',
    );
    expectOneLineError(
      await regime('evidence', '--series', REAL_SERIES, '--market', '/nonexistent.json'),
      '--market /nonexistent.json: file not found',
    );
    expectOneLineError(
      await regime('evidence', '--series', REAL_SERIES, '--rut', '/nonexistent.csv'),
      '--rut /nonexistent.csv: file not found',
    );

    const dir = mkdtempSync(join(tmpdir(), 'evidence-'));
    mkdirSync(join(dir, 'coins'));
    cpSync(join(REAL_SERIES, 'coins/BTC.csv'), join(dir, 'coins/BTC.csv'));
    expectOneLineError(await regime('evidence', '--series', dir), 'evidence needs Russell closes: no rut.csv');
    writeFileSync(join(dir, 'rut.csv'), 'date,close\n2025-01-02,2200\n2025-01-03,oops\n');
    expectOneLineError(await regime('evidence', '--series', dir), 'rut.csv line 3');
  });
});
