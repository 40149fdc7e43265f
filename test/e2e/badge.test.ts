/**
 * The on-page badge in real Chromium, on HTTPS stub pages served for the REAL host names
 * (test/support/sites), so the content script's real `matches` apply. Seeded with real snapshots.
 * Proves: stage and values, live updates, keyboard panel with focus management, drag persistence,
 * collapse, theme following, per-site switch, SPA navigation, stale hosts, extension reload, the
 * bundle budget, and writes docs/badge-{light,dark}.png and docs/panel-{light,dark}.png.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, daysBetween, toDay } from '../../lib/series/dates';
import { defaultSettings } from '../../lib/settings/defaults';
import type { Snapshot } from '../../lib/snapshot/types';
import {
  CHROME_EXTENSION_DIR,
  enableDeveloperMode,
  launchWithExtension,
  type ExtensionBrowser,
} from '../support/browser';
import {
  AXE_SOURCE,
  contentScriptSettled,
  ensureChromeBuild,
  navigateInApp,
  quietWorker,
  SKIP,
  waitFor,
  screenshotPath,
} from '../support/e2e';
import { startStubSites, type StubSites } from '../support/sites/server';
import { anyCoverageSettings, realSnapshot } from '../support/snapshot';
import { testNow } from '../support/clock';
import { REVIEWED_BADGE_ORIGINS } from '../support/reviewed';

const HOST = 'regime-lens-badge';
const TV = 'https://www.tradingview.com/chart/AbC123/?symbol=BINANCE%3ABTCUSDT';
const BINANCE = 'https://www.binance.com/en/trade/BTC_USDT?type=spot';
const COINBASE = 'https://www.coinbase.com/advanced-trade/spot/BTC-USD';
/** The content script's size budget (#18: ≤ 16 KiB gzip, aim ≤ 12 KiB), tightened to what static DOM reached. */
const BUDGET = 10 * 1024;

/**
 * A snapshot of a real day moved to today (dates and ages shifted, values untouched), so the badge
 * shows its normal, fresh state; a snapshot of 2025 seeded as it is shows "stale".
 */
function asOfToday(s: Snapshot): Snapshot {
  const shift = daysBetween(s.evaluation.today, toDay(testNow()));
  const c = structuredClone(s) as Snapshot & { evaluation: Record<string, unknown> };
  c.computedAt = testNow() - 5 * 60_000;
  c.evaluation.today = addDays(c.evaluation.today, shift);
  c.evaluation.asOf = addDays(c.evaluation.asOf, shift);
  for (const k of ['russell', 'asi', 'dominance', 'ethbtc', 'total3', 'fearGreed'] as const) {
    const sig = c.evaluation[k] as { asOf?: string; stale?: boolean; ageDays?: number } | null;
    if (sig?.asOf) {
      sig.asOf = addDays(sig.asOf, shift);
      sig.stale = false;
    }
  }
  for (const k of ['rut', 'asi', 'dominance'] as const)
    c.sparklines[k] = c.sparklines[k].map(([d, v]) => [addDays(d, shift), v]);
  return c;
}

describe.skipIf(SKIP)('on-page badge in Chromium', () => {
  let ext: ExtensionBrowser;
  let sites: StubSites;
  let extDir: string;
  const altseason = realSnapshot('2025-09-19');
  // Bitcoin season on an ASI of 13 coins (accepted here: any coverage)
  const btcSeason = realSnapshot('2026-05-04', undefined, anyCoverageSettings());

  const local = (items: Record<string, unknown>) =>
    ext.serviceWorker.evaluate((i) => (globalThis as any).chrome.storage.local.set(i), items);
  const sync = (items: Record<string, unknown>) =>
    ext.serviceWorker.evaluate((i) => (globalThis as any).chrome.storage.sync.set(i), items);
  const seed = (snapshot: Snapshot | null) => local({ snapshot });

  beforeAll(async () => {
    ensureChromeBuild();
    // Launch from a copy: other builds of the shared .output must not change files under a running test.
    extDir = mkdtempSync(join(tmpdir(), 'regime-lens-ext-'));
    cpSync(CHROME_EXTENSION_DIR, extDir, { recursive: true });
    sites = await startStubSites();
    ext = await launchWithExtension({ extensionDir: extDir, extraArgs: sites.chromiumArgs });
    await quietWorker(ext);
    await seed(altseason);
  });

  afterAll(async () => {
    await ext?.close();
    await sites?.close();
    if (extDir) rmSync(extDir, { recursive: true, force: true });
  });

  async function open(
    url: string,
    opts: { colorScheme?: 'light' | 'dark'; width?: number; height?: number } = {},
  ): Promise<Page> {
    const page = await ext.context.newPage();
    await page.emulateMedia({ colorScheme: opts.colorScheme ?? 'light', reducedMotion: 'reduce' });
    await page.setViewportSize({ width: opts.width ?? 1280, height: opts.height ?? 720 });
    await page.goto(url);
    await page.locator('.badge[data-stage]').waitFor();
    return page;
  }

  const badge = (page: Page) => page.locator('.badge[data-stage]');
  const hosts = (page: Page) => page.evaluate((tag) => document.querySelectorAll(tag).length, HOST);
  /** The element focused inside the badge's shadow root, as class or role. */
  const focused = (page: Page) =>
    page.evaluate((tag) => {
      const a = document.querySelector(tag)?.shadowRoot?.activeElement;
      return a
        ? `${a.tagName.toLowerCase()}.${a.className}${a.getAttribute('role') ? `[${a.getAttribute('role')}]` : ''}`
        : null;
    }, HOST);

  it('keeps the content script within budget: ≤ 10 KiB gzip, no fetch/XHR, no charting library', () => {
    const dir = join(extDir, 'content-scripts');
    const files = readdirSync(dir).filter((f) => f.endsWith('.js'));
    expect(files).toContain('badge.js');
    for (const f of files) {
      const code = readFileSync(join(dir, f));
      const gz = gzipSync(code).length;
      console.info(`[badge] ${f}: ${code.length} B, ${gz} B gzip (budget ${BUDGET} B)`);
      expect(gz).toBeLessThanOrEqual(BUDGET);
      const text = code.toString('utf8');
      expect(text).not.toContain('fetch(');
      expect(text).not.toContain('XMLHttpRequest');
      expect(text).not.toContain('sendBeacon');
      expect(text).not.toContain('WebSocket');
      expect(text).not.toMatch(/lightweight-charts|createChart\(/);
    }
    // The panel's code is its own module (loaded when the panel opens), not in the script every page load parses.
    expect(files.sort()).toEqual(['badge-panel.js', 'badge.js']);
    const code = (f: string) => readFileSync(join(dir, f), 'utf8');
    expect(code('badge-panel.js')).toContain('noopener noreferrer'); // the panel's source links
    expect(code('badge.js')).not.toContain('noopener');
    // V8 compiles all of it with the script (nearly all of it runs on every page load), not function by function.
    expect(code('badge.js').split('\n')[0]).toBe('//# allFunctionsCalledOnLoad');
    // The manifest injects it on the trading pages only, with no CSS into the page.
    const manifest = JSON.parse(readFileSync(join(extDir, 'manifest.json'), 'utf8'));
    const cs = manifest.content_scripts.find((c: { js: string[] }) => c.js.includes('content-scripts/badge.js'));
    expect(cs.matches).toContain('https://*.tradingview.com/chart/*');
    expect(cs.matches).toContain('https://www.binance.com/*/trade/*');
    expect(cs.css).toBeUndefined();
    // The module is web-accessible to the badge's sites only (their origins: Chrome takes no path there), and
    // nothing else of the extension is.
    const [war, ...more] = manifest.web_accessible_resources;
    expect(more).toEqual([]);
    expect(war.resources).toEqual(['content-scripts/badge-panel.js']);
    expect(war.matches).toEqual(REVIEWED_BADGE_ORIGINS);
  });

  it("loads the panel's own module only when the panel opens, into the content script's world", async () => {
    const page = await ext.context.newPage();
    // The page's own world counts what it creates: the badge's code, isolated from it, never goes through here.
    await page.addInitScript(() => {
      const w = window as unknown as { __made: string[] };
      w.__made = [];
      const real = Document.prototype.createElement;
      Document.prototype.createElement = function (this: Document, tag: string, o?: ElementCreationOptions) {
        w.__made.push(tag);
        return real.call(this, tag, o);
      } as typeof real;
    });
    const cdp = await ext.context.newCDPSession(page);
    const loaded: string[] = [];
    // (a use_dynamic_url resource: fetched by its session URL, then redirected inside the browser; the fetch counts)
    cdp.on('Network.requestWillBeSent', (e) => void (e.redirectResponse || loaded.push(e.request.url)));
    await cdp.send('Network.enable');
    await page.goto(TV);
    await badge(page).waitFor();
    await page.waitForTimeout(300);
    const panelJs = (u: string) => u.endsWith('/content-scripts/badge-panel.js');
    expect(loaded.filter(panelJs)).toEqual([]);
    const made = () => page.evaluate(() => (window as unknown as { __made: string[] }).__made.length);
    const before = await made();
    expect(before).toBe(3000); // the page's own order-book rows went through it; the pill's elements did not
    await page.locator('button.main').click();
    const panel = page.getByRole('dialog', { name: 'Altcoin season' });
    await panel.waitFor();
    expect(await panel.locator('li.line').count()).toBe(3);
    const [url, ...again] = loaded.filter(panelJs);
    expect(again).toEqual([]);
    // By its session URL, not the extension's id: a page cannot probe for the extension at a fixed address.
    expect(url).toMatch(/^chrome-extension:\/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\//);
    expect(url).not.toContain(ext.extensionId);
    // Dozens of elements built, none with the page's createElement: the module ran in the isolated world.
    expect(await made()).toBe(before);
    await page.close();
  });

  it('shows the seeded stage, ASI, dominance and Russell on TradingView; unknown is a dash, never 0', async () => {
    const page = await open(TV);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    expect(await badge(page).getAttribute('data-stage')).toBe('altseason');
    const main = page.locator('button.main');
    expect(await main.getAttribute('aria-expanded')).toBe('false');
    expect(await main.getAttribute('aria-controls')).toBe('panel');
    const text = await main.textContent();
    expect(text).toContain('Altcoin season');
    // The real ASI of that day counted 71 of its 76 altcoins: marked "≈", the count in the mark's title (#13).
    expect(text).toContain('ASI≈79');
    expect(await main.locator('.part').getAttribute('title')).toContain('counted over 71 of 76 coins');
    expect(text).toContain('R2K ▲ breakout');
    // No dominance history on 2025-09-19 in the real data: a dash, announced as unknown.
    const dom = page.locator('button.main .kv').nth(1).locator('.v');
    expect(await dom.textContent()).toBe('—');
    expect(await dom.getAttribute('aria-label')).toBe('BTC.D: unknown');
    // A 2025 snapshot seen today: stale, with its age.
    const age = daysBetween('2025-09-19', toDay(testNow()));
    expect(await page.locator('.stale').textContent()).toBe(`stale ${age} d`);
    // A shape per stage, not colour alone: the star, its clip-path set on the element (as Chromium serialises it).
    const icon = page.locator('button.main .icon');
    expect(await icon.getAttribute('data-s')).toBe('altseason');
    const clip = await icon.evaluate((el) => getComputedStyle(el).clipPath);
    expect(clip).toMatch(/^path\(evenodd, "M 6 0\.6 L 7\.6 4\.2 /);
    expect(await icon.evaluate((el) => el.getBoundingClientRect().width)).toBe(12);
    // Fixed, out of the page's flow: the host is an empty inline box after <body>.
    const layout = await page.evaluate((tag) => {
      const host = document.querySelector(tag)!;
      const r = host.getBoundingClientRect();
      const inner = host.shadowRoot!.querySelector('.badge')!;
      return {
        w: r.width,
        h: r.height,
        parent: host.parentElement!.tagName,
        position: getComputedStyle(inner).position,
        size: inner.getBoundingClientRect().toJSON(),
      };
    }, HOST);
    expect(layout).toMatchObject({ w: 0, h: 0, parent: 'HTML', position: 'fixed' });
    expect(layout.size.height).toBe(28);
    expect(layout.size.width).toBeGreaterThan(150);
    // Compact: well under a third of a 1280 px window (the exact width depends on the machine's fonts).
    expect(layout.size.width).toBeLessThan(460);
    // The badge itself makes no request while the page's ticker keeps mutating the DOM (10 ticks of it).
    const tick = () => page.evaluate(() => (window as unknown as { __ticks(): number }).__ticks());
    const t0 = await tick();
    await waitFor(tick, (t) => t >= t0 + 10, "ten of the page's ticker updates");
    expect(requests).toEqual([]);
    expect(await hosts(page)).toBe(1);
    await page.close();
  });

  it('appears on two exchanges with the same stage', async () => {
    for (const url of [BINANCE, COINBASE]) {
      const page = await open(url);
      expect(await badge(page).getAttribute('data-stage')).toBe('altseason');
      expect(await hosts(page)).toBe(1);
      await page.close();
    }
  });

  it('updates live when the snapshot changes, and shows "No data" without one', async () => {
    const page = await open(TV);
    await seed(btcSeason);
    await expect.poll(() => badge(page).getAttribute('data-stage')).toBe('btc-season');
    expect(await page.locator('button.main').textContent()).toContain('Bitcoin season');
    expect(await page.locator('button.main .kv').first().locator('.v').textContent()).toBe('22');

    await seed(
      realSnapshot('2025-09-19', (s) => (s.evaluation.phase.confirming = { stage: 'alt-rotation', count: 1, of: 2 })),
    );
    await expect.poll(() => badge(page).getAttribute('data-stage')).toBe('altseason');
    expect(await page.locator('.chip:not(.stale)').textContent()).toBe('confirming 1/2');
    expect(await page.locator('.chip:not(.stale)').getAttribute('title')).toBe(
      'Alts rotating: its rule has held 1 of 2 days; still showing Altcoin season',
    );

    await seed(null);
    await expect.poll(() => badge(page).getAttribute('data-stage')).toBe('unknown');
    expect(await page.locator('.stage').textContent()).toBe('No data');
    const values = page.locator('button.main .v');
    expect(await values.allTextContents()).toEqual(['—', '—', 'R2K ? unknown']);
    expect(await values.first().getAttribute('aria-label')).toBe('ASI: unknown');
    expect(await page.locator('button.main').textContent()).not.toMatch(/\b0\b/);
    await seed(altseason);
    await expect.poll(() => badge(page).getAttribute('data-stage')).toBe('altseason');
    await page.close();
  });

  it('opens the panel with Enter or Space and closes it with Escape, moving focus in and back', async () => {
    await ext.serviceWorker.evaluate(() => {
      const g = globalThis as any;
      g.__commands = [];
      g.chrome.runtime.onMessage.addListener((m: unknown) => void g.__commands.push(m));
    });
    const page = await open(TV);
    const main = page.locator('button.main');
    await main.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('dialog', { name: 'Altcoin season' });
    await panel.waitFor();
    expect(await main.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => focused(page)).toBe('section.panel[dialog]');
    // Lines with value, threshold and a 90-day sparkline (a gap stays a gap: no dominance data here).
    const lines = panel.locator('li.line');
    expect(await lines.count()).toBe(3);
    expect(await lines.nth(0).textContent()).toContain('2,448.77');
    expect(await lines.nth(0).textContent()).toContain('2021 high 2,442.74');
    expect(await lines.nth(1).textContent()).toContain('BTC season ≤ 25 · altseason ≥ 75');
    expect(await lines.nth(1).locator('svg path').getAttribute('d')).toMatch(/^M[\d.]+ [\d.]+(L[\d.]+ [\d.]+){80,}$/);
    expect(await lines.nth(2).textContent()).toContain('no history');
    // The reasons in plain words, ETH/BTC and Fear & Greed, each signal's source and age.
    expect(await panel.textContent()).toContain('ASI 79 ≥ 75 → Altcoin season');
    // Seen today, the 2025 values are stale: each carries its chip with the data's age (ETH/BTC: ETH ÷ BTC that day).
    const age = daysBetween('2025-09-19', toDay(testNow()));
    expect(await panel.locator('dl').textContent()).toMatch(
      new RegExp(`ETH/BTC0\\.03864 stale ${age} d.*Fear & Greed53 stale ${age} d neutral`),
    );
    expect(await lines.nth(1).locator('.chip.stale').textContent()).toBe(`stale ${age} d`);
    // Stale values are demoted: small and grey, their age beside them (the Russell and the ASI, of 2025 here;
    // dominance has no value to be stale).
    expect(await panel.locator('li.line[data-stale="true"]').count()).toBe(2);
    const old = lines.nth(0).locator('.v.old');
    expect(await old.evaluate((el) => getComputedStyle(el).fontSize)).toBe('11px');
    const [oldColor, mute] = await old.evaluate((el) => [
      getComputedStyle(el).color,
      getComputedStyle(el.closest('.muted') ?? el.parentElement!.querySelector('.k')!).color,
    ]);
    expect(oldColor).toBe(mute);
    // Dates and numbers in the browser's UI language (en-US here).
    expect(await lines.nth(0).locator('.chip.stale').getAttribute('title')).toBe(
      `Russell 2000: data of Sep 19, 2025, ${age} d old`,
    );
    // Details sends the open-details command to the worker.
    await panel.getByRole('button', { name: 'Details' }).click();
    await expect
      .poll(() => ext.serviceWorker.evaluate(() => (globalThis as any).__commands))
      .toContainEqual({ type: 'open-details' });
    // Escape closes and gives focus back to the badge.
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect(await main.getAttribute('aria-expanded')).toBe('false');
    expect(await focused(page)).toBe('button.main');
    // Space opens it too; Escape again closes.
    await page.keyboard.press('Space');
    await panel.waitFor();
    await expect.poll(() => focused(page)).toBe('section.panel[dialog]');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect(await focused(page)).toBe('button.main');
    // The page's own key handlers never see keys pressed in the badge (events stay in the shadow root).
    const leaked = await page.evaluate(() => (window as any).__keys ?? 0);
    expect(leaked).toBe(0);
    await page.close();
  });

  it('remembers where it was dragged (per site, clamped to the window) across a reload', async () => {
    await local({ badgeLayout: {} });
    const page = await open(TV);
    const start = (await badge(page).boundingBox())!;
    await page.mouse.move(start.x + 20, start.y + 14);
    await page.mouse.down();
    await page.mouse.move(start.x - 300, start.y + 200, { steps: 8 });
    await page.mouse.up();
    const moved = (await badge(page).boundingBox())!;
    expect(moved.x).toBeCloseTo(start.x - 320, 0);
    expect(moved.y).toBeCloseTo(start.y + 186, 0);
    // A drag is not a click: the panel stayed closed.
    expect(await page.getByRole('dialog').count()).toBe(0);
    const stored = await ext.serviceWorker.evaluate(
      async () => (await (globalThis as any).chrome.storage.local.get('badgeLayout')).badgeLayout,
    );
    expect(stored.tradingview).toEqual({ x: Math.round(moved.x), y: Math.round(moved.y), collapsed: false });
    await page.reload();
    await badge(page).waitFor();
    await expect.poll(async () => (await badge(page).boundingBox())!.x).toBeCloseTo(moved.x, 0);
    expect((await badge(page).boundingBox())!.y).toBeCloseTo(moved.y, 0);
    // Dragged far out of the window, it stays 8 px inside it.
    const b = (await badge(page).boundingBox())!;
    await page.mouse.move(b.x + 20, b.y + 14);
    await page.mouse.down();
    await page.mouse.move(5000, 5000, { steps: 4 });
    await page.mouse.up();
    const clamped = (await badge(page).boundingBox())!;
    expect(clamped.x + clamped.width).toBeCloseTo(1280 - 8, 0);
    expect(clamped.y + clamped.height).toBeCloseTo(720 - 8, 0);
    // Other sites keep their own place.
    const other = await open(BINANCE);
    expect(Math.round((await badge(other).boundingBox())!.y)).toBe(64);
    await other.close();
    await page.close();
    await local({ badgeLayout: {} });
  });

  it('collapses to a dot and back, and remembers it', async () => {
    const page = await open(TV);
    await page.getByRole('button', { name: 'Collapse to a dot' }).click();
    await expect.poll(() => badge(page).getAttribute('data-collapsed')).toBe('true');
    const dot = page.getByRole('button', { name: 'Expand the Regime Lens badge (Altcoin season)' });
    expect(await focused(page)).toBe('button.dot');
    const box = (await badge(page).boundingBox())!;
    expect(box.width).toBe(20);
    expect(await badge(page).getAttribute('data-stage')).toBe('altseason');
    await page.reload();
    await badge(page).waitFor();
    expect(await badge(page).getAttribute('data-collapsed')).toBe('true');
    await dot.click();
    await expect.poll(() => badge(page).getAttribute('data-collapsed')).toBe('false');
    expect(await focused(page)).toBe('button.main');
    await page.close();
    await local({ badgeLayout: {} });
  });

  it('"Reset badge positions" (options stores an empty layout) moves an open badge back to its default place, expanded', async () => {
    await local({ badgeLayout: { tradingview: { x: 40, y: 300, collapsed: true } } });
    const page = await open(TV);
    await expect.poll(() => badge(page).getAttribute('data-collapsed')).toBe('true');
    expect((await badge(page).boundingBox())!).toMatchObject({ x: 40, y: 300 });
    // What the options page's button writes (badgeLayoutItem.setValue({})), seen by the open tab.
    await local({ badgeLayout: {} });
    await expect.poll(() => badge(page).getAttribute('data-collapsed')).toBe('false');
    const box = (await badge(page).boundingBox())!;
    expect(box.y).toBe(64);
    const vw = await page.evaluate(() => document.documentElement.clientWidth);
    expect(box.x + box.width).toBeCloseTo(vw - 72, 0);
    await page.close();
  });

  it("follows TradingView's theme switch live, and the OS scheme or page classes on exchanges", async () => {
    const page = await open(TV);
    const theme = (p: Page) => p.locator('.app').getAttribute('data-theme');
    expect(await theme(page)).toBe('light');
    await page.click('#theme');
    await expect.poll(() => theme(page)).toBe('dark');
    const bg = await badge(page).evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).toBe('rgb(30, 34, 45)');
    await page.click('#theme');
    await expect.poll(() => theme(page)).toBe('light');
    await page.close();

    const ex = await open(BINANCE, { colorScheme: 'dark' });
    expect(await theme(ex)).toBe('dark');
    await ex.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => theme(ex)).toBe('light');
    await ex.click('#dark');
    await expect.poll(() => theme(ex)).toBe('dark');
    await ex.close();
  });

  it('shows no badge on a site switched off in settings, and removes it live', async () => {
    const page = await open(BINANCE);
    const settings = defaultSettings();
    await sync({
      settings: { ...settings, sites: { ...settings.sites, binance: false } },
      settings$: { v: settings.version },
    });
    await expect.poll(() => hosts(page)).toBe(0);
    await page.reload();
    await contentScriptSettled(page, ext.extensionId);
    expect(await hosts(page)).toBe(0);
    // TradingView is still on.
    const tv = await open(TV);
    expect(await hosts(tv)).toBe(1);
    await tv.close();
    await sync({ settings, settings$: { v: settings.version } });
    await expect.poll(() => hosts(page)).toBe(1);
    await page.close();
  });

  it('keeps exactly one badge across SPA navigations, and none off the chart pages', async () => {
    const page = await open(TV);
    for (let i = 0; i < 3; i++) {
      await navigateInApp(page, ext.extensionId, () => page.click('#next'), '/chart/Xy12Ab/');
      expect(await hosts(page)).toBe(1);
      await navigateInApp(page, ext.extensionId, () => page.goBack(), '/chart/AbC123/');
    }
    await page.click('#leave');
    await expect.poll(() => hosts(page)).toBe(0);
    await page.evaluate(() => (window as any).__spa('/chart/AbC123/'));
    await expect.poll(() => hosts(page)).toBe(1);
    await navigateInApp(page, ext.extensionId, () => page.goBack(), '/markets/');
    expect(await hosts(page)).toBe(0);
    await navigateInApp(page, ext.extensionId, () => page.goForward(), '/chart/AbC123/');
    expect(await hosts(page)).toBe(1);
    await page.close();
  });

  it('appears when a trading app navigates in-app from its dashboard to a trade page, and on language-prefixed pages', async () => {
    const kraken = await ext.context.newPage();
    await kraken.goto('https://pro.kraken.com/app/home');
    await contentScriptSettled(kraken, ext.extensionId);
    expect(await hosts(kraken)).toBe(0);
    await kraken.evaluate(() => (window as any).__spa('/app/trade/btc-usd'));
    await expect.poll(() => hosts(kraken)).toBe(1);
    await kraken.evaluate(() => (window as any).__spa('/app/portfolio'));
    await expect.poll(() => hosts(kraken)).toBe(0);
    await kraken.close();
    const okx = await open('https://www.okx.com/zh-hans/trade-spot/btc-usdt');
    await expect.poll(() => hosts(okx)).toBe(1);
    await okx.close();
  });

  it("posts no message to the page on start (every message listener of a trading page would run), only WXT's event", async () => {
    const page = await ext.context.newPage();
    // In the page's main world, before its scripts: what reaches a listener of the page.
    // WXT's event name: the extension id, the entrypoint and wxt:content-script-started.
    const started = `${ext.extensionId}:badge:wxt:content-script-started`;
    await page.addInitScript((type) => {
      const seen = ((window as any).__seen = { messages: [] as string[], events: 0 });
      addEventListener('message', (e) => seen.messages.push(JSON.stringify(e.data)));
      document.addEventListener(type, () => seen.events++);
    }, started);
    await page.goto(TV);
    await badge(page).waitFor();
    await page.evaluate(() => new Promise((r) => setTimeout(r, 100))); // a posted message arrives in a later task
    const seen = await page.evaluate(() => (window as any).__seen);
    expect(seen.events).toBe(1); // the started signal to older instances went out, as a DOM event
    expect(seen.messages.filter((m: string) => m.includes('wxt:'))).toEqual([]);
    await page.close();
  });

  it('removes host elements left by an earlier instance before mounting', async () => {
    const page = await open(`${TV}&stale-hosts=2`);
    expect(await hosts(page)).toBe(1);
    await page.close();
  });

  it('has no serious accessibility violations, badge and panel (axe)', async () => {
    for (const dark of [false, true]) {
      const page = await open(TV);
      if (dark) await page.click('#theme');
      await page.locator('button.main').click();
      await page.getByRole('dialog').waitFor();
      await page.evaluate(AXE_SOURCE);
      const violations = await page.evaluate(async (tag) => {
        const axe = (globalThis as any).axe;
        const r = await axe.run({ include: [[tag]] }, { resultTypes: ['violations'] });
        return r.violations
          .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
          .map((v: any) => `${v.id}: ${v.nodes.map((n: any) => JSON.stringify(n.target)).join(' | ')}`);
      }, HOST);
      expect(violations).toEqual([]);
      await page.close();
    }
  });

  it('writes the screenshots: badge and panel, light and dark (docs/)', async () => {
    await seed(asOfToday(realSnapshot('2026-08-21', undefined, anyCoverageSettings())));
    for (const theme of ['light', 'dark'] as const) {
      const page = await open(TV, { width: 900, height: 640 });
      if (theme === 'dark') await page.click('#theme');
      await expect.poll(() => page.locator('.app').getAttribute('data-theme')).toBe(theme);
      await page.mouse.move(0, 300);
      const b = (await badge(page).boundingBox())!;
      const pad = 12;
      await page.screenshot({
        path: screenshotPath(`badge-${theme}.png`),
        clip: { x: b.x - pad, y: b.y - pad, width: b.width + 2 * pad, height: b.height + 2 * pad },
      });
      await page.locator('button.main').click();
      const panel = page.getByRole('dialog');
      await panel.waitFor();
      await expect.poll(() => panel.evaluate((el) => getComputedStyle(el).visibility)).toBe('visible');
      const p = (await panel.boundingBox())!;
      const x = Math.min(b.x, p.x) - pad;
      const y = Math.min(b.y, p.y) - pad;
      await page.screenshot({
        path: screenshotPath(`panel-${theme}.png`),
        clip: {
          x,
          y,
          width: Math.max(b.x + b.width, p.x + p.width) + pad - x,
          height: Math.max(b.y + b.height, p.y + p.height) + pad - y,
        },
      });
      await page.close();
    }
    await seed(altseason);
  });

  it('after an extension reload the orphaned badge goes away quietly; a page load shows exactly one', async () => {
    await enableDeveloperMode(ext); // else Chromium disables an unpacked extension when it reloads
    const page = await open(TV);
    expect(await hosts(page)).toBe(1);
    const next = ext.context.waitForEvent('serviceworker', { timeout: 30_000 });
    await ext.serviceWorker.evaluate(() => (globalThis as any).chrome.runtime.reload()).catch(() => {});
    await next;
    // The old content script finds its extension gone (runtime id), invalidates and unmounts.
    await expect.poll(() => hosts(page), { timeout: 10_000 }).toBe(0);
    // Its page handlers are gone too: interacting with the page throws nothing.
    await page.click('#theme');
    await page.reload();
    await page.locator('.badge[data-stage]').waitFor();
    expect(await hosts(page)).toBe(1);
    await page.close();
  });

  it('logged no page errors or console errors', () => {
    expect(ext.errors).toEqual([]);
  });
});
