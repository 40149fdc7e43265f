/**
 * The badge's part of the bench alone (`npx tsx bench/badge.ts [--no-build] [--runs N]`): the content script's
 * size, its CPU from injection to painted, long tasks over the mount and the CPU of a live update, beside
 * their targets. `npm run bench` runs the same measurement among the others.
 */
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../test/support/browser';
import { benchBadge } from './browser';
import { BENCH_EXTENSION_DIR } from './paths';
import { sizeOf } from './sizes';

const args = process.argv.slice(2);
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 20;
if (!args.includes('--no-build'))
  execSync('npx wxt build -c bench/wxt.config.ts', { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
const file = join(BENCH_EXTENSION_DIR, 'content-scripts', 'badge.js');
const size = sizeOf(file, BENCH_EXTENSION_DIR);
const f = (n: number) => `${n.toFixed(2)} ms`;
const b = await benchBadge(BENCH_EXTENSION_DIR, runs, 2, readFileSync(file, 'utf8'));
console.log(`content script: ${size.gzip} B gzip (target ≤ 16384 B, aim ≤ 12288 B)`);
const t = b.thread;
console.log(
  `main-thread CPU injection → painted (thread time), median of ${t.total.n}: ${f(t.total.median)} (target ≤ 5 ms): ` +
    `injection ${f(t.evaluate.median)}, storage reply and paint ${f(t.reply.median)}, callbacks ` +
    `${f(t.callbacks.median)}; floor ${f(b.floorThread.median)}`,
);
console.log(
  `time sampled in its stacks (profiler), median of ${b.cpu.n}: ${f(b.cpu.median)}; floor ${f(b.floor.median)}`,
);
console.log(
  `long tasks the badge made long: ${b.tasks.madeLong} in ${b.tasks.runs} profiled runs (target 0); long tasks its ` +
    `code ran in: ${JSON.stringify(b.tasks.long)}; longest such task per run: median ` +
    `${f(b.tasks.longest.median)}, max ${f(b.tasks.longest.max)}`,
);
console.log(
  `the page's long tasks overlapping the mount: ${b.longTasksInWindow} in ${b.runs.length} runs; ` +
    `without the badge: ${b.control.longTasksInWindow} in ${b.control.runs}`,
);
console.log(`live update CPU, median: ${f(b.live.median)} (target ≤ 2 ms); all: ${JSON.stringify(b.live)}`);
console.log(
  `wall main() → in DOM / frame / painted: ${f(b.mount.median)} / ${f(b.frame.median)} / ${f(b.painted.median)}`,
);
console.log(`cpu: ${JSON.stringify(b.cpu)}; medians per launch: ${JSON.stringify(b.perLaunch)}`);
console.log(`hot: ${JSON.stringify(b.hot)}`);
