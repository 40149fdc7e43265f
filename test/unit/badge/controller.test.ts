/** The content script's logic (lib/badge/controller.ts) with fake storage, runtime and view. */
import { describe, expect, it } from 'vitest';
import { startBadgeController, type BadgeView, type StorageAreaLike } from '../../../lib/badge/controller';
import type { Command } from '../../../lib/messages';
import { anyCoverageSettings, realSnapshot } from '../../support/snapshot';

const TV = 'https://www.tradingview.com/chart/AbC123/';
const BINANCE = 'https://www.binance.com/en/trade/BTC_USDT';

function area(init: Record<string, unknown> = {}): StorageAreaLike & { data: Record<string, unknown> } {
  const data = structuredClone(init);
  return {
    data,
    get: async (keys) =>
      Object.fromEntries(
        [keys]
          .flat()
          .filter((k) => k in data)
          .map((k) => [k, structuredClone(data[k])]),
      ),
    set: async (items) => void Object.assign(data, structuredClone(items)),
  };
}

async function setup(
  o: {
    local?: Record<string, unknown>;
    sync?: Record<string, unknown>;
    href?: string;
    send?: (c: Command) => Promise<unknown>;
  } = {},
) {
  const local = area(o.local ?? { snapshot: realSnapshot('2025-09-19') });
  const sync = area(o.sync);
  const shown: BadgeView[] = [];
  const sent: Command[] = [];
  let hidden = 0;
  let valid = true;
  const c = await startBadgeController(
    {
      local,
      sync,
      send: o.send ?? (async (cmd) => void sent.push(cmd)),
      isValid: () => valid,
      show: (v) => void shown.push(v),
      hide: () => void hidden++,
    },
    o.href ?? TV,
  );
  return { c, local, shown, sent, hidden: () => hidden, invalidate: () => (valid = false), last: () => shown.at(-1)! };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('badge controller', () => {
  it('shows the stored snapshot, layout and opacity for the page’s site', async () => {
    const x = await setup({
      local: { snapshot: realSnapshot('2025-09-19'), badgeLayout: { tradingview: { x: 5, y: 6, collapsed: true } } },
      sync: { settings: { badge: { opacity: 0.5 } } },
    });
    x.c.update();
    expect(x.last()).toMatchObject({ site: 'tradingview', opacity: 0.5, layout: { x: 5, y: 6, collapsed: true } });
    expect(x.last().snapshot?.evaluation.phase.stage).toBe('altseason');
  });

  it('a malformed stored snapshot is shown as none ("No data")', async () => {
    const x = await setup({ local: { snapshot: { version: 99 } } });
    x.c.update();
    expect(x.last().snapshot).toBeNull();
  });

  it('follows storage changes it reads, and ignores the rest', async () => {
    const x = await setup();
    x.c.update();
    // Bitcoin season on an ASI of 13 coins (accepted here: any coverage)
    x.c.onChanged({ snapshot: { newValue: realSnapshot('2026-05-04', undefined, anyCoverageSettings()) } }, 'local');
    expect(x.shown).toHaveLength(2);
    expect(x.last().snapshot?.evaluation.phase.stage).toBe('btc-season');
    x.c.onChanged({ seriesCache: { newValue: {} } }, 'local');
    expect(x.shown).toHaveLength(2);
    // The options page's "Reset badge positions": the layout is gone.
    x.c.onChanged({ badgeLayout: { newValue: { tradingview: { x: 1, y: 2, collapsed: false } } } }, 'local');
    x.c.onChanged({ badgeLayout: { newValue: {} } }, 'local');
    expect(x.shown.slice(-2).map((v) => v.layout)).toEqual([{ x: 1, y: 2, collapsed: false }, null]);
  });

  it('hides on a site switched off (live), on pages that are not chart pages, and comes back', async () => {
    const x = await setup({ href: BINANCE });
    x.c.update();
    expect(x.last().site).toBe('binance');
    x.c.onChanged({ settings: { newValue: { sites: { binance: false } } } }, 'sync');
    expect(x.hidden()).toBe(1);
    x.c.update(TV);
    expect(x.last().site).toBe('tradingview');
    x.c.update('https://www.tradingview.com/news/');
    expect(x.hidden()).toBe(2);
    // A theme change re-renders for the last URL.
    x.c.update();
    expect(x.hidden()).toBe(3);
  });

  it('saves a dropped layout for its site, keeping the other sites’ places', async () => {
    const x = await setup({ local: { snapshot: null, badgeLayout: { binance: { x: 1, y: 1, collapsed: false } } } });
    x.c.update();
    x.last().onLayout({ x: 300, y: 200, collapsed: true });
    await flush();
    expect(x.local.data.badgeLayout).toEqual({
      binance: { x: 1, y: 1, collapsed: false },
      tradingview: { x: 300, y: 200, collapsed: true },
    });
  });

  it('Details sends open-details; a worker that does not answer is no error', async () => {
    const x = await setup();
    x.c.update();
    x.last().onDetails();
    expect(x.sent).toEqual([{ type: 'open-details' }]);
    const y = await setup({ send: () => Promise.reject(new Error('Could not establish connection')) });
    y.c.update();
    expect(() => y.last().onDetails()).not.toThrow();
    await flush();
  });

  it('once the extension is gone: hides, writes nothing, sends nothing', async () => {
    const x = await setup();
    x.c.update();
    const { onLayout, onDetails } = x.last();
    x.invalidate();
    onLayout({ x: 9, y: 9, collapsed: false });
    onDetails();
    await flush();
    expect(x.local.data.badgeLayout).toBeUndefined();
    expect(x.sent).toEqual([]);
    x.c.onChanged({ snapshot: { newValue: null } }, 'local');
    expect(x.hidden()).toBe(1);
  });
});
