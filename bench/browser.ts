/**
 * Browser benchmarks in headless Chromium with the built extension (test/support/browser.ts):
 *
 * - badge: on the heavy HTTPS stub of a TradingView chart page (test/support/sites: 3,000 order-book
 *   rows, a ticker rewriting 200 of them every 50 ms, a canvas chart), the time from the content
 *   script's start to the badge in the DOM and to the next frame after it, and the long tasks in that
 *   period. Measured from the PAGE side (an init script in the page's main world), not with marks in
 *   the content script: its gzip budget has no room for them (see BENCHMARKS.md).
 * - popup: from navigation start to the first chart drawn from the cached snapshot and series cache.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { addDays, daysBetween, toDay } from '../lib/series/dates';
import { extendStageHistory } from '../lib/snapshot/stage-history';
import type { Snapshot } from '../lib/snapshot/types';
import { CHROME_EXTENSION_DIR, launchWithExtension, REPO_ROOT, type ExtensionBrowser } from '../test/support/browser';
import { realSeries } from '../test/support/fixtures';
import { realSnapshot } from '../test/support/snapshot';
import { badgeViewOf, quietWorker, seedCachesAndSettings, waitFor } from '../test/support/e2e';
import { popupSeed } from '../test/support/worker-storage';
import { anyCoverageSettings } from '../test/support/snapshot';
import { buildBadgeView, splitBadgeView } from '../lib/badge/view';
import { loadLocales } from '../lib/i18n/node';
import { translateFrom } from '../lib/i18n/translate';
import { startStubSites } from '../test/support/sites/server';
import {
  attribute,
  LONG_TASK_MS,
  madeLong,
  tasksRunning,
  threadCpu,
  type CpuProfile,
  type ThreadCpu,
  type TraceEvent,
} from './profile';
import { summarize, type Summary } from './util';

/** The content script's file in the build: its frames in a profile are the badge's. */
const BADGE_FILE = '/content-scripts/badge.js';

const TV = 'https://www.tradingview.com/chart/AbC123/?symbol=BINANCE%3ABTCUSDT';
const DAY = '2025-09-19';
// tsx runs the bench as an ES module (no __dirname): the messages' folder is given.
const EN = translateFrom(loadLocales(join(REPO_ROOT, 'lib', 'i18n', 'messages')).en!);

/** A real day's snapshot moved to today (values untouched), so the badge shows its normal, fresh state. */
function asOfToday(s: Snapshot): Snapshot {
  const shift = daysBetween(s.evaluation.today, toDay(Date.now()));
  const c = structuredClone(s) as Snapshot & { evaluation: Record<string, unknown> };
  c.computedAt = Date.now() - 5 * 60_000;
  c.evaluation.today = addDays(c.evaluation.today, shift);
  c.evaluation.asOf = addDays(c.evaluation.asOf, shift);
  for (const k of ['russell', 'asi', 'dominance', 'ethbtc', 'total3', 'fearGreed'] as const) {
    const sig = c.evaluation[k] as { asOf?: string; stale?: boolean } | null;
    if (sig?.asOf) {
      sig.asOf = addDays(sig.asOf, shift);
      sig.stale = false;
    }
  }
  for (const k of ['rut', 'asi', 'dominance'] as const)
    c.sparklines[k] = c.sparklines[k].map(([d, v]) => [addDays(d, shift), v]);
  return c;
}

/** Launches Chromium on a private copy of the build (other builds of the shared .output must not change it mid-run). */
async function launch(
  extensionDir: string,
  extraArgs: string[],
  /** Files added to the copy (path in the extension → text), e.g. a bench-only page. */
  extraFiles: Record<string, string> = {},
): Promise<{ ext: ExtensionBrowser; dispose(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'regime-lens-bench-'));
  cpSync(extensionDir, dir, { recursive: true });
  for (const [path, text] of Object.entries(extraFiles)) writeFileSync(join(dir, path), text);
  try {
    const ext = await launchWithExtension({ extensionDir: dir, extraArgs });
    await quietWorker(ext);
    let closed = false; // disposed once, whether mid-run (before the badge's floor runs) or in a finally
    return {
      ext,
      dispose: async () => {
        if (closed) return;
        closed = true;
        await ext.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------------
// Badge

/**
 * Runs in the page's main world before its own scripts. The content script's first statement removes
 * hosts left by an earlier instance (`?stale-hosts=1` makes the stub page leave one), so the removal
 * marks the start of main(); its MutationObserver record is delivered at the end of that first
 * synchronous part. The host is appended and rendered in one synchronous task (lib/badge render), so its
 * record marks the badge mounted; the next animation frame, and a task after it, mark it painted. Only
 * <html>'s children are observed (cheap: the page mutates its order book 20 times a second).
 */
// Plain JavaScript, not a function passed to addInitScript: tsx (esbuild, keepNames) would wrap its
// inner functions in a `__name` helper that does not exist in the page.
const BADGE_PROBE = `(() => {
  const r = (window.__rl = { start: null, mounted: null, frame: null, painted: null, longtasks: [], loadEnd: null });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) r.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    r.longtasks = null;
  }
  addEventListener('load', () => (r.loadEnd = performance.now()));
  const mo = new MutationObserver((records) => {
    const now = performance.now();
    for (const rec of records) {
      for (const n of rec.removedNodes) if (n.nodeName === 'REGIME-LENS-BADGE' && r.start === null) r.start = now;
      for (const n of rec.addedNodes) {
        if (n.nodeName !== 'REGIME-LENS-BADGE' || r.mounted !== null) continue;
        if (!(n.shadowRoot && n.shadowRoot.querySelector('.badge[data-stage]'))) continue;
        r.mounted = now;
        requestAnimationFrame(() => {
          r.frame = performance.now();
          setTimeout(() => (r.painted = performance.now()), 0);
        });
      }
    }
  });
  const watchHtml = () => {
    if (!document.documentElement) return false;
    mo.observe(document.documentElement, { childList: true });
    return true;
  };
  if (!watchHtml()) {
    const boot = new MutationObserver(() => watchHtml() && boot.disconnect());
    boot.observe(document, { childList: true });
  }
})();`;

export interface BadgeRun {
  /** main() start → badge in the DOM (wall time on the page's main thread). */
  mountMs: number;
  /** main() start → the animation frame after mounting. */
  frameMs: number;
  /** main() start → a task after that frame (the frame has been produced). */
  paintedMs: number;
  /** Long tasks overlapping [start − 50 ms, painted]: the script's evaluation sits just before start. */
  longTasks: number;
  /** Every long task of the page load, for context (the stub page's own start-up). */
  pageLongTasks: number;
  /** Page load event → content script start (document_idle). */
  idleDelayMs: number;
}

export interface BadgeResult {
  runs: BadgeRun[];
  mount: Summary;
  frame: Summary;
  painted: Summary;
  longTasksInWindow: number;
  runsWithLongTasks: number;
  pageLongTasks: number;
  longTaskApi: boolean;
  ticksPerRun: number;
  /**
   * Main-thread CPU of the content script from the renderer's trace, thread time (separate runs, no profiler):
   * its injection (compile and run to the first await), its storage reply with the code after that await, and its
   * callbacks; the total per run. The target's measure.
   */
  thread: { total: Summary; evaluate: Summary; reply: Summary; callbacks: Summary };
  /** The same total for the floor script (FLOOR_BADGE) in place of the product's. */
  floorThread: Summary;
  /**
   * Time sampled in the content script's stacks (V8's CPU profiler, 100 µs; separate runs): wall-clock deltas, so
   * it also holds the time the thread waited for a core; its compile and the reply's deserialization are not in it.
   */
  cpu: Summary;
  /** The same for the floor script (FLOOR_BADGE) in place of the product's. */
  floor: Summary;
  /**
   * The renderer main-thread tasks that ran the content script, in the profiled runs (a trace of each): the long ones
   * (≥ 50 ms) over all runs, runs with any, how many of them the script made long (bench/profile.ts madeLong: the
   * target's count), and each run's longest such task.
   */
  tasks: { runs: number; long: LongTask[]; runsWithLong: number; madeLong: number; longest: Summary };
  /** The median of each browser launch's runs (product, floor; sampled and thread time): how far one could stray. */
  perLaunch: { cpu: number[]; floor: number[]; thread: number[]; floorThread: number[] };
  /** Where that time goes: the deepest content-script frame of each sample, summed over all profiled runs ÷ runs. */
  hot: { frame: string; code: string; ms: number }[];
  /** Main-thread CPU of the content script per live update (a new badge view stored while the page is open). */
  live: Summary;
  /**
   * Control runs: the same page where no content script runs (a path the manifest does not match), its long tasks
   * counted over the same window after the load (the badge runs' median idle delay and window length).
   */
  control: { runs: number; longTasksInWindow: number; runsWithLongTasks: number };
}

/** Long tasks overlapping [start − 50 ms, end]: the script's evaluation sits just before its start. */
function overlapping(tasks: { start: number; duration: number }[] | null, start: number, end: number): number {
  return (tasks ?? []).filter((t) => t.start <= end && t.start + t.duration >= start - 50).length;
}

/** A new tab for a badge run: light scheme, no motion, 1280×720, BADGE_PROBE installed. */
async function probedPage(ext: ExtensionBrowser): Promise<Page> {
  const page = await ext.context.newPage();
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.addInitScript({ content: BADGE_PROBE });
  return page;
}

/** Seeds a fresh altseason snapshot and waits for the worker's badge view of it (the badge reads nothing else). */
async function seedBadge(ext: ExtensionBrowser): Promise<Snapshot> {
  const seeded = asOfToday(realSnapshot(DAY));
  await ext.serviceWorker.evaluate((i) => (globalThis as any).chrome.storage.local.set(i), { snapshot: seeded });
  await badgeViewOf(ext, seeded.computedAt);
  return seeded;
}

/** Adds each frame's time in `more` to `into`. */
function addFrames(into: Map<string, number>, more: Map<string, number>): void {
  for (const [f, t] of more) into.set(f, (into.get(f) ?? 0) + t);
}

/** A long task that ran the content script: its length, the script's sampled time in it, whether that made it long. */
export interface LongTask {
  ms: number;
  scriptMs: number;
  madeLong: boolean;
}

/** What the profiled runs give: the script's CPU per run, its time by frame, and the tasks that ran it. */
interface Profiled {
  cpu: number[];
  frames: Map<string, number>;
  /** Per run, the longest renderer main-thread task that ran the script (ms), and the long ones (≥ 50 ms). */
  tasks: { longest: number; long: LongTask[] }[];
}

/**
 * One badge run in a new tab, traced with `categories` (and profiled by V8's sampling profiler, 100 µs, when
 * `profiled`) from the navigation until the badge has painted. It starts on a same-site page so the navigation to the
 * chart stays in the traced renderer process.
 */
async function tracedRun(
  ext: ExtensionBrowser,
  categories: string,
  profiled: boolean,
): Promise<{ events: TraceEvent[]; profile: CpuProfile | null }> {
  const page = await probedPage(ext);
  await page.goto('https://www.tradingview.com/markets/');
  const cdp = await ext.context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const traced = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
  if (profiled) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
  }
  await page.goto(`${TV}&stale-hosts=1`);
  await page.waitForFunction(() => (window as any).__rl?.painted != null, null, { timeout: 30_000 });
  await page.waitForTimeout(100);
  const stopped = profiled ? ((await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile }) : null;
  await cdp.send('Tracing.end');
  await traced;
  await cdp.detach();
  await page.close();
  return { events, profile: stopped?.profile ?? null };
}

/**
 * Profiled runs (tracedRun): the content script's time per run (attribute) and by frame. A trace of the same runs
 * ('toplevel': one event per task) tells which tasks the script's samples fell in, so a long task is counted against
 * the badge only when the badge's code ran in it and made it long (the Long Tasks API names the frame, not the
 * script).
 */
async function profiledRuns(ext: ExtensionBrowser, runs: number, warmup: number): Promise<Profiled> {
  const out: Profiled = { cpu: [], frames: new Map(), tasks: [] };
  for (let i = 0; i < runs + warmup; i++) {
    const { events, profile } = await tracedRun(ext, 'toplevel', true);
    if (i < warmup) continue;
    const a = attribute(profile!, BADGE_FILE);
    const t = tasksRunning(profile!, events, BADGE_FILE);
    // Either the clocks disagree or the trace lost events: the run's tasks cannot be told, so the bench stops.
    if (t.outside > 0) throw new Error(`badge: ${t.outside} content-script samples in no traced task`);
    out.cpu.push(a.total);
    addFrames(out.frames, a.byFrame);
    out.tasks.push({
      longest: Math.max(0, ...t.tasks.map((x) => x.ms)),
      long: t.tasks.filter((x) => x.ms >= LONG_TASK_MS).map((x) => ({ ...x, madeLong: madeLong(x) })),
    });
  }
  return out;
}

/** Categories for thread time: task events, EvaluateScript and FunctionCall, V8's compile and run, mojo messages. */
const THREAD_CATEGORIES = 'toplevel,devtools.timeline,v8';

/**
 * Runs traced without a profiler (it would add its own sampling work to the thread): the content script's main-thread
 * CPU per run, from the events' thread time (bench/profile.ts threadCpu). A run in which it cannot be found stops the
 * bench: a figure read from the wrong events would be worse than none.
 */
async function threadRuns(ext: ExtensionBrowser, runs: number, warmup: number): Promise<ThreadCpu[]> {
  const out: ThreadCpu[] = [];
  for (let i = 0; i < runs + warmup; i++) {
    const { events } = await tracedRun(ext, THREAD_CATEGORIES, false);
    if (i < warmup) continue;
    const t = threadCpu(events, BADGE_FILE);
    if (!t || t.reply === 0) throw new Error('badge: no evaluation or storage reply of the content script traced');
    out.push(t);
  }
  return out;
}

/**
 * Browser launches the profiled and traced runs are spread over, 3 × `runs` of each in all: one launch's median
 * strayed by up to 2 ms (sampled) and 1.2 ms (thread time) from the next's, more than runs within a launch do.
 */
const PROFILED_LAUNCHES = 5;

/**
 * 3 × `runs` profiled runs and as many traced ones (thread time), spread over PROFILED_LAUNCHES fresh browsers on the
 * build (with `extraFiles`), seeded as the badge runs are: every run, the median of each launch, and the frames
 * summed over all runs.
 */
async function profiledLaunches(
  extensionDir: string,
  chromiumArgs: string[],
  runs: number,
  warmup: number,
  extraFiles: Record<string, string> = {},
): Promise<Profiled & { perLaunch: number[]; thread: ThreadCpu[]; perLaunchThread: number[] }> {
  type All = Profiled & { perLaunch: number[]; thread: ThreadCpu[]; perLaunchThread: number[] };
  const all: All = { cpu: [], frames: new Map(), tasks: [], perLaunch: [], thread: [], perLaunchThread: [] };
  const perLaunch = Math.ceil((3 * runs) / PROFILED_LAUNCHES);
  for (let k = 0; k < PROFILED_LAUNCHES; k++) {
    const b = await launch(extensionDir, chromiumArgs, extraFiles);
    try {
      await seedBadge(b.ext);
      const r = await profiledRuns(b.ext, perLaunch, warmup);
      const t = await threadRuns(b.ext, perLaunch, warmup);
      all.cpu.push(...r.cpu);
      all.tasks.push(...r.tasks);
      all.perLaunch.push(summarize(r.cpu).median);
      all.thread.push(...t);
      all.perLaunchThread.push(summarize(t.map((x) => x.total)).median);
      addFrames(all.frames, r.frames);
    } finally {
      await b.dispose();
    }
  }
  return all;
}

/**
 * The floor under the badge: the build with its content script replaced by the least a badge must do (the same
 * stale-host removal, one storage read of the view and the places, a shadow host with the stage appended), profiled
 * as the real one: what injecting a script, its extension bindings and one storage reply cost, whatever the script.
 */
const FLOOR_BADGE = `(() => {
  for (const e of [...document.documentElement.children]) if (e.localName === 'regime-lens-badge') e.remove();
  chrome.storage.local.get(['badgeView', 'badgeLayout']).then((got) => {
    const host = document.createElement('regime-lens-badge');
    const badge = document.createElement('div');
    badge.className = 'badge';
    badge.dataset.stage = got.badgeView.stage;
    badge.textContent = got.badgeView.label;
    host.attachShadow({ mode: 'open' }).append(badge);
    document.documentElement.append(host);
  });
})();
`;

export async function benchBadge(
  extensionDir = CHROME_EXTENSION_DIR,
  runs = 20,
  warmup = 2,
  bundle = '',
): Promise<BadgeResult> {
  const sites = await startStubSites();
  const { ext, dispose } = await launch(extensionDir, sites.chromiumArgs);
  try {
    const seeded = await seedBadge(ext);
    const out: BadgeRun[] = [];
    let longTaskApi = true;
    let ticks = 0;
    for (let i = 0; i < runs + warmup; i++) {
      const page = await probedPage(ext);
      await page.goto(`${TV}&stale-hosts=1`);
      await page.waitForFunction(() => (window as any).__rl?.painted != null, null, { timeout: 30_000 });
      await page.waitForTimeout(200); // let a long task that ends after the paint be reported
      const r = await page.evaluate(() => ({ ...(window as any).__rl, ticks: (window as any).__ticks?.() ?? 0 }));
      await page.close();
      if (r.start === null) throw new Error('the badge probe saw no content-script start (stale host not removed)');
      if (r.longtasks === null) longTaskApi = false;
      if (i < warmup) continue;
      ticks += r.ticks;
      out.push({
        mountMs: r.mounted - r.start,
        frameMs: r.frame - r.start,
        paintedMs: r.painted - r.start,
        longTasks: overlapping(r.longtasks, r.start, r.painted),
        pageLongTasks: r.longtasks?.length ?? 0,
        idleDelayMs: r.loadEnd === null ? Number.NaN : r.start - r.loadEnd,
      });
    }
    const control = await controlRuns(ext, out, runs);
    const live = await liveUpdates(ext, seeded, runs);
    await dispose();
    const p = await profiledLaunches(extensionDir, sites.chromiumArgs, runs, warmup);
    const { cpu, frames, perLaunch, tasks, thread } = p;
    const floor = await profiledLaunches(extensionDir, sites.chromiumArgs, runs, warmup, {
      'content-scripts/badge.js': FLOOR_BADGE,
    });
    const lines = bundle.split('\n');
    const hot = [...frames]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([frame, t]) => {
        const [, line, col] = /@(\d+):(\d+)$/.exec(frame) ?? [];
        const code = line ? (lines[Number(line) - 1] ?? '').slice(Number(col) - 1, Number(col) + 89) : '';
        return { frame, code, ms: t / Math.max(1, cpu.length) };
      });
    const part = (k: keyof ThreadCpu) => summarize(thread.map((t) => t[k]));
    return {
      thread: { total: part('total'), evaluate: part('evaluate'), reply: part('reply'), callbacks: part('callbacks') },
      floorThread: summarize(floor.thread.map((t) => t.total)),
      cpu: summarize(cpu),
      floor: summarize(floor.cpu),
      tasks: {
        runs: tasks.length,
        long: tasks.flatMap((t) => t.long),
        runsWithLong: tasks.filter((t) => t.long.length > 0).length,
        madeLong: tasks.flatMap((t) => t.long).filter((t) => t.madeLong).length,
        longest: summarize(tasks.map((t) => t.longest)),
      },
      perLaunch: {
        cpu: perLaunch,
        floor: floor.perLaunch,
        thread: p.perLaunchThread,
        floorThread: floor.perLaunchThread,
      },
      hot,
      live: summarize(live),
      runs: out,
      mount: summarize(out.map((r) => r.mountMs)),
      frame: summarize(out.map((r) => r.frameMs)),
      painted: summarize(out.map((r) => r.paintedMs)),
      longTasksInWindow: out.reduce((a, r) => a + r.longTasks, 0),
      runsWithLongTasks: out.filter((r) => r.longTasks > 0).length,
      pageLongTasks: out.reduce((a, r) => a + r.pageLongTasks, 0),
      longTaskApi,
      ticksPerRun: ticks / Math.max(1, out.length),
      control,
    };
  } finally {
    await dispose();
    await sites.close();
  }
}

/**
 * The page alone: the chart page at a path the content script is not injected on, with the same probe; long tasks
 * overlapping [load + idle delay − 50 ms, + painted], the badge runs' medians, so both counts cover the same window.
 */
async function controlRuns(ext: ExtensionBrowser, badgeRuns: BadgeRun[], n: number): Promise<BadgeResult['control']> {
  const finite = (xs: number[]) => xs.filter(Number.isFinite);
  const idle = summarize(finite(badgeRuns.map((r) => r.idleDelayMs))).median;
  const length = summarize(finite(badgeRuns.map((r) => r.paintedMs))).median;
  if (!Number.isFinite(idle) || !Number.isFinite(length)) throw new Error('control runs: no badge window to copy');
  let inWindow = 0;
  let withAny = 0;
  for (let i = 0; i < n; i++) {
    const page = await probedPage(ext);
    await page.goto(TV.replace('/chart/', '/no-badge/'));
    await page.waitForFunction(() => (window as any).__rl?.loadEnd != null, null, { timeout: 30_000 });
    await page.waitForTimeout(idle + length + 200);
    const r = await page.evaluate(() => (window as any).__rl);
    const badge = await page.evaluate(() => document.querySelector('regime-lens-badge') !== null);
    await page.close();
    if (badge) throw new Error('the control page got a badge: its path must not match the content script');
    const start = r.loadEnd + idle;
    const k = overlapping(r.longtasks, start, start + length);
    inWindow += k;
    if (k > 0) withAny++;
  }
  return { runs: n, longTasksInWindow: inWindow, runsWithLongTasks: withAny };
}

/**
 * A live update: with the badge painted (panel closed), the view in storage is replaced by another (Bitcoin
 * season ↔ the seeded stage), as the worker does after a refresh; profiled from the write until the page shows
 * the new stage. CPU in content-script stacks per update, `n` updates on one page.
 */
async function liveUpdates(ext: ExtensionBrowser, seeded: Snapshot, n: number): Promise<number[]> {
  const other = asOfToday(realSnapshot('2026-05-04', undefined, anyCoverageSettings()));
  // Stored as the worker stores them: the pill and the panel's part, in one call.
  const views = [seeded, other].map((snapshot) =>
    splitBadgeView(
      buildBadgeView({ snapshot, history: null, settings: null, t: EN, locale: 'en-US', now: Date.now() }),
    ),
  );
  const page = await ext.context.newPage();
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(TV);
  const stage = () =>
    page.evaluate(() =>
      document.querySelector('regime-lens-badge')?.shadowRoot?.querySelector('.badge')?.getAttribute('data-stage'),
    );
  await waitFor(stage, (s) => s === views[0]!.pill.stage, 'the badge painted');
  const cdp = await ext.context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  const out: number[] = [];
  try {
    for (let i = 1; i <= n + 2; i++) {
      const v = views[i % 2]!;
      await cdp.send('Profiler.start');
      const items = { badgeView: v.pill, badgePanel: v.part };
      await ext.serviceWorker.evaluate((x) => (globalThis as any).chrome.storage.local.set(x), items);
      await waitFor(stage, (s) => s === v.pill.stage, 'the live update painted', { interval: 5 });
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
      if (i > 2) out.push(attribute(profile, BADGE_FILE).total);
    }
  } finally {
    await cdp.detach().catch(() => {});
    await page.close();
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Popup

/**
 * Runs in the popup page before its scripts (performance.now() counts from navigation start). Clicks the
 * Charts tab as soon as it is rendered (the charts live there; the Signals tab has none). Watches
 * for the first visible `[data-chart]` box with points and a canvas; from then on, at every animation frame
 * (our callback is queued after the chart library's own draw callback of that frame), looks for a
 * canvas of that chart with drawn pixels: at least two distinct colours. That frame is "first chart drawn".
 */
const POPUP_PROBE = `(() => {
  const r = (window.__rl = {
    stage: null, header: null, clicked: null, chartInDom: null, drawn: null, chart: null, frames: 0,
  });
  // Shown means styled: the stage counts once it is in the DOM and every stylesheet of the page has loaded (the
  // first paint's script can run before them; the page is not rendered until they have).
  const styled = () => [...document.querySelectorAll('link[rel=stylesheet]')].every((l) => l.sheet);
  const stageShown = () => {
    if (r.stage !== null || !document.querySelector('[data-testid="stage"]')) return;
    if (styled()) return void (r.stage = performance.now());
    for (const l of document.querySelectorAll('link[rel=stylesheet]'))
      if (!l.sheet) l.addEventListener('load', stageShown, { once: true });
  };
  const drawn = (box) => {
    for (const c of box.querySelectorAll('canvas')) {
      const w = c.width, h = c.height;
      if (w === 0 || h === 0) continue;
      const ctx = c.getContext('2d');
      if (!ctx) continue;
      const d = ctx.getImageData(0, 0, w, h).data;
      const first = d[0] | (d[1] << 8) | (d[2] << 16) | (d[3] << 24);
      for (let i = 4; i < d.length; i += 4 * 7) {
        if ((d[i] | (d[i + 1] << 8) | (d[i + 2] << 16) | (d[i + 3] << 24)) !== first) return true;
      }
    }
    return false;
  };
  const poll = (box) => {
    r.frames++;
    if (drawn(box)) {
      r.drawn = performance.now();
      const nav = performance.getEntriesByType('navigation')[0];
      r.nav = nav
        ? { responseEnd: nav.responseEnd, domInteractive: nav.domInteractive, dcl: nav.domContentLoadedEventEnd }
        : null;
      return;
    }
    requestAnimationFrame(() => poll(box));
  };
  const mo = new MutationObserver(() => {
    stageShown();
    // The full header (the popup's own render: setup, reasons), after the first paint's stage line.
    if (r.header === null && document.querySelector('[data-testid="setup"]')) r.header = performance.now();
    // The charts live in the Charts tab: open it the moment it exists, as a user going straight to it.
    const tab = document.getElementById('tab-charts');
    if (tab && r.clicked === null) {
      r.clicked = performance.now();
      tab.click();
    }
    if (r.chartInDom !== null) return;
    for (const box of document.querySelectorAll('[data-chart]')) {
      // The first chart the user can see (charts of hidden tabs are mounted too, at width 0).
      const visible = box.getClientRects().length > 0;
      if (Number(box.getAttribute('data-points')) > 0 && box.querySelector('canvas') && visible) {
        r.chartInDom = performance.now();
        r.chart = box.getAttribute('data-chart');
        requestAnimationFrame(() => poll(box));
        mo.disconnect();
        return;
      }
    }
  });
  mo.observe(document, { childList: true, subtree: true });
})();`;

export interface PopupResult {
  /** Where the navigation to the popup starts: see PopupStart. */
  start: PopupStart;
  /** Navigation start → the HTML received / parsed (module scripts loaded and run by DOMContentLoaded). */
  responseEnd: Summary;
  /** Navigation start → the HTML parsed (domInteractive): no module of the product has run yet (module scripts are
   * deferred; the first paint's async script may or may not have). */
  htmlParsed: Summary;
  domContentLoaded: Summary;
  /** The stage line shown (in the DOM and styled): the first paint's, from the badge view. */
  stage: Summary;
  /** The popup's own render: the full header (setup, reasons) in the DOM. */
  header: Summary;
  chartInDom: Summary;
  firstChart: Summary;
  chart: string;
  /**
   * The floor under any script of the product: a page of the extension (added to the bench's copy, never shipped)
   * holding one classic script of one statement, opened as the popup is. Navigation start → its HTML parsed, and →
   * that statement run (the page's script context is created and the script loaded first).
   */
  floor: { htmlParsed: Summary; scriptStart: Summary };
  /** Diagnostics from a loaded popup page: raw chrome.storage.local.get times (median of 5) and JSON sizes. */
  storage: { snapshotGetMs: number; snapshotBytes: number; seriesCacheGetMs: number; seriesCacheBytes: number };
}

/**
 * `new-tab`: each run opens a new tab (about:blank) and navigates it to popup.html, so the page moves to another
 * renderer process on the way. `extension-process`: the tab first shows a file of the extension (its icon), so the
 * navigation to popup.html stays in the extension's process, as when a page of the extension is already open.
 */
export type PopupStart = 'new-tab' | 'extension-process';

/**
 * A pause after closing each popup run's page, before the next opens. Back to back, a page that moves into the
 * extension's process (the new-tab start) was held up by the run before it, whose page had just closed in that
 * process (most likely its teardown on the process's one main thread); the toolbar popup opens on a click, long after
 * the last one closed. The extension-process start, which first shows the icon in that tab, was not held up.
 */
export const SETTLE_MS = 300;
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

/** The floor page (PopupResult.floor): popup.html's head without its product scripts, and one classic script. */
const FLOOR_FILES = {
  'bench-floor.html': `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>floor</title>
    <script src="/bench-floor.js"></script>
  </head>
  <body>
    <main id="app"></main>
  </body>
</html>
`,
  'bench-floor.js': 'window.__floor = performance.now();\n',
};

export async function benchPopup(
  extensionDir = CHROME_EXTENSION_DIR,
  runs = 20,
  warmup = 2,
  start: PopupStart = 'new-tab',
): Promise<PopupResult> {
  const { ext, dispose } = await launch(extensionDir, ['--host-resolver-rules=MAP * ~NOTFOUND'], FLOOR_FILES);
  try {
    // Seeded as test/e2e/popup.test.ts does: caches, the recorded universe and settings that count it whole.
    const { seriesCache, universes, settings } = popupSeed(DAY);
    await seedCachesAndSettings(ext, { seriesCache, universes }, settings);
    const snapshot = realSnapshot(DAY, undefined, settings);
    // The stage history the worker stores beside the snapshot: the popup's ribbon and "What changed" read it.
    const stageHistory = extendStageHistory(null, realSeries(), settings, DAY).history;
    await ext.serviceWorker.evaluate(
      ([snap, history]) =>
        (globalThis as any).chrome.storage.local.set({ snapshot: snap, phaseLog: [], stageHistory: history }),
      [snapshot, stageHistory] as const,
    );
    // The worker builds the badge view (the popup's first paint reads it) from what was just stored.
    await badgeViewOf(ext, snapshot.computedAt);
    const rows: {
      stage: number;
      header: number;
      chartInDom: number;
      drawn: number;
      chart: string;
      nav: { responseEnd: number; domInteractive: number; dcl: number };
    }[] = [];
    for (let i = 0; i < runs + warmup; i++) {
      const page: Page = await ext.context.newPage();
      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize({ width: 480, height: 600 });
      await page.addInitScript({ content: POPUP_PROBE });
      if (start === 'extension-process') await page.goto(ext.extensionUrl('icon/128.png'));
      await page.goto(ext.extensionUrl('popup.html'));
      await page
        .waitForFunction(() => (window as any).__rl?.drawn != null, null, { timeout: 30_000 })
        .catch(async (e) => {
          const state = await page.evaluate(() => ({
            rl: (window as any).__rl,
            charts: [...document.querySelectorAll('[data-chart]')].map((b) =>
              [b.getAttribute('data-chart'), b.getAttribute('data-points'), b.querySelectorAll('canvas').length].join(
                ':',
              ),
            ),
          }));
          throw new Error(`popup: no chart drawn within 30 s: ${JSON.stringify(state)}`, { cause: e });
        });
      const r = await page.evaluate(() => (window as any).__rl);
      await page.close();
      await settle();
      if (i >= warmup)
        rows.push({
          stage: r.stage,
          header: r.header,
          chartInDom: r.chartInDom,
          drawn: r.drawn,
          chart: r.chart,
          nav: r.nav ?? { responseEnd: Number.NaN, domInteractive: Number.NaN, dcl: Number.NaN },
        });
    }
    const floor: { htmlParsed: number; scriptStart: number }[] = [];
    for (let i = 0; i < runs + warmup; i++) {
      const page = await ext.context.newPage();
      if (start === 'extension-process') await page.goto(ext.extensionUrl('icon/128.png'));
      await page.goto(ext.extensionUrl('bench-floor.html'));
      const r = (await page.evaluate(`({
        htmlParsed: performance.getEntriesByType('navigation')[0].domInteractive,
        scriptStart: window.__floor,
      })`)) as { htmlParsed: number; scriptStart: number };
      await page.close();
      await settle();
      if (i >= warmup) floor.push(r);
    }
    const page = await ext.context.newPage();
    await page.goto(ext.extensionUrl('popup.html'));
    await page.locator('[data-testid="stage"]').waitFor();
    // A string, not a function: see BADGE_PROBE about tsx's __name helper.
    const storage = (await page.evaluate(`(async () => {
      const local = chrome.storage.local;
      const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
      const timeGet = async (key) => {
        const times = [];
        let bytes = 0;
        for (let i = 0; i < 5; i++) {
          const t = performance.now();
          const v = await local.get(key);
          times.push(performance.now() - t);
          bytes = JSON.stringify(v[key] ?? null).length;
        }
        return { ms: med(times), bytes };
      };
      const a = await timeGet('snapshot');
      const b = await timeGet('seriesCache');
      return { snapshotGetMs: a.ms, snapshotBytes: a.bytes, seriesCacheGetMs: b.ms, seriesCacheBytes: b.bytes };
    })()`)) as PopupResult['storage'];
    await page.close();
    return {
      start,
      storage,
      floor: {
        htmlParsed: summarize(floor.map((r) => r.htmlParsed)),
        scriptStart: summarize(floor.map((r) => r.scriptStart)),
      },
      responseEnd: summarize(rows.map((r) => r.nav.responseEnd)),
      htmlParsed: summarize(rows.map((r) => r.nav.domInteractive)),
      domContentLoaded: summarize(rows.map((r) => r.nav.dcl)),
      stage: summarize(rows.map((r) => r.stage)),
      header: summarize(rows.map((r) => r.header)),
      chartInDom: summarize(rows.map((r) => r.chartInDom)),
      firstChart: summarize(rows.map((r) => r.drawn)),
      chart: [...new Set(rows.map((r) => r.chart))].join(', '),
    };
  } finally {
    await dispose();
  }
}
