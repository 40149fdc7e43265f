/**
 * `npm run bench`: builds the Chrome extension (privately, see bench/wxt.config.ts), measures the content
 * script, the popup, the engine, the network traffic and the worker, prints the figures beside their
 * targets and the last run (bench/last.json, rewritten) and writes docs/BENCHMARKS.md. Flags: `--no-build`
 * (measure the existing .output/chrome-mv3 instead), `--runs N` (browser runs per measurement, default 20).
 * Needs Chromium (/usr/bin/chromium or CHROMIUM_PATH); no network (the APIs are emulated locally).
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { CHROME_EXTENSION_DIR, CHROMIUM_PATH, REPO_ROOT } from '../test/support/browser';
import { BENCH_EXTENSION_DIR } from './paths';
import { PANEL_MODULE } from '../lib/badge/panel-module';
import { benchBadge, benchPopup, SETTLE_MS, type BadgeResult, type PopupResult } from './browser';
import { benchEngine, type EngineResult } from './engine';
import { cells, compare, lastRunOf, parseLastRun, type Compared, type Figure } from './compare';
import { benchNetwork, type NetworkResult } from './network';
import { pageScripts, sizeOf, type FileSize } from './sizes';
import { fmtSummary, kb, machine, ms, type Summary } from './util';
import { benchWorker, type WorkerResult } from './worker';

const args = process.argv.slice(2);
const RUNS =
  Number(args[args.indexOf('--runs') + 1]) > 0 && args.includes('--runs')
    ? Number(args[args.indexOf('--runs') + 1])
    : 20;
const BUILD = !args.includes('--no-build');

const TARGETS = {
  badgeMountMs: 5,
  badgeLongTasks: 0,
  badgeLiveMs: 2,
  badgeGzip: 16 * 1024,
  popupFirstChartMs: 150,
  popupJsGzip: 250 * 1024,
  engineMs: 20,
  warmRequests: 8,
  warmBytes: 300 * 1024,
  naiveRatio: 8,
  // Issue #18's targets beside the ones above (engineMs is also the stage history's cost per new day).
  badgeGzipAim: 12 * 1024,
  badgeLiveUpdateMs: 2,
  popupStageMs: 50,
  requestsPerDay: 60,
  /** Every local storage item after a cold start, as JSON; why 1 MiB: BENCHMARKS.md, section 5. */
  storageBytes: 1024 * 1024,
};

const LAST_RUN = join(REPO_ROOT, 'bench', 'last.json');

const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

async function main() {
  const started = new Date();
  const m = machine();
  const loadBefore = loadavg()[0]!;
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`);
  // A private build (bench/wxt.config.ts: same config, output in the temp directory), so other builds of the
  // shared .output cannot change or delete files mid-run. --no-build measures the existing .output/chrome-mv3.
  const extDir = BUILD ? BENCH_EXTENSION_DIR : CHROME_EXTENSION_DIR;
  if (BUILD) {
    log(`building the Chrome extension (npx wxt build -c bench/wxt.config.ts → ${extDir})…`);
    execSync('npx wxt build -c bench/wxt.config.ts', {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: 300_000,
    });
  }
  if (!existsSync(join(extDir, 'manifest.json')))
    throw new Error(`no built extension at ${extDir} (run without --no-build)`);
  const badgeFile = join(extDir, 'content-scripts', 'badge.js');
  const badgeSize = sizeOf(badgeFile, extDir);
  const panelSize = sizeOf(join(extDir, PANEL_MODULE), extDir);
  const popupFiles = pageScripts(extDir, 'popup.html').map((f) => sizeOf(f, extDir));
  const popupGzip = popupFiles.reduce((a, f) => a + f.gzip, 0);

  log('engine…');
  const engine = benchEngine();
  log('network (API emulator, 100 ms latency)…');
  const network = await benchNetwork();
  log('worker (fake browser; the emulator in a child process, no latency)…');
  const worker = await benchWorker();
  log(`badge on the TradingView stub (${RUNS} runs)…`);
  const badge = await benchBadge(extDir, RUNS, 2, readFileSync(badgeFile, 'utf8'));
  log(`popup, opened in the extension's process (${RUNS} runs)…`);
  const popup = await benchPopup(extDir, RUNS, 2, 'extension-process');
  log(`popup, opened in a new tab (${RUNS} runs)…`);
  const popupTab = await benchPopup(extDir, RUNS, 2, 'new-tab');
  const seconds = (Date.now() - started.getTime()) / 1000;
  const load = { before: loadBefore, after: loadavg()[0]! };

  const rows = table({ badgeSize, panelSize, popupFiles, popupGzip, engine, network, badge, popup, popupTab });
  const last = parseLastRun(existsSync(LAST_RUN) ? readFileSync(LAST_RUN, 'utf8') : null);
  const figs = figures(
    { badgeSize, panelSize, popupFiles, popupGzip, engine, network, badge, popup, popupTab },
    worker,
  );
  const compared = compare(figs, last);
  process.stdout.write(`\n${renderTable(rows)}\n\n${renderTable(compared.map(cells), COMPARED_HEAD)}\n`);
  const md = markdown({
    started,
    seconds,
    load,
    m,
    rows,
    badgeSize,
    panelSize,
    popupFiles,
    popupGzip,
    engine,
    network,
    badge,
    popup,
    popupTab,
    worker,
    compared,
    last,
  });
  writeFileSync(join(REPO_ROOT, 'docs', 'BENCHMARKS.md'), md);
  writeFileSync(LAST_RUN, `${JSON.stringify(lastRunOf(figs, `npm run bench, ${started.toISOString()}`), null, 2)}\n`);
  const regressions = compared.filter((c) => c.regression).map((c) => c.label);
  if (regressions.length) log(`more than 20 % worse than the last run: ${regressions.join('; ')}`);
  log(`wrote docs/BENCHMARKS.md (${seconds.toFixed(0)} s)`);
}

interface Inputs {
  badgeSize: FileSize;
  /** The badge panel's own module (imported by the content script when the panel first opens). */
  panelSize: FileSize;
  popupFiles: FileSize[];
  popupGzip: number;
  engine: EngineResult;
  network: NetworkResult;
  badge: BadgeResult;
  /** Opened in the extension's process (the toolbar popup's case, and the targets'); `popupTab` in a new tab. */
  popup: PopupResult;
  popupTab: PopupResult;
}

type Row = [what: string, measured: string, target: string, verdict: string];

const verdict = (ok: boolean, miss = '') => (ok ? 'met' : `MISSED${miss ? ` (${miss})` : ''}`);
const times = (x: number) => `${x.toFixed(1)}×`;
/** By how much a refresh is over the warm budget, e.g. "+48 req". */
const over = (t: { requests: number; bytes: number }) =>
  [
    t.requests > TARGETS.warmRequests ? `+${t.requests - TARGETS.warmRequests} req` : '',
    t.bytes > TARGETS.warmBytes ? `+${kb(t.bytes - TARGETS.warmBytes)}` : '',
  ]
    .filter(Boolean)
    .join(', ');
/** Naive ÷ product on the refresh where both have new bars to fetch (the same-day one asks the product for nothing). */
const nextDayRatio = (n: NetworkResult) => ({
  requests: n.naive.requests / Math.max(1, n.nextDay.requests),
  bytes: n.naive.bytes / Math.max(1, n.nextDay.bytes),
});

/** A timing row with a target: the median, "≤ max ms", and the verdict with by how much it is missed. */
const targetRow = (label: string, value: number, max: number): Row => [
  label,
  ms(value),
  `≤ ${max} ms`,
  verdict(value <= max, `+${(value - max).toFixed(0)} ms`),
];
/** The long tasks the badge's code ran in: how many, and each one's length with the badge's sampled time in it. */
const longTasks = (t: BadgeResult['tasks']) =>
  t.long.length === 0
    ? '0'
    : `${t.long.length} (${t.long.map((l) => `${ms(l.ms)} with ${ms(l.scriptMs)} of the badge's`).join('; ')})`;
/** A summary row with no target. */
const infoRow = (label: string, measured: string): Row => [label, measured, '—', ''];
/** A target's verdict in prose: "met", or "missed by N ms" (and what those ms are). */
const missedBy = (value: number, max: number, what = '') =>
  value <= max ? 'met' : `missed by ${(value - max).toFixed(0)} ms${what}`;

function table(x: Inputs): Row[] {
  const { badgeSize, panelSize, popupGzip, engine, network: n, badge, popup, popupTab } = x;
  const budget = `≤ ${TARGETS.warmRequests} req, ≤ ${TARGETS.warmBytes / 1024} KB`;
  const within = (t: { requests: number; bytes: number }) =>
    verdict(t.requests <= TARGETS.warmRequests && t.bytes <= TARGETS.warmBytes, over(t));
  const next = nextDayRatio(n);
  return [
    [
      'Content script gzip (badge.js)',
      `${badgeSize.gzip} B (level 9: ${badgeSize.gzip9} B; raw ${badgeSize.bytes} B)`,
      `≤ ${TARGETS.badgeGzip} B`,
      verdict(badgeSize.gzip <= TARGETS.badgeGzip),
    ],
    infoRow(
      'Badge panel module gzip (badge-panel.js: imported when the panel first opens, not on page load)',
      `${panelSize.gzip} B (raw ${panelSize.bytes} B)`,
    ),
    targetRow(
      'Badge: main-thread CPU of the content script per page load, injection → painted (thread time, median)',
      badge.thread.total.median,
      TARGETS.badgeMountMs,
    ),
    infoRow(
      'Badge: the same for a floor script that only reads the view and mounts a host (median)',
      ms(badge.floorThread.median),
    ),
    infoRow(
      "Badge: time sampled in the content script's stacks, injection → painted (profiler, median; floor)",
      `${ms(badge.cpu.median)} (≤ ${TARGETS.badgeMountMs} ms: ` +
        `${badge.cpu.median <= TARGETS.badgeMountMs ? 'yes' : 'no'}); floor ${ms(badge.floor.median)}`,
    ),
    infoRow(
      'Badge: wall time, main() start → in DOM / next frame / after it (median)',
      `${ms(badge.mount.median)} / ${ms(badge.frame.median)} / ${ms(badge.painted.median)}`,
    ),
    [
      'Badge: long tasks (≥ 50 ms) the content script made long (traced with the profiled runs)',
      `${badge.tasks.madeLong} in ${badge.tasks.runs} runs; long tasks its code ran in: ${longTasks(badge.tasks)}`,
      `${TARGETS.badgeLongTasks}`,
      verdict(badge.tasks.madeLong <= TARGETS.badgeLongTasks),
    ],
    infoRow(
      "Badge: the page's long tasks overlapping the mount's time (Long Tasks API, which names no script)",
      `${badge.longTasksInWindow} in ${badge.runs.length} runs (${badge.runsWithLongTasks} runs with any); ` +
        `the page without the badge: ${badge.control.longTasksInWindow} in ${badge.control.runs}`,
    ),
    [
      'Badge: main-thread CPU of a live update (a new view stored while the page is open, median)',
      ms(badge.live.median),
      `≤ ${TARGETS.badgeLiveMs} ms`,
      verdict(badge.live.median <= TARGETS.badgeLiveMs),
    ],
    [
      'Popup JS gzip (entry + imported chunks)',
      kb(popupGzip),
      `≤ ${TARGETS.popupJsGzip / 1024} KB`,
      verdict(popupGzip <= TARGETS.popupJsGzip),
    ],
    targetRow(
      "Popup, in the extension's process: navigation → first chart drawn (median)",
      popup.firstChart.median,
      TARGETS.popupFirstChartMs,
    ),
    targetRow(
      "Popup, in the extension's process: navigation → stage shown (median)",
      popup.stage.median,
      TARGETS.popupStageMs,
    ),
    infoRow(
      "Popup, in the extension's process: navigation → HTML parsed, before any module of the product (median)",
      ms(popup.htmlParsed.median),
    ),
    infoRow(
      'Popup, in a new tab (renderer process swap): HTML parsed / stage / first chart (median)',
      `${ms(popupTab.htmlParsed.median)} / ${ms(popupTab.stage.median)} / ${ms(popupTab.firstChart.median)}`,
    ),
    targetRow(
      `Engine: full recompute, evaluateDay (${engine.coins} coins, ${engine.russellBars} Russell bars)`,
      engine.evaluateDay.median,
      TARGETS.engineMs,
    ),
    infoRow('Engine: buildSnapshot (evaluateDay + 90-day ASI sparkline)', ms(engine.buildSnapshot.median)),
    infoRow(`Engine: ${engine.historyDays}-day stage history with hysteresis`, ms(engine.history.median, 0)),
    infoRow('Network: cold start', `${n.cold.requests} req, ${kb(n.cold.bytes)}, ${ms(n.cold.wallMs, 0)}`),
    [
      'Network: install → complete snapshot under all real limits at once (simulated clock, retries at retryAt)',
      `${(n.limited.ms / 1000).toFixed(1)} s, ${n.limited.refreshes} refreshes, ${n.limited.requests} req, ` +
        `${n.limited.limitedAnswers} limited answers${n.limited.complete ? '' : ', NOT complete'}`,
      '≤ 5 min',
      verdict(n.limited.complete && n.limited.ms <= 300_000),
    ],
    [
      'Network: warm refresh, same day (+1 h: nothing new is due)',
      `${n.warm.requests} req, ${kb(n.warm.bytes)}, ${ms(n.warm.wallMs, 0)}`,
      budget,
      within(n.warm),
    ],
    [
      'Network: warm refresh, next day (+24 h: a new daily bar for every coin)',
      `${n.nextDay.requests} req, ${kb(n.nextDay.bytes)}, ${ms(n.nextDay.wallMs, 0)}`,
      budget,
      within(n.nextDay),
    ],
    infoRow('Network: a day of hourly refreshes (24)', `${n.day.requests} req, ${kb(n.day.bytes)}`),
    infoRow(
      'Naive ASI, one refresh (full history per coin)',
      `${n.naive.requests} req, ${kb(n.naive.bytes)}, ${ms(n.naive.wallMs, 0)}`,
    ),
    [
      'Naive ÷ product, the next-day refresh (both must fetch the new bars)',
      `requests ${times(next.requests)}, bytes ${times(next.bytes)}`,
      `≥ ${TARGETS.naiveRatio}× fewer requests`,
      verdict(next.requests >= TARGETS.naiveRatio),
    ],
    [
      'Naive ÷ product, per day (24 hourly refreshes; the naive way refetches at each)',
      `requests ${times(n.dayRatio.requests)}, bytes ${times(n.dayRatio.bytes)}`,
      `≥ ${TARGETS.naiveRatio}× fewer requests`,
      verdict(n.dayRatio.requests >= TARGETS.naiveRatio),
    ],
  ];
}

const COMPARED_HEAD = ['figure (#18)', 'now', 'target', 'verdict', 'last run', 'change'];

/** Issue #18's figures, each compared with its target and the last run. */
function figures(x: Inputs, w: WorkerResult): Figure[] {
  const { badge: b, popup: p, engine: e, network: n } = x;
  const live = b.live;
  return [
    {
      id: 'badge.threadCpu',
      label: 'Badge: main-thread CPU per page load (thread time, median)',
      unit: 'ms',
      value: b.thread.total.median,
      max: TARGETS.badgeMountMs,
    },
    {
      id: 'badge.cpu',
      label: "Badge: time sampled in the script's stacks (profiler, median)",
      unit: 'ms',
      value: b.cpu.median,
    },
    {
      id: 'badge.longTasksMadeLong',
      label: 'Badge: long tasks the badge made long',
      unit: 'count',
      value: b.tasks.madeLong,
      max: TARGETS.badgeLongTasks,
    },
    {
      id: 'badge.longTasksRunningIt',
      label: "Badge: long tasks the badge's code ran in",
      unit: 'count',
      value: b.tasks.long.length,
    },
    {
      id: 'badge.longTasks',
      label: "Badge: the page's long tasks overlapping the mount",
      unit: 'count',
      value: b.longTasksInWindow,
    },
    {
      id: 'badge.liveUpdate',
      label: 'Badge: live update (median)',
      unit: 'ms',
      value: live?.median ?? null,
      max: TARGETS.badgeLiveUpdateMs,
    },
    {
      id: 'popup.inProcess.stage',
      label: "Popup: stage shown (median), extension's process",
      unit: 'ms',
      value: p.stage.median,
      max: TARGETS.popupStageMs,
    },
    {
      id: 'popup.inProcess.firstChart',
      label: "Popup: first chart (median), extension's process",
      unit: 'ms',
      value: p.firstChart.median,
      max: TARGETS.popupFirstChartMs,
    },
    // The earlier runs' measure (a new tab): ids kept, so the comparison with the last run stays like for like.
    { id: 'popup.stage', label: 'Popup: stage shown (median), new tab', unit: 'ms', value: x.popupTab.stage.median },
    {
      id: 'popup.firstChart',
      label: 'Popup: first chart (median), new tab',
      unit: 'ms',
      value: x.popupTab.firstChart.median,
    },
    {
      id: 'engine.perNewDay',
      label: 'Stage history per new day (evaluateDay)',
      unit: 'ms',
      value: e.evaluateDay.median,
      max: TARGETS.engineMs,
    },
    {
      id: 'network.requestsPerDay',
      label: 'Requests per install per day (hourly)',
      unit: 'requests',
      value: n.day.requests,
      max: TARGETS.requestsPerDay,
    },
    {
      id: 'badge.gzip',
      label: 'Content script gzip (aim 12 KiB)',
      unit: 'B',
      value: x.badgeSize.gzip,
      max: TARGETS.badgeGzip,
    },
    {
      id: 'storage.bytes',
      label: 'Stored after a cold start (local, JSON)',
      unit: 'B',
      value: w.storage.total,
      max: TARGETS.storageBytes,
    },
    { id: 'worker.cpu.cold', label: 'Worker CPU: cold start (median)', unit: 'ms', value: w.cpu.cold.median },
    { id: 'worker.cpu.warm', label: 'Worker CPU: same-day refresh (median)', unit: 'ms', value: w.cpu.warm.median },
    {
      id: 'worker.cpu.nextDay',
      label: 'Worker CPU: next-day refresh (median)',
      unit: 'ms',
      value: w.cpu.nextDay.median,
    },
  ];
}

function renderTable(
  rows: readonly (readonly string[])[],
  head: readonly string[] = ['measurement', 'measured', 'target', 'verdict'],
): string {
  const all = [head, ...rows];
  const w = head.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const line = (r: readonly string[]) => r.map((c, i) => c.padEnd(w[i]!)).join(' | ');
  return [line(head), w.map((n) => '-'.repeat(n)).join('-|-'), ...rows.map(line)].join('\n');
}

function mdTable(
  rows: readonly (readonly string[])[],
  head = ['measurement', 'measured', 'target', 'verdict'],
): string {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---|').join('')}`,
    ...rows.map((r) => `| ${r.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`),
  ].join('\n');
}

function hosts(t: NetworkResult['cold']): string {
  return Object.entries(t.byHost)
    .sort((a, b) => b[1].requests - a[1].requests)
    .map(([h, v]) => `${h} ${v.requests} (${kb(v.bytes)})`)
    .join(', ');
}

/** A row of the popup table: both starts' median and p90. */
function popupRow(label: string, a: Summary, b: Summary): string {
  const cells = (s: Summary) => `${s.median.toFixed(1)} ms | ${s.p90.toFixed(1)}`;
  return `| ${label} | ${cells(a)} | ${cells(b)} |`;
}

/** A row of a timing table: median (bold when it is the target's figure), p90, min, max. */
function stat(label: string, s: Summary, digits: number, bold = false): string {
  const median = `${s.median.toFixed(digits)} ms`;
  const b = bold ? '**' : '';
  const rest = [s.p90, s.min, s.max].map((v) => v.toFixed(digits)).join(' | ');
  return `| ${b}${label}${b} | ${b}${median}${b} | ${rest} |`;
}

/** A row of the refresh table: requests, bytes, wall time, per host. */
function trafficRow(label: string, t: NetworkResult['cold']): string {
  return `| ${label} | ${t.requests} | ${kb(t.bytes)} | ${t.wallMs.toFixed(0)} ms | ${hosts(t) || '—'} |`;
}

function workerRows(w: WorkerResult): string {
  const row = (label: string, s: Summary, requests: number) =>
    `| ${label} | ${[s.median, s.p90, s.min, s.max].map((v) => v.toFixed(0)).join(' ms | ')} ms | ${requests} |`;
  return [
    row('cold start (\`onInstalled\`)', w.cpu.cold, w.requests.cold),
    row('same day, an hour later (alarm)', w.cpu.warm, w.requests.warm),
    row('next day, 24 hours later (alarm)', w.cpu.nextDay, w.requests.nextDay),
  ].join('\n');
}

function storedItems(w: WorkerResult): string {
  return Object.entries(w.storage.items)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `\`${k}\` ${v} B`)
    .join(', ');
}

/** Code quoted inside a table cell: no pipe, no backquote. */
const mdCode = (code: string) => code.replace(/\|/g, '\\|').replace(/`/g, "'");

function markdown(
  x: Inputs & {
    started: Date;
    seconds: number;
    load: { before: number; after: number };
    m: ReturnType<typeof machine>;
    rows: Row[];
    worker: WorkerResult;
    compared: Compared[];
    last: ReturnType<typeof parseLastRun>;
  },
): string {
  const { m, engine: e, network: n, badge: b, popup: p } = x;
  const badgeVerdict =
    missedBy(b.thread.total.median, TARGETS.badgeMountMs, ' of main-thread time') +
    (b.tasks.madeLong === 0 ? '' : `, and the badge made ${b.tasks.madeLong} tasks long`);
  const popupVerdict = missedBy(p.firstChart.median, TARGETS.popupFirstChartMs);
  const stageVerdict = missedBy(p.stage.median, TARGETS.popupStageMs);
  const floorGap = p.floor.scriptStart.median - TARGETS.popupStageMs;
  const tf = x.popupTab.floor;
  const gap = (a: Summary, b: Summary) => (b.median - a.median).toFixed(0);
  const floorVerdict =
    floorGap >= 0
      ? `below this floor on this machine (by ${floorGap.toFixed(0)} ms)`
      : `${(-floorGap).toFixed(0)} ms above this floor`;
  const engineVerdict = missedBy(e.evaluateDay.median, TARGETS.engineMs);
  const popupFiles = x.popupFiles.map((f) => `\`${f.file}\` ${f.bytes} B → ${f.gzip} B gzip`).join('; ');
  return `# Benchmarks and budgets

Generated by \`npm run bench\` (bench/run.ts) on ${x.started.toISOString()} in ${x.seconds.toFixed(0)} s. Every figure
below comes from that run; re-run to refresh the file.

**Machine:** ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM · ${m.os} · Node ${m.node} · ${m.chromium} (headless,
\`--headless=new\`).

## Reproduce

\`\`\`sh
npm ci                      # Chromium from the OS: apt-get install chromium (or set CHROMIUM_PATH)
npm run bench               # builds its own copy (temp dir), measures, prints the table, writes docs/BENCHMARKS.md
npm run bench -- --no-build --runs 10   # measure the existing .output/chrome-mv3, fewer browser runs
\`\`\`

No internet needed: the APIs are answered by the local emulator (test/support/emulator) and the trading sites by HTTPS
stub pages (test/support/sites), both with real host names mapped by \`--host-resolver-rules\`. Browser figures are
medians of ${b.runs.length} runs after 2 warm-up runs, each in a new tab. Times are wall-clock or CPU samples on a
${m.cores}-core machine that other work shared during this run (1-minute load average ${x.load.before.toFixed(1)} at the
start, ${x.load.after.toFixed(1)} at the end); between runs on this machine the times varied by up to ±30 %, sizes and
request counts not at all.

## Summary

${mdTable(x.rows)}

## Targets of issue #18, against the last run

${mdTable(x.compared.map(cells), COMPARED_HEAD)}

"Last run" is bench/last.json as committed before this run (${x.last?.from ?? 'none yet'}); every run rewrites it. A
figure more than 20 % worse than it is marked REGRESSION. Times vary by up to ±30 % between runs on a shared machine,
so a flagged time is a reason to run again; a flagged size or count is not noise.

## 1. Content script (badge)

**Size.** \`content-scripts/badge.js\`: ${x.badgeSize.bytes} B, **${x.badgeSize.gzip} B gzip** (zlib default level, as
test/e2e/badge.test.ts asserts against 16 KiB = 16,384 B), ${x.badgeSize.gzip9} B at level 9. Headroom:
${TARGETS.badgeGzip - x.badgeSize.gzip} B.

**How the time is measured.** Not with \`performance.mark\` calls in the content script: no bytes are spent on
instrumentation, and the page's clock would hide the script's compile and the thread's waits. Three page-side
measurements instead (bench/browser.ts), in separate runs, ${b.thread.total.n / b.perLaunch.thread.length} of each in
each of ${b.perLaunch.thread.length} fresh browser launches (one launch's median strays from the next's by more than two
runs' do):

- **Main-thread CPU (the target's measure).** The page's renderer is traced (Chromium's \`toplevel\`,
  \`devtools.timeline\` and \`v8\` categories, no profiler attached) from before the navigation to the chart page until
  the badge has painted, and the content script's work is read from the events' **thread time** (the CPU the main
  thread spent in them, bench/profile.ts \`threadCpu\`): its injection (\`EvaluateScript\`: compiling the script and
  running it to its first await), the browser's reply to its one storage read with the microtasks that ran right after
  it (the code after that await: the paint; and the reply's deserialization), and its callbacks the page ran later
  (\`FunctionCall\` events of the script: its ResizeObserver's first report). Not counted: the page's style, layout and
  paint of the badge's elements in the page's next rendering step (shared with the page's own rendering work).
  Launches' medians: ${b.perLaunch.thread.map((x) => x.toFixed(1)).join(' / ')} ms.
- **Where the time goes.** The V8 sampling CPU profiler (CDP \`Profiler\`, 100 µs) over the same span: every sample
  whose stack contains a frame of \`content-scripts/badge.js\` counts, native work the script triggers included (DOM
  calls, extension bindings). Its figure is wall time between samples (a thread descheduled between two samples counts
  too, which on this ${m.cores}-core machine shared with the browser's other processes adds up to several ms in some
  runs), and it cannot see the script's compile or the reply's deserialization (no JS frame): it was the target's
  measure until thread time replaced it, and is kept beside it. Launches' medians:
  ${b.perLaunch.cpu.map((x) => x.toFixed(1)).join(' / ')} ms.
- **The floor.** The same runs with the build's content script replaced by the least a badge must do
  (bench/browser.ts, \`FLOOR_BADGE\`: the stale-host removal, one \`chrome.storage.local.get\` of the view and the
  places, a shadow host with the stage appended): what injecting a script, its extension bindings and one storage
  reply cost, whatever the script. Launches' medians: ${b.perLaunch.floorThread.map((x) => x.toFixed(1)).join(' / ')} ms
  thread time, ${b.perLaunch.floor.map((x) => x.toFixed(1)).join(' / ')} ms sampled.
- **Wall time and long tasks.** An init script in the page's main world (\`BADGE_PROBE\`) observes \`<html>\`'s
  children: the stub is opened with \`?stale-hosts=1\`, so it leaves one \`<regime-lens-badge>\` as a previous instance
  would; the content script's first DOM step (\`removeStaleHosts()\`, in \`badgeHost\`) removes it, which marks
  **main() started**
  (delivered at the end of its first synchronous part). The host is appended and rendered in one synchronous step, so
  its record marks **in DOM** (the probe checks \`.badge[data-stage]\` in the shadow root); a \`requestAnimationFrame\`
  after it marks the **next frame**, a task after that frame **painted**. The page's long tasks come from
  \`PerformanceObserver({type: 'longtask', buffered: true})\` in the page, counted when they overlap
  [start − 50 ms, painted]; the long tasks that ran the badge's code come from the profiled runs' traces (below).

**Page.** The TradingView stub (\`https://www.tradingview.com/chart/…\`): 3,000 order-book rows, a ticker rewriting 200
of them every 50 ms (${b.ticksPerRun.toFixed(0)} ticks per run on average until the badge painted), a canvas chart.
Viewport 1280×720, light scheme, a fresh altseason snapshot seeded in storage.

| | median | p90 | min | max |
|---|---|---|---|---|
${stat('main-thread CPU of the content script (thread time)', b.thread.total, 1, true)}
${stat('… its injection: compile and run to the first await', b.thread.evaluate, 1)}
${stat('… the storage reply and the code after the await', b.thread.reply, 1)}
${stat('… its callbacks (ResizeObserver)', b.thread.callbacks, 1)}
${stat('floor script (above): main-thread CPU (thread time)', b.floorThread, 1)}
${stat('time sampled in the content script’s stacks (profiler)', b.cpu, 1)}
${stat('floor script: time sampled in its stacks', b.floor, 1)}
${stat('wall: main() start → badge in DOM', b.mount, 1)}
${stat('wall: main() start → next frame', b.frame, 1)}
${stat('wall: main() start → after that frame', b.painted, 1)}

Where the content script's sampled time goes (deepest content-script frame of each sample, minified names from the
built bundle, average per run):

| frame (line:column in badge.js) | ms per run | code at that position |
|---|---|---|
${b.hot.map((h) => `| \`${h.frame}\` | ${h.ms.toFixed(1)} | \`${mdCode(h.code)}…\` |`).join('\n')}

**Long tasks the badge made long: ${b.tasks.madeLong}** in ${b.tasks.runs} profiled runs. Each run is traced as it is
profiled (Chromium's \`toplevel\` category: one event per unit of work the renderer's main thread runs, on the
profile's clock), and every sample in the content script's stacks is placed in the task around it: those are the tasks
that ran the badge (its injection, the storage reply, its ResizeObserver callback in the page's next rendering step).
Long tasks (≥ 50 ms) among them: ${longTasks(b.tasks)}, in ${b.tasks.runsWithLong} runs. One counts as made long by
the badge when it would be under 50 ms without the badge's sampled time in it (bench/profile.ts \`madeLong\`); a
long task of the page's own rendering that the badge's callback merely ran in is the page's. Not subtracted, as not
sampled under the badge's frames (and not in the CPU figure either): the page's style, layout and paint of the badge's
elements in that rendering step. The longest task that ran the badge's code, per run: median
${ms(b.tasks.longest.median)}, p90 ${ms(b.tasks.longest.p90)}, max ${ms(b.tasks.longest.max)}.

The page's own long tasks are another figure. The Long Tasks API names the frame, not the script, so it counts
every long task of the page that overlaps the mount's time, [main() start − 50 ms, painted], which includes the wait
for the storage reply: **${b.longTasksInWindow}** in ${b.runs.length} runs (${b.runsWithLongTasks} runs had
any); the page load itself produced ${b.pageLongTasks} long tasks over all
runs${b.longTaskApi ? '' : ' (the Long Tasks API was unavailable: counts are 0 by construction)'}. The same page
without the extension's script (control runs: a path the manifest does not match, the same window after the load):
**${b.control.longTasksInWindow}** long tasks in ${b.control.runs} runs (${b.control.runsWithLongTasks} runs had any).
The stub's ticker re-lays out a 3,000-row order book every 50 ms; those tasks are the page's, with or without the
badge.

**Target ≤ ${TARGETS.badgeMountMs} ms with 0 long tasks:
${badgeVerdict}.**
${
  b.thread.total.median <= TARGETS.badgeMountMs
    ? ''
    : `Why (see the frame table; the names are the built bundle's): the floor script costs
${b.floorThread.median.toFixed(1)} ms, the product's ${(b.thread.total.median - b.floorThread.median).toFixed(1)} ms
more. The badge is already static DOM built from the worker's badge view, its strings translated and its numbers
formatted by the worker (lib/badge/view.ts): the built script holds no Preact and no \`chrome.i18n.getMessage\` call,
and the mount reads no layout and constructs no \`Intl.NumberFormat\` (test/unit/badge/mount-cost.test.ts pins the
last two). Nor does the mount compile a RegExp (sites and TradingView's theme class are matched as strings), create an
SVG element (the stage's shape is clipped by CSS), load the panel's code or data, or work out the coin line (the panel
does, when opened), listen on the page's document (only while the panel is open) or write a place after the first
layout at the default place (CSS anchors it). What remains is the script's own start: its compile and evaluation (the
top-level frame), its first calls into the extension bindings (\`chrome.storage\`, \`chrome.runtime\`, whose native
accessors are created on first use: the \`get app\` frames), the first DOM calls of its isolated world (the
stale-host scan reads two children), WXT's content-script context (\`stopOldScripts\` dispatches its started event,
listeners are added), and building and inserting the badge's elements with their
shadow-root stylesheet; then, after the storage reply, the paint. Runs spread from ${b.thread.total.min.toFixed(1)} to
${b.thread.total.max.toFixed(1)} ms.`
}
The wall time (main() start → in DOM) is larger again because main() awaits one \`chrome.storage.local.get\` (the
badge view and the stored badge places): an IPC round trip answered while the page's ticker competes for this
${m.cores}-core machine. That wait is not main-thread work.

## 2. Popup

**Size.** All JavaScript \`popup.html\` loads (its two scripts, modulepreloads and everything they import,
transitively):
${popupFiles}. **Total ${kb(x.popupGzip)} gzip** (budget
250 KB, asserted by test/e2e/bundle.test.ts).

**How the time is measured.** Storage seeded as test/e2e/popup.test.ts does: the real snapshot of 2025-09-19 and the
worker's series cache (77 coins × 400 days, macro series up to 4,000 days; ${kb(p.storage.seriesCacheBytes, 0)} as
JSON). An init script in the popup page (\`POPUP_PROBE\`) clicks the **Charts** tab the moment it is rendered (the
Signals tab has no chart), waits for the first visible \`[data-chart]\` box with points and a canvas, then checks that
chart's canvases at every animation frame (its callback runs after the chart library's own draw of that frame) until
one has drawn pixels (two or more colours). \`performance.now()\` at that frame is the time from **navigation start**
(the page's time origin). The stage counts as shown once it is in the DOM and every stylesheet of the page has
loaded (the page is not rendered before). No edit to the product code.

**Where the navigation starts.** Every page of an extension (its service worker, popup, options page) runs in the
extension's one renderer process (wOxxOm on the Chromium Extensions group, "Extension Architecture", 2021: "All pages
of an extension have a chrome-extension:// URL and run in a single process"). The toolbar popup is opened straight in
that process, which is alive while the worker is. Playwright cannot click the toolbar, so each run opens a tab, and
two starts are measured, ${x.popupTab.stage.n} runs each:

- **in the extension's process** (the targets' measure): the tab first shows a file of the extension (its icon), then
  navigates to \`popup.html\`, so the popup's document is created in the extension's process, as the toolbar popup's is;
- **in a new tab** (the measure of runs before 2026-12-04, kept for comparison): the tab navigates from about:blank,
  and the page moves from the tab's first renderer process to the extension's on the way, which the toolbar popup never
  does. Before each run the bench pauses ${SETTLE_MS} ms after closing the last run's page: back to back, the new-tab
  start was held up by the page just closed in the extension's process. Opened the same way (without
  the probe script), the floor page below parses at
  ${ms(x.popupTab.floor.htmlParsed.median)} (p90 ${ms(x.popupTab.floor.htmlParsed.p90)}), \`popup.html\` at
  ${ms(x.popupTab.htmlParsed.median)} (p90 ${ms(x.popupTab.htmlParsed.p90)}).

| navigation start → | extension's process: median | p90 | new tab: median | p90 |
|---|---|---|---|---|
${popupRow('HTML received (responseEnd)', p.responseEnd, x.popupTab.responseEnd)}
${popupRow('HTML parsed (domInteractive): no module of the product has run yet', p.htmlParsed, x.popupTab.htmlParsed)}
${popupRow('*floor*: a page of the extension with one one-line script, HTML parsed', p.floor.htmlParsed, tf.htmlParsed)}
${popupRow('*floor*: that one line run', p.floor.scriptStart, tf.scriptStart)}
${popupRow("**stage shown** (the first paint's stage line, styled)", p.stage, x.popupTab.stage)}
${popupRow('DOMContentLoaded (the module scripts have run)', p.domContentLoaded, x.popupTab.domContentLoaded)}
${popupRow("the popup's own render: the full header (setup, reasons)", p.header, x.popupTab.header)}
${popupRow(`first chart (\`${p.chart}\`) in the DOM with points`, p.chartInDom, x.popupTab.chartInDom)}
${popupRow('**first chart drawn**', p.firstChart, x.popupTab.firstChart)}

Raw \`chrome.storage.local.get\` in the loaded popup (median of 5): snapshot ${p.storage.snapshotGetMs.toFixed(1)} ms
for ${kb(p.storage.snapshotBytes)}; series cache ${p.storage.seriesCacheGetMs.toFixed(1)} ms for
${kb(p.storage.seriesCacheBytes)}.

**Targets, in the extension's process: stage ≤ ${TARGETS.popupStageMs} ms ${stageVerdict};
first chart ≤ ${TARGETS.popupFirstChartMs} ms ${popupVerdict}.**
Where the time goes (medians above, in the extension's process). **The floor:** a page of the extension holding nothing
but one classic script of one statement (\`bench-floor.html\`, added to the bench's copy of the build only) runs that
statement ${p.floor.scriptStart.median.toFixed(0)} ms after navigation start: loading a script and creating the page's
script context with the extension's bindings come first, whatever the script does. No script of the product can run
sooner, so a stage painted by script cannot be shown sooner either: the ${TARGETS.popupStageMs} ms target is
${floorVerdict}.
**The first paint** (\`entrypoints/popup-first-paint.ts\`, test/e2e/popup.test.ts): the first script of
\`popup.html\`, classic, \`async\` and \`fetchpriority="high"\` (it neither waits for the parser nor holds it
up), reads the worker's badge view (one small item, already translated) and paints the stage line where the header
will have it, with plain DOM: shown ${gap(p.floor.scriptStart, p.stage)} ms after the floor. **The
popup's own render** follows: its two module scripts and stylesheets loaded and run (DOMContentLoaded), one storage
read per area (the snapshot, settings, phase log and stage history in one \`storage.local.get\` and one
\`storage.sync.get\`: test/unit/storage/lazy-items.test.ts), then Preact's first render, which turns the first paint
into the full header and the Signals tab (test/unit/popup/first-paint.test.tsx):
${gap(p.stage, p.header)} ms after the stage. The first chart follows ${gap(p.header, p.firstChart)} ms after that
render: the Charts tab's code and lightweight-charts, fetched and compiled meanwhile (popup.html modulepreloads them;
test/e2e/bundle.test.ts), are evaluated after it; the chart is created from the snapshot's 90-day sparklines (it never
waits for the series cache, ${p.storage.seriesCacheGetMs.toFixed(0)} ms to read; test/e2e/popup.test.ts) and drawn in
the library's next animation frame.

## 3. Engine

In Node (${m.node}), the engine as the worker runs it, on the real fixture series (test/fixtures/real/series):
${e.coins} coins with ${e.coinDays.min}–${e.coinDays.max} days of closes each (median ${e.coinDays.median},
${e.coinDays.total} closes in all), Fear & Greed, ETH/BTC, and a Russell 2000 history of **${e.russellBars} bars**: the
${e.russellRealBars} real closes of \`rut-long.csv\` (1999 onwards) preceded by ${e.russellBars - e.russellRealBars}
**synthetic** weekday bars (below every real close; only the length matters). BTC dominance and TOTAL3 are **synthetic**
daily waves of ${e.synthetic.days} days (no long public series of either exists, see PROVENANCE.md), so the dominance
changes, its monthly MACD (${e.synthetic.macdMonths} months) and wedge (${e.synthetic.wedgeWeeks} weeks) and TOTAL3's
30-day comparison all run; the bench stops with an error if they no longer do. Evaluated as of ${e.day} (the last day
every input has); stage ${e.stage}, ASI ${e.asi}. Every run gets fresh arrays, as after a refresh (the Russell analysis
is memoised per array); 3 warm-up runs, then the median of ${e.evaluateDay.n}.

| | median | p90 | min | max |
|---|---|---|---|---|
${stat('\`evaluateDay\`: every signal, stage, hysteresis step, flags, setup, reasons', e.evaluateDay, 1)}
${stat('\`buildSnapshot\`: the above + the 90-day ASI sparkline (what a refresh runs)', e.buildSnapshot, 1)}
${stat(`\`stageHistory\`: ${e.historyDays} days with hysteresis (+60 warm-up days)`, e.history, 0)}

**Target ≤ ${TARGETS.engineMs} ms for a full recompute: ${engineVerdict}.**
${
  e.evaluateDay.median <= TARGETS.engineMs
    ? ''
    : `Why: most of it is the Russell 2000 signal (\`russellSignal\` alone: ${e.parts.russell.median.toFixed(1)} ms
median, its analysis in
lib/signals/russell.ts \`analyse\`), not the ASI (\`asiSignal\` alone: ${e.parts.asi.median.toFixed(1)} ms for
${e.coins} coins). \`analyse\` is linear, but it calls \`isoWeekStart(date)\` twice per bar (once in \`weeklyCloses\`,
once to map bars to weeks), and each call parses and formats ISO date strings (\`Date.parse\` twice, \`toISOString\`):
${e.isoWeekStartUs.toFixed(1)} µs per call measured in this run, so
~${((2 * e.russellBars * e.isoWeekStartUs) / 1000).toFixed(0)} ms of date-string work for ${e.russellBars} bars. What
would close it: compute week keys with integer day arithmetic (\`Math.floor((dayMs/86400000 + 3) / 7)\`, or parse each
date once into a day number and reuse it), which takes the analysis to a few milliseconds; the memo per points array
already makes the stage history and the 90-day sparkline cheap after the first day, and the worker could also keep the
analysis across refreshes while the
Russell series only grows by a bar.`
}

## 4. Network

\`runRefresh\` (lib/refresh/run.ts) in Node against the API emulator with **${n.latencyMs} ms latency** on every
response, as test/unit/refresh/refresh.test.ts runs it, but with the product's real sleeps and randomness. The simulated
clock starts at 2026-03-17 12:00 UTC (the fixture coin data runs to 2026-03-18 for most coins, so the next day's candles
exist, as on the real APIs). Bytes are response bodies as sent by the emulator (uncompressed JSON).

| refresh | requests | bytes | wall time | per host |
|---|---|---|---|---|
${trafficRow('cold start (empty cache)', n.cold)}
${trafficRow('warm, 1 h later', n.warm)}
${trafficRow('next day (+24 h)', n.nextDay)}
| a day: 24 hourly refreshes after the cold start | ${n.day.requests} | ${kb(n.day.bytes)} | | |
${trafficRow('**naive** ASI, one refresh: full history per coin', n.naive)}

The naive way fetches each of the ${n.naive.coins} ASI coins' full history at every refresh (Binance klines with
\`limit=1000\`; CoinGecko \`market_chart\` for 365 days for a coin Binance does not list), with the product's own limit
of 4 requests in flight per host, and computes the ASI with the same universe and engine: ASI ${n.naive.asi} vs the
product's ${n.warm.asi} (${n.sameAsi ? 'identical' : 'DIFFERENT'}). It counts only the coin histories, none of the other
signals' requests, so the ratios below favour the naive way.

- On the refresh where both have new bars to fetch (the next day): the product sends ${n.nextDay.requests} requests
  (${kb(n.nextDay.bytes)}), the naive way ${n.naive.requests} (${kb(n.naive.bytes)}):
  **${times(nextDayRatio(n).requests)} the requests** (target ≥ ${TARGETS.naiveRatio}× fewer:
  ${verdict(nextDayRatio(n).requests >= TARGETS.naiveRatio)}) and **${nextDayRatio(n).bytes.toFixed(0)}× fewer bytes**.
  Request for request the incremental way saves nothing here: it still asks once per coin (see below), only for one
  candle instead of a thousand.
- On a same-day refresh the product sends ${n.warm.requests} requests, the naive way ${n.naive.requests} again; this is
  where the saving in requests comes from, not from the refresh that carries new data.
- Per day at the default hourly interval (the naive way refetching at each refresh, as the target defines it):
  ${n.day.requests} requests / ${kb(n.day.bytes)} vs ${24 * n.naive.requests} / ${kb(24 * n.naive.bytes)}:
  **${n.dayRatio.requests.toFixed(1)}× fewer requests, ${n.dayRatio.bytes.toFixed(0)}× fewer bytes** (target ≥
  ${TARGETS.naiveRatio}×: ${verdict(n.dayRatio.requests >= TARGETS.naiveRatio)}). A naive extension gated to one fetch a
  day would send ${n.naive.requests} requests a day, about as many as the product.

**Warm refresh ≤ ${TARGETS.warmRequests} requests and ≤ ${TARGETS.warmBytes / 1024} KB: met on the same day
(${n.warm.requests} requests),
${verdict(n.nextDay.requests <= TARGETS.warmRequests && n.nextDay.bytes <= TARGETS.warmBytes, over(n.nextDay))} on the
next day (${n.nextDay.requests} requests, ${kb(n.nextDay.bytes)}).** Within the same UTC day every cached series is
current (daily closes), so nothing is due; a request is only sent when a source's next bar is expected (e.g. the Russell
2000 after the US close). Its ${n.warm.wallMs.toFixed(0)} ms of wall time is local work, mostly the engine:
\`buildSnapshot\` re-evaluates every signal from the cache at each refresh (on the cached Russell history, shorter than
section 3's ${e.russellBars} bars).

**Why the next-day refresh is ${n.nextDay.requests} requests / ${kb(n.nextDay.bytes)}** (the earlier measurement in
test/unit/refresh/refresh.test.ts, from 2026-03-19, was 56 requests / 146 KB: the same request count; the bytes differ
with the day's universe and series). At 00:00 UTC every coin's daily candle closes, so each ASI coin (plus ETH/BTC) gets
**one small incremental klines request** (\`startTime\` = the day after its last cached close):
${n.nextDay.klines.requests} klines requests, only ${kb(n.nextDay.klines.bytes)} in all (one or two candles each).
Binance has no multi-symbol klines endpoint, and the exact 00:00 UTC close the ASI rules use is not in any all-coins
ticker, so one request per coin per day is the floor for this source. What would close the gap to
${TARGETS.warmRequests} requests: take the day's closes from one all-coins call instead (CoinGecko \`/coins/markets\`
prices recorded at the first refresh after 00:00 UTC, or CoinMarketCap's listing with its \`percentChange90d\`, the
current ASI in one call), at the price of an ASI that is no longer computed from exact 00:00 UTC exchange closes, which
is the contract's definition (SIGNALS.md §3); the product keeps the exact closes and reports this target as missed. The
bytes are mostly the daily universe refresh (CoinGecko markets and the CoinMarketCap listing, which re-rank the coins
and tag the exclusions) and the macro series: ${hosts(n.nextDay)}. It happens once a day; the other 23 hourly refreshes
of the day cost ${n.day.requests - n.nextDay.requests} requests between them.

**After the data ends** (a coin whose expected candle never comes, e.g. halted or delisted; here: hourly refreshes after
the fixtures end): the refresh at ${n.firstEmpty.at} asks each coin still waiting once (${n.firstEmpty.klines.requests}
kline requests, ${n.firstEmpty.requests} in all); the answer is empty, so each such coin is backed off (3 h, 6 h, 12 h,
then 24 h; a new candle resets it) and the next hourly refresh, at ${n.afterDataEnd.at}, sends
${n.afterDataEnd.klines.requests} kline requests (${n.afterDataEnd.requests} in all, ${kb(n.afterDataEnd.bytes)}).

## 5. Worker: CPU per refresh, and what it stores

The real worker (\`createWorker\`, lib/platform/worker.ts) in Node on WXT's fake browser, against the API emulator in
a child process with no latency, so the emulator's own CPU is not counted; the clock as in section 4 (2026-03-17 12:00
UTC). \`onInstalled\` is the cold start, then the alarm fires an hour later (same day) and 24 hours later (next day).
CPU is \`process.cpuUsage()\` (user + system) around each call: fetching, parsing, the engine, the snapshot and the
storage writes. ${x.worker.runs} runs, each on fresh storage.

| refresh | CPU median | p90 | min | max | requests |
|---|---|---|---|---|---|
${workerRows(x.worker)}

**Stored after the cold start:** ${x.worker.storage.total} B in all, the JSON of every local storage item:
${storedItems(x.worker)}.

**Budget: ≤ ${TARGETS.storageBytes / 1024 / 1024} MiB (${TARGETS.storageBytes} B),
${verdict(x.worker.storage.total <= TARGETS.storageBytes)} after a cold start.** Why that figure: the extension does not
ask for \`unlimitedStorage\`, so \`storage.local\` holds 10 MB in all; a tenth of it leaves room to grow, and the caches
do grow after install: a cold start fetches less history than the worker keeps (KEEP_DAYS in lib/refresh/context.ts),
and at that horizon the series cache is about ${kb(p.storage.seriesCacheBytes)} (the popup bench's seed, 77 coins × 400
days). The popup reads the whole cache for its full-history charts (${p.storage.seriesCacheGetMs.toFixed(0)} ms for
${kb(p.storage.seriesCacheBytes)} in section 2), so each byte is paid on every visit of the Charts tab: the budget holds
the cache near its size at the kept horizon, and a cache that grew past it would be a bug in the pruning, not growth.

## Budgets asserted by tests (sizes and counts only, never times)

| budget | where |
|---|---|
${[
  [
    'content script ≤ 16 KiB gzip (16,384 B, zlib default level), no fetch/XHR/WebSocket, no charting library',
    'test/e2e/badge.test.ts, "keeps the content script within budget"',
  ],
  [
    'popup JavaScript (entry chunk + imported chunks, transitively) ≤ 250 KB gzip',
    'test/e2e/bundle.test.ts, "keeps the popup\'s JavaScript within 250 KB gzip"',
  ],
]
  .map((r) => `| ${r.join(' | ')} |`)
  .join('\n')}
| warm refresh ≤ 8 requests and ≤ 300 KB; cold start ≤ 70 requests | test/unit/refresh/refresh.test.ts |

Times are never asserted in tests: they are measured here only.
`;
}

main().catch((e) => {
  process.stderr.write(`[bench] failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
