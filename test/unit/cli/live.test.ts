import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { liveJson, liveText } from '../../../lib/cli/format';
import { liveSnapshot, sourceErrors } from '../../../lib/cli/live';
import { defaultSettings } from '../../../lib/settings/defaults';
import { DEFAULT_NOW, startEmulator, type Emulator } from '../../support/emulator';
import { REPO_ROOT } from '../../support/paths';

const ROOT = REPO_ROOT;
const run = promisify(execFile);
let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ now: Date.now() });
});
afterAll(() => emu.close());

async function regime(env: Record<string, string>, ...args: string[]) {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', 'lib/cli/regime.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    return { code: 0, ...r };
  } catch (e) {
    return e as { code: number; stdout: string; stderr: string };
  }
}

describe('regime --live', { timeout: 60_000 }, () => {
  it('evaluates today from the providers (here the emulator) and lists no errors', async () => {
    // Today's real date (the date matrix pins it): only what holds on any date is asserted of this run.
    const r = await regime({ REGIME_API_EMULATOR: emu.httpUrl }, '--live', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.errors).toEqual([]);
    expect(j.russell.source).toBe('Yahoo ^RUT');
    expect(j.asi.counted).toBe(j.asi.coverage.counted);
    expect(Object.keys(j.sources)).toEqual(
      expect.arrayContaining(['binance', 'yahoo', 'cmc', 'coingecko', 'alternative.me']),
    );
    expect(emu.count()).toBeGreaterThan(40);
  });

  it('after the data has ended: the ASI as of its last day, too few coins for an ASI, no stage, no cross-check', async () => {
    // A day after the fixture closes end (2026-08-31, where only 13 of the coins have closes: too few of the top 50).
    const now = Date.parse('2026-11-30T12:00:00Z');
    const emu2 = await startEmulator({ now });
    try {
      const snap = await liveSnapshot(defaultSettings(), now, { REGIME_API_EMULATOR: emu2.httpUrl });
      const errors = sourceErrors(snap);
      expect(errors).toEqual([]);
      const j = JSON.parse(JSON.stringify(liveJson(snap, errors)));
      expect(j.asi.asOf).toBe('2026-08-31');
      expect(j.asi).toMatchObject({ value: null, code: 'low-coverage', coverage: { aimed: 50, minPct: 80 } });
      expect(j.asi.coverage.counted).toBeLessThan(40);
      expect(j.phase.stage).toBe('unknown');
      // CoinMarketCap's altcoin-season chart has no point in the week before that day: none to show (null, not 0)
      expect(j.crossCheck).toBeNull();
    } finally {
      await emu2.close();
    }
  });

  it('on the emulator’s day: CoinMarketCap’s index beside our ASI with the difference, and the coverage', async () => {
    const emu2 = await startEmulator({ now: DEFAULT_NOW });
    try {
      const snap = await liveSnapshot(defaultSettings(), DEFAULT_NOW, { REGIME_API_EMULATOR: emu2.httpUrl });
      const errors = sourceErrors(snap);
      expect(errors).toEqual([]);
      const ours = snap.evaluation.asi!;
      if (ours.value === null) throw new Error(`ASI unknown: ${ours.why}`);
      const cmc = snap.crossCheck!;
      const j = JSON.parse(JSON.stringify(liveJson(snap, errors)));
      expect(j.crossCheck).toEqual({
        cmc: cmc.cmcAsi,
        cmcAsOf: cmc.asOf,
        ours: ours.value,
        oursAsOf: ours.asOf,
        diff: cmc.cmcAsi - ours.value,
      });
      expect(j.asi.value).toBe(ours.value); // ours stays ours: the cross-check is beside it, never mixed in
      expect(j.asi.coverage).toEqual({ counted: 50, aimed: 50, pct: 100, minPct: 80 });
      const text = liveText(snap, errors);
      const d = cmc.cmcAsi - ours.value;
      const diff = `${d > 0 ? '+' : ''}${d}`;
      expect(text).toContain(
        `  CoinMarketCap  altcoin season index ${cmc.cmcAsi} as of ${cmc.asOf} (ours ${ours.value}, ${diff})`,
      );
      expect(text).toContain(', for comparison only');
      expect(text).toContain('counted 50 of 50 coins of the universe (100%; at least 80% needed)');
    } finally {
      await emu2.close();
    }
  });

  it('offline, prints every provider’s error and exits non-zero', async () => {
    // An address nothing listens on: every connection is refused, as on a machine without network.
    const r = await regime({ REGIME_API_EMULATOR: 'http://127.0.0.1:9' }, '--live');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Stage: No data [unknown]');
    expect(r.stdout).toContain('Source errors:');
    for (const p of ['Yahoo Finance', 'Binance market data', 'CoinGecko', 'CoinMarketCap', 'alternative.me'])
      expect(r.stdout).toContain(`${p}: network:`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses --live with a series directory', async () => {
    const r = await regime({}, '--live', '--series', 'x');
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      'regime: --live evaluates today from the APIs: it takes no --series, --as-of or --history',
    );
  });
});
