import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectOneLineError, regime } from '../../support/cli';
import { REAL_SERIES } from '../../support/fixtures';

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
      source: expect.stringMatching(/^ethbtc\.csv; derived from ETH and BTC closes/),
    });
    expect(j.events[2].outcomes.total3['90']).toEqual({ status: 'unknown', why: 'no TOTAL3 series' });
    expect(j.summary.breakout.ethbtc['90'].events).toMatchObject({ n: 2, hits: 1, misses: 1 });
    expect(j.summary.breakout.ethbtc['90'].base.n).toBeGreaterThan(2000);
    expect(j.russell.points).toBeUndefined(); // the input closes are not echoed
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
