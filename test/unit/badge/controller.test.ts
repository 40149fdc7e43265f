/** The content script's logic (lib/badge/controller.ts) with fake storage, runtime and view. */
import { describe, expect, it } from 'vitest';
import { coinOnScreen } from '../../../components/badge/panel';
import { startBadgeController, type BadgeShow, type StorageAreaLike } from '../../../lib/badge/controller';
import { buildBadgeView, splitBadgeView } from '../../../lib/badge/view';
import { loadLocales } from '../../../lib/i18n/node';
import { translateFrom } from '../../../lib/i18n/translate';
import type { Command } from '../../../lib/messages';
import { defaultSettings } from '../../../lib/settings/defaults';
import type { AsiSignal } from '../../../lib/signals/asi';
import { settle as flush } from '../../support/async';
import { anyCoverageSettings, realSnapshot } from '../../support/snapshot';

const TV = 'https://www.tradingview.com/chart/AbC123/?symbol=BINANCE%3ASOLUSDT';
const BINANCE = 'https://www.binance.com/en/trade/BTC_USDT';
const en = translateFrom(loadLocales().en!);
const snap = realSnapshot('2025-09-19');
const full = (s: unknown = snap, settings: unknown = defaultSettings()) =>
  buildBadgeView({ snapshot: s, history: null, settings: settings as never, t: en, locale: 'en-US', now: 0 });
/** The pill, as the worker stores it under badgeView. */
const view = (s?: unknown, settings?: unknown) => splitBadgeView(full(s, settings)).pill;
/** Both parts, as the worker stores them. */
const stored = (v = full()) => {
  const { pill, part } = splitBadgeView(v);
  return { badgeView: pill, badgePanel: part };
};

function area(
  init: Record<string, unknown> = {},
): StorageAreaLike & { data: Record<string, unknown>; gets: unknown[] } {
  const data = structuredClone(init);
  const gets: unknown[] = [];
  return {
    data,
    gets,
    get: async (keys) => {
      gets.push(keys);
      return Object.fromEntries(
        [keys]
          .flat()
          .filter((k) => k in data)
          .map((k) => [k, structuredClone(data[k])]),
      );
    },
    set: async (items) => void Object.assign(data, structuredClone(items)),
  };
}

async function setup(
  o: { local?: Record<string, unknown>; href?: string; send?: (c: Command) => Promise<unknown> } = {},
) {
  const local = area(o.local ?? stored());
  const shown: BadgeShow[] = [];
  const sent: Command[] = [];
  let hidden = 0;
  let valid = true;
  const c = await startBadgeController(
    {
      local,
      send: o.send ?? (async (cmd) => void sent.push(cmd)),
      isValid: () => valid,
      show: (v) => void shown.push(v),
      hide: () => void hidden++,
    },
    o.href ?? TV,
  );
  return { c, local, shown, sent, hidden: () => hidden, invalidate: () => (valid = false), last: () => shown.at(-1)! };
}

describe('badge controller', () => {
  it('reads the badge view and the layouts in ONE storage get, and shows them for the page’s site', async () => {
    const x = await setup({
      local: { badgeView: view(), badgeLayout: { tradingview: { x: 5, y: 6, collapsed: true } }, snapshot: snap },
    });
    expect(x.local.gets).toEqual([['badgeView', 'badgeLayout']]);
    x.c.update();
    expect(x.last()).toMatchObject({ site: 'tradingview', layout: { x: 5, y: 6, collapsed: true } });
    expect(x.last().view.stage).toBe('altseason');
  });

  it('the coin on screen: from the page URL, by the view’s table, again on an in-app navigation', async () => {
    const asi = snap.evaluation.asi as AsiSignal;
    const rank = (sym: string) => asi.coins.findIndex((c) => c.symbol === sym) + 1;
    const x = await setup();
    // What the panel's module works out when the panel opens on the page last shown.
    const coin = async () => coinOnScreen((await x.last().panel())!, x.last());
    x.c.update();
    expect(await coin()).toMatch(
      new RegExp(`^SOL [+−]\\d+ % vs BTC · ${rank('SOL')}(st|nd|rd|th) of ${asi.coins.length}$`),
    );
    x.c.update('https://www.tradingview.com/chart/AbC123/?symbol=BINANCE%3AUSDTTRY');
    expect(await coin()).toBe(
      'USDT: not in the ASI universe (on the exclusion list (stablecoin, wrapped, staked or asset-backed))',
    );
    // A coin the ASI never saw: outside the top N, by the snapshot's own N.
    x.c.update('https://www.binance.com/en/trade/ZZZ_USDT');
    expect(await coin()).toBe(`ZZZ: not in the ASI universe (outside the top ${asi.topN} by market cap)`);
    x.c.update('https://www.tradingview.com/chart/AbC123/');
    expect(await coin()).toBeNull();
    x.c.update(BINANCE);
    expect(await coin()).toBe(full().coins.btc);
  });

  it('reads the panel part only when the panel asks (it opens), once; then follows it through onChanged', async () => {
    const x = await setup();
    x.c.update();
    const first = x.last();
    expect(x.local.gets).toEqual([['badgeView', 'badgeLayout']]); // page load: the pill and the places only
    const part = await first.panel();
    expect(part?.panel.lines.map((l) => l.id)).toEqual(['russell', 'asi', 'dominance']);
    expect(x.local.gets).toEqual([['badgeView', 'badgeLayout'], 'badgePanel']);
    x.c.update(BINANCE);
    expect(await x.last().panel()).toEqual(part); // read once for the page, whichever show asks
    expect(x.local.gets).toHaveLength(2);
    // A new view: both parts change in one storage call; the open panel gets the new part without a read.
    const btc = stored(full(realSnapshot('2026-05-04', undefined, anyCoverageSettings()), anyCoverageSettings()));
    x.c.onChanged({ badgeView: { newValue: btc.badgeView }, badgePanel: { newValue: btc.badgePanel } }, 'local');
    expect(x.shown).toHaveLength(3); // one update for the two
    expect((await x.last().panel())?.panel.top).toEqual(btc.badgePanel.panel.top);
    expect(x.local.gets).toHaveLength(2);
    // A malformed or missing part: null (the panel stays closed), never a throw.
    x.c.onChanged({ badgePanel: { newValue: { v: 3, panel: {} } } }, 'local');
    expect(await x.last().panel()).toBeNull();
    const y = await setup({ local: { badgeView: view() } });
    y.c.update();
    expect(await y.last().panel()).toBeNull();
  });

  it('a missing or malformed view shows nothing (the worker writes one on wake)', async () => {
    for (const badgeView of [undefined, { v: 99 }, { ...view(), strip: 'x' }]) {
      const x = await setup({ local: { badgeView } });
      x.c.update();
      expect(x.shown).toHaveLength(0);
      expect(x.hidden()).toBe(1);
    }
  });

  it('follows the view and layouts as they change in local storage, and ignores the rest', async () => {
    const x = await setup();
    x.c.update();
    // Bitcoin season on an ASI of 13 coins (accepted here: any coverage)
    const btc = view(realSnapshot('2026-05-04', undefined, anyCoverageSettings()), anyCoverageSettings());
    x.c.onChanged({ badgeView: { newValue: btc } }, 'local');
    expect(x.shown).toHaveLength(2);
    expect(x.last().view.stage).toBe('btc-season');
    x.c.onChanged({ seriesCache: { newValue: {} }, snapshot: { newValue: null } }, 'local');
    x.c.onChanged({ badgeView: { newValue: null } }, 'sync');
    expect(x.shown).toHaveLength(2);
    // The options page's "Reset badge positions": the layout is gone.
    x.c.onChanged({ badgeLayout: { newValue: { tradingview: { x: 1, y: 2, collapsed: false } } } }, 'local');
    x.c.onChanged({ badgeLayout: { newValue: {} } }, 'local');
    expect(x.shown.slice(-2).map((v) => v.layout)).toEqual([{ x: 1, y: 2, collapsed: false }, null]);
  });

  it('hides on a site switched off (live, through the view), off chart pages, and comes back', async () => {
    const x = await setup({ href: BINANCE });
    x.c.update();
    expect(x.last().site).toBe('binance');
    const s = defaultSettings();
    x.c.onChanged({ badgeView: { newValue: view(snap, { ...s, sites: { ...s.sites, binance: false } }) } }, 'local');
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
    const x = await setup({ local: { ...stored(), badgeLayout: { binance: { x: 1, y: 1, collapsed: false } } } });
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
    x.c.onChanged({ badgeView: { newValue: view() } }, 'local');
    expect(x.hidden()).toBe(1);
  });
});
