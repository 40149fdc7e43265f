import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Settings } from '../../lib/settings/defaults';
import { SETTINGS_VERSION } from '../../lib/settings/schema';
import type { Snapshot } from '../../lib/snapshot/types';
import {
  CHROME_EXTENSION_DIR,
  CHROMIUM_PATH,
  REPO_ROOT,
  chromiumAvailable,
  launchWithExtension,
  type ExtensionBrowser,
} from './browser';
import { dataShiftFor, faketimeAvailable, faketimeEnv, LIBFAKETIME, testNow } from './clock';
import { startEmulator, type Emulator } from './emulator';
import { REAL_LIMITS, type RateLimits } from './emulator/limits';

/** The bits of the `chrome` global that tests call inside the browser (evaluate callbacks). */
export interface Chromeish {
  chrome: {
    storage: {
      local: {
        get(k: string): Promise<Record<string, unknown>>;
        set(v: object): Promise<void>;
        remove(k: string[]): Promise<void>;
      };
      sync: { get(k: string): Promise<Record<string, unknown>>; set(v: object): Promise<void> };
    };
    runtime: { sendMessage(m: unknown): Promise<unknown>; id: string };
    alarms: { getAll(): Promise<{ name: string; periodInMinutes?: number }[]> };
  };
}

/** Without Chromium the e2e suites are skipped locally, but fail under CI=true (never a silent skip in CI). */
export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';
export const SKIP = !chromiumAvailable() && !IN_CI;

export function suiteName(name: string): string {
  return SKIP ? `${name} (SKIPPED: ${CHROMIUM_PATH} not found; apt-get install chromium or set CHROMIUM_PATH)` : name;
}

/** Newest mtime of the files the Chrome build depends on. */
function newestSourceMtime(): number {
  let newest = 0;
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    const st = statSync(path);
    if (st.isDirectory()) {
      for (const name of readdirSync(path)) if (name !== 'node_modules') visit(join(path, name));
    } else {
      newest = Math.max(newest, st.mtimeMs);
    }
  };
  for (const p of ['entrypoints', 'components', 'lib', 'public', 'wxt.config.ts', 'package.json'])
    visit(join(REPO_ROOT, p));
  return newest;
}

/** .ci/run builds before the tests; locally the build is redone when missing or older than the sources. */
export function ensureChromeBuild(): void {
  const manifest = join(CHROME_EXTENSION_DIR, 'manifest.json');
  if (existsSync(manifest) && statSync(manifest).mtimeMs >= newestSourceMtime()) return;
  execSync('npx wxt build', { cwd: REPO_ROOT, stdio: 'inherit', timeout: 170_000 });
}

/**
 * The one polling helper of the end-to-end tests: reads until `ok(value)` holds and returns that value, or
 * throws after `timeout` naming `what` and the last value read. Tests wait for a state, never for a time.
 */
export async function waitFor<T>(
  read: () => Promise<T> | T,
  ok: (v: T) => boolean,
  what: string,
  { timeout = 60_000, interval = 100 }: { timeout?: number; interval?: number } = {},
): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) {
      const last = JSON.stringify(v) ?? String(v);
      throw new Error(`timed out after ${timeout} ms waiting for ${what}; last value: ${last.slice(0, 300)}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** A value read from the extension's local storage, through its service worker. */
export function storageValue<T>(ext: ExtensionBrowser, key: string): Promise<T | undefined> {
  return ext.serviceWorker.evaluate(
    async (k) => (await (globalThis as unknown as Chromeish).chrome.storage.local.get(k))[k],
    key,
  ) as Promise<T | undefined>;
}

interface RefreshStateValue {
  startedAt: number | null;
  finishedAt: number | null;
  lastError: string | null;
}

/**
 * Waits for the install-time refresh (offline in these tests) to end, then stops the schedule, so seeded data stays
 * put.
 */
export async function quietWorker(ext: ExtensionBrowser): Promise<void> {
  await waitFor(
    () => storageValue<RefreshStateValue>(ext, 'refreshState'),
    (s) => Boolean(s && (s.finishedAt || s.lastError)),
    'the install-time refresh to finish',
  );
  await ext.serviceWorker.evaluate(() => (globalThis as any).chrome.alarms.clearAll());
}

/** Waits for the worker's badge view of a stored snapshot (the badge and the popup's first paint read it). */
export async function badgeViewOf(ext: ExtensionBrowser, computedAt: number): Promise<void> {
  await waitFor(
    () => storageValue<{ computedAt: number }>(ext, 'badgeView'),
    (v) => v?.computedAt === computedAt,
    'the badge view of the seeded snapshot',
  );
}

/**
 * Seeds the worker's caches and universes, then stores `settings` the way the options page does and waits for the
 * worker's re-evaluation of them (with series cached it writes a snapshot). A snapshot seeded afterwards is then
 * not overwritten by that re-evaluation, which runs as of the real today.
 */
export async function seedCachesAndSettings(
  ext: ExtensionBrowser,
  local: { seriesCache: unknown; universes: unknown },
  settings: Settings,
): Promise<void> {
  await ext.serviceWorker.evaluate(
    async ([items, s, v]) => {
      const chrome = (globalThis as unknown as Chromeish).chrome;
      await chrome.storage.local.remove(['snapshot']);
      await chrome.storage.local.set(items);
      await chrome.storage.sync.set({ settings: s, settings$: { v } });
    },
    [local, settings, SETTINGS_VERSION] as const,
  );
  await waitFor(
    () => storageValue(ext, 'snapshot'),
    (v) => v != null,
    "the worker's re-evaluation of the settings",
  );
}

/** Resolves after the page has painted twice more: what was rendered before is on screen (canvases included). */
export function afterPaint(page: Page): Promise<void> {
  return page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
}

/**
 * Evaluates `expression` (awaited) in the extension's content-script world of `page`, through the DevTools
 * protocol. The world exists once the content script was injected, so this also waits for the injection.
 */
export async function inContentScript(page: Page, extensionId: string, expression: string): Promise<unknown> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const worlds: { id: number; origin: string; auxData?: { type?: string; frameId?: string } }[] = [];
    cdp.on('Runtime.executionContextCreated', (e) => worlds.push(e.context));
    const { frameTree } = await cdp.send('Page.getFrameTree');
    await cdp.send('Runtime.enable');
    const origin = `chrome-extension://${extensionId}`;
    const world = await waitFor(
      () =>
        worlds
          .filter(
            (c) => c.origin === origin && c.auxData?.type === 'isolated' && c.auxData.frameId === frameTree.frame.id,
          )
          .at(-1),
      (c) => c !== undefined,
      "the content script's world in the page",
      { timeout: 30_000 },
    );
    const r = await cdp.send('Runtime.evaluate', {
      contextId: world!.id,
      expression,
      awaitPromise: true,
      returnByValue: true,
    });
    if (r.exceptionDetails) throw new Error(`in the content script: ${r.exceptionDetails.text}`);
    return r.result.value;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/**
 * A barrier, not a sleep: resolves once the content script of `page` has read what it reads at start (its
 * storage reads were sent before ours in the same world, and answers come back in order) and acted on it, so
 * "no badge" after this means the content script decided not to show one.
 */
export async function contentScriptSettled(page: Page, extensionId: string): Promise<void> {
  await inContentScript(
    page,
    extensionId,
    `Promise.all([chrome.storage.local.get(null), chrome.storage.sync.get(null)]).then(() => ` +
      `new Promise((r) => setTimeout(r, 0)))`,
  );
}

/**
 * Runs `navigate` and resolves once the content script has seen the page's URL become one containing
 * `urlPart`. WXT announces in-app navigation (Navigation API) with an event named
 * "<extension id>:<entrypoint>:wxt:locationchange" in the content script's world; the badge updates in that
 * event's listener, which was added before ours, so it has run when ours does.
 */
export async function navigateInApp(
  page: Page,
  extensionId: string,
  navigate: () => Promise<unknown>,
  urlPart: string,
): Promise<void> {
  await inContentScript(
    page,
    extensionId,
    `window.__rlNav = new Promise((r) => {
      const type = chrome.runtime.id + ':badge:wxt:locationchange';
      addEventListener(type, function f(e) {
        if (e.newUrl.href.includes(${JSON.stringify(urlPart)})) { removeEventListener(type, f); r(); }
      });
    }); true`,
  );
  await navigate();
  await inContentScript(page, extensionId, `window.__rlNav.then(() => new Promise((r) => setTimeout(r, 0)))`);
}

/** The extension with the API emulator behind every API and site host, on one clock. */
export interface World {
  emu: Emulator;
  ext: ExtensionBrowser;
  /** The instant the browser took as "now" when it started (pinned, or the test clock). */
  startedAt: number;
  /** The emulator's whole-week data shift. */
  shift: number;
  snapshot(): Promise<Snapshot | undefined>;
  storage<T>(key: string): Promise<T | undefined>;
  /** Waits for a stored snapshot that satisfies `ok` (default: one with a known ASI). */
  waitForSnapshot(ok?: (s: Snapshot) => boolean, what?: string): Promise<Snapshot>;
  /** Sends "refresh now" from an extension page, as the popup's button does, and returns the reply. */
  refreshNow(): Promise<unknown>;
  /** Fires the refresh alarm (same name and period as the worker's) and waits for that refresh to end. */
  alarmRefresh(): Promise<void>;
  close(): Promise<void>;
}

export interface WorldOptions {
  /** Pin the browser's clock (libfaketime) and the emulator's to this instant; default: the test clock. */
  at?: number;
  /** The emulator's clock runs this many days behind the browser's: its newest data is that old. */
  dataAgeDays?: number;
  latencyMs?: number;
  /** Faults or routes to set before the browser starts (the install refresh sees them). */
  beforeLaunch?: (emu: Emulator) => void;
  /**
   * The providers' rate limits. Default: the real services' (REAL_LIMITS), so every end-to-end test meets them as
   * the extension does every day; `null` turns them off for a test about something else that must not wait.
   */
  limits?: RateLimits | null;
}

export const REFRESH_ALARM = 'regime-lens-refresh';

/**
 * Emulator and browser set up in one place: the data shift, the emulator's clock and the browser's clock all
 * come from one instant, so every expected day follows from it on any date.
 */
export async function startWorld(o: WorldOptions = {}): Promise<World> {
  ensureChromeBuild();
  const at = o.at ?? testNow();
  const pinned = o.at !== undefined && Math.abs(o.at - testNow()) > 60_000;
  if (pinned && !faketimeAvailable()) throw new Error(`pinning the browser's date needs libfaketime (${LIBFAKETIME})`);
  const shift = dataShiftFor(at);
  const emu = await startEmulator({
    now: at - (o.dataAgeDays ?? 0) * 86_400_000,
    shiftDays: shift,
    latencyMs: o.latencyMs,
    ...(o.limits === null ? {} : { limits: o.limits ?? REAL_LIMITS }),
  });
  o.beforeLaunch?.(emu);
  let ext: ExtensionBrowser;
  try {
    ext = await launchWithExtension({ extraArgs: emu.chromiumArgs, env: pinned ? faketimeEnv(at) : undefined });
  } catch (e) {
    await emu.close();
    throw e;
  }
  const storage = <T>(key: string) => storageValue<T>(ext, key);
  const snapshot = () => storage<Snapshot>('snapshot');
  const fromPage = async <T>(f: () => Promise<T>): Promise<T> => {
    const page = await ext.context.newPage();
    try {
      await page.goto(ext.extensionUrl('popup.html'));
      return await page.evaluate(f);
    } finally {
      await page.close();
    }
  };
  return {
    emu,
    ext,
    startedAt: at,
    shift,
    snapshot,
    storage,
    waitForSnapshot: (ok = (s) => s.evaluation.asi?.value != null, what = 'a snapshot with a known ASI') =>
      waitFor(snapshot, (s) => s !== undefined && ok(s), what) as Promise<Snapshot>,
    refreshNow: () =>
      fromPage(() => (globalThis as unknown as Chromeish).chrome.runtime.sendMessage({ type: 'refresh-now' })),
    async alarmRefresh() {
      const before = (await storage<RefreshStateValue>('refreshState'))?.finishedAt ?? 0;
      await ext.serviceWorker.evaluate(
        (name) => (globalThis as any).chrome.alarms.create(name, { when: Date.now() + 100, periodInMinutes: 60 }),
        REFRESH_ALARM,
      );
      await waitFor(
        () => storage<RefreshStateValue>('refreshState'),
        (s) => (s?.finishedAt ?? 0) > before,
        'the alarm refresh to finish',
      );
    },
    async close() {
      await ext.close();
      await emu.close();
    },
  };
}

/**
 * Where a test writes a screenshot: docs/ (the README's pictures) with UPDATE_SCREENSHOTS=1, else a temporary
 * folder, so that a test run never changes committed files.
 */
export function screenshotPath(name: string): string {
  if (process.env.UPDATE_SCREENSHOTS === '1') return join(REPO_ROOT, 'docs', name);
  shotDir ??= mkdtempSync(join(tmpdir(), 'regime-lens-shots-'));
  return join(shotDir, name);
}
let shotDir: string | undefined;

export const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on an extension page, one line each. */
export async function axeSerious(page: Page): Promise<string[]> {
  // addScriptTag injects an inline <script>, which the extension page's CSP (script-src 'self') blocks;
  // evaluating the same source through the DevTools protocol is not subject to the page's CSP.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const r = await (globalThis as any).axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v: any) =>
          `${v.id} (${v.impact}): ${v.nodes
            .map((n: any) => n.target.join(' '))
            .slice(0, 5)
            .join(' | ')}`,
      );
  }) as Promise<string[]>;
}
