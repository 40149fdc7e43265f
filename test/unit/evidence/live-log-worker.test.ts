/**
 * The forward log in the worker: each refresh records what the new snapshot shows and fills in the
 * outcomes now due from the caches it just saved. Real data through the API emulator (newest complete
 * day 2026-03-18); ETH/BTC there is the fixture's ETHUSDT ÷ BTCUSDT ratio, read here with split(',').
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { LiveLog } from '../../../lib/evidence/live-log';
import { evidenceLogItem } from '../../../lib/platform/items';
import { createWorker } from '../../../lib/platform/worker';
import { startEmulator, type Emulator } from '../../support/emulator';
import { REAL } from '../../support/paths';
import { recordingShell } from '../../support/shell';

const T0 = Date.parse('2026-03-19T12:00:00Z');
let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ now: T0 });
});
afterAll(() => emu.close());
beforeEach(() => fakeBrowser.reset());

const ratio = new Map(
  readFileSync(join(REAL, 'raw/ETHBTC_derived_from_binance_spot_ETHUSDT_over_BTCUSDT.csv'), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((r) => r.split(','))
    .map((c) => [c[0]!, Number(c[1])] as const),
);

describe('forward log in the worker', { timeout: 60_000 }, () => {
  it('the first refresh sets the install day and records nothing that happened before it', async () => {
    const logs: string[] = [];
    const w = createWorker({
      fetch: emu.fetch,
      now: () => emu.now,
      random: () => 0.5,
      log: (m) => logs.push(m),
      shell: recordingShell().shell,
    });
    await w.refresh('installed');
    expect(await evidenceLogItem.getValue()).toEqual({ version: 1, since: '2026-03-19', events: [] });
    expect(logs.filter((l) => l.includes('evidence log'))).toEqual([]);
  });

  it('an event logged on 2025-12-01 gets its +30 and +90 day ETH/BTC outcomes from the refreshed caches', async () => {
    const seeded: LiveLog = {
      version: 1,
      since: '2025-11-01',
      events: [
        {
          kind: 'stage-change',
          day: '2025-12-01',
          at: Date.parse('2025-12-01T12:00:00Z'),
          detail: { from: 'btc-season', to: 'mixed' },
          values: {
            asOf: '2025-12-01',
            rut: null,
            asi: 22,
            dominance: 59,
            ethbtc: 0.033,
            total3: null,
            stage: 'mixed',
          },
          outcomes: {},
        },
      ],
    };
    await evidenceLogItem.setValue(seeded);
    const w = createWorker({
      fetch: emu.fetch,
      now: () => emu.now,
      random: () => 0.5,
      log: () => {},
      shell: recordingShell().shell,
    });
    await w.refresh('alarm');
    const e = (await evidenceLogItem.getValue()).events[0]!;
    for (const h of [30, 90] as const) {
      const end = new Date(Date.parse('2025-12-01T00:00:00Z') + h * 86_400_000).toISOString().slice(0, 10);
      const o = e.outcomes.ethbtc![h]!;
      expect(o).toMatchObject({ status: 'known', from: '2025-12-01', to: end });
      expect(o.status === 'known' && o.value).toBeCloseTo(ratio.get(end)! / ratio.get('2025-12-01')! - 1, 6);
    }
    // +180 (2026-05-30) is months away: pending, so absent.
    expect(e.outcomes.ethbtc![180]).toBeUndefined();
  });
});
