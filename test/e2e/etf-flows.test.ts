/**
 * ETF flows end to end (issue 16) in real Chromium against the API emulator: the worker asks CoinMarketCap's
 * netflow endpoint once, the snapshot carries the flows the emulator served (real Farside values laid on the
 * sessions up to today, test/support/emulator/routes/cmc-etf.ts), and the popup shows the tile and the
 * 90-session histogram. Then the same endpoint answers "system busy": the flows are unknown with that reason,
 * and every other signal is what the run without the fault had.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeFormat } from '../../lib/format/format';
import type { Snapshot } from '../../lib/snapshot/types';
import { SKIP, startWorld, suiteName, waitFor, type World } from '../support/e2e';
import { servedEtfFlows } from '../support/emulator/routes/cmc-etf';

const CMC = 'api.coinmarketcap.com';
const ETF_PATH = '/data-api/v3/etf/overview/netflow/chart';
const BUSY = { status: { error_code: '500', error_message: 'System busy, please try again later' } };

async function popup(w: World): Promise<Page> {
  const page = await w.ext.context.newPage();
  await page.goto(w.ext.extensionUrl('popup.html'));
  await page.locator('[data-tile="etfFlows"]').waitFor();
  return page;
}

/** The evaluation without the ETF flows, their reason and what depends on the clock of the run. */
function others(s: Snapshot) {
  const { etfFlows: _f, phase, ...signals } = s.evaluation;
  return { signals, stage: phase.stage, reasons: phase.reasons.filter((r) => r.signal !== 'etfFlows') };
}

describe.skipIf(SKIP)(suiteName('ETF flows from the emulator'), { timeout: 300_000 }, () => {
  let good: Snapshot;

  it('the worker fetches them once; the popup shows the sums, the streak and the histogram', async () => {
    const w = await startWorld();
    try {
      good = await w.waitForSnapshot(
        (s) => s.evaluation.asi?.value != null && s.evaluation.etfFlows?.btc != null,
        'a snapshot with the ASI and ETF flows',
      );
      const served = servedEtfFlows(w.emu.now).filter((d) => d.from !== null);
      const sum = (n: number, k: 'btc' | 'eth') => served.slice(-n).reduce((a, d) => a + d[k]!, 0);
      const f = good.evaluation.etfFlows!;
      expect(f.btc!.asOf).toBe(served.at(-1)!.day);
      expect(f.btc!.last).toBe(served.at(-1)!.btc);
      expect(f.btc!.short.value).toBeCloseTo(sum(5, 'btc'), 6);
      expect(f.eth!.short.value).toBeCloseTo(sum(5, 'eth'), 6);
      expect(good.etfFlowsError).toBeNull();
      expect(w.emu.count((q) => q.path.startsWith(ETF_PATH))).toBe(1);

      const page = await popup(w);
      const fmt = makeFormat(await page.evaluate(() => navigator.language));
      const btcLine = await page.locator('[data-tile="etfFlows"] [data-testid="etf-BTC"]').textContent();
      expect(btcLine).toContain(fmt.signed(served.at(-1)!.btc, 1));
      expect(btcLine).toContain(fmt.signed(f.btc!.short.value, 1));
      expect(btcLine).toContain(fmt.signed(f.btc!.long.value, 1));
      expect(await page.locator('[data-tile="etfFlows"] [data-testid="etf-error"]').count()).toBe(0);
      // The histogram: one bar per served session (fewer than 90 from a 30-day answer), the newest one last.
      await page.getByRole('tab', { name: 'Charts' }).click();
      await page.locator('.charts[data-full="true"]').waitFor();
      const caption = await page.locator('[data-card="etfFlows"] figcaption').textContent();
      expect(caption).toContain(fmt.day(served.at(-1)!.day));
      expect(caption).toContain(String(served.length));
      // Charts are built when they come near the viewport (#18.2): scroll to it, then the canvas appears.
      await page.locator('[data-card="etfFlows"]').scrollIntoViewIfNeeded();
      await page.locator('[data-card="etfFlows"] canvas').first().waitFor();
      expect(await page.locator('[data-card="etfFlows"] canvas').count()).toBeGreaterThan(0);
    } finally {
      await w.close();
    }
  });

  it('"system busy" from CoinMarketCap: flows unknown with the reason, every other signal unchanged', async () => {
    const w = await startWorld({
      beforeLaunch: (emu) => emu.setFault(CMC, { status: 200, body: BUSY, path: ETF_PATH }),
    });
    try {
      const s = await waitFor(
        () => w.snapshot(),
        (x) => x?.evaluation.asi?.value != null && x.etfFlowsError != null,
        'a snapshot with the ASI and the ETF flows error',
      );
      expect(s!.evaluation.etfFlows).toBeNull();
      expect(s!.etfFlowsError!.message).toContain('System busy');
      if (good && good.evaluation.asOf === s!.evaluation.asOf) expect(others(s!)).toEqual(others(good));
      // The other CoinMarketCap series are served as before: the ETF endpoint has its own provider state.
      expect(s!.served.total3?.provider).toBe('cmc');
      expect(s!.sources.cmc?.lastError ?? null).toBeNull();
      const page = await popup(w);
      const tile = page.locator('[data-tile="etfFlows"]');
      expect(await tile.locator('[data-testid="value"]').textContent()).toContain('—');
      expect(await tile.locator('[data-testid="etf-error"]').textContent()).toContain('System busy');
      // The reason line says the rotation could not be tested.
      await page.locator('.reasons summary').click();
      expect(await page.locator('.reasons').textContent()).toContain('ETF flows rotation not tested');
    } finally {
      await w.close();
    }
  });
});
