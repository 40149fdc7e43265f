/** Small helpers shared by the benchmarks: statistics, sizes and the machine description. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { arch, cpus, release, totalmem } from 'node:os';
import { CHROMIUM_PATH } from '../test/support/browser';

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export interface Summary {
  n: number;
  median: number;
  p90: number;
  min: number;
  max: number;
}

export function summarize(xs: readonly number[]): Summary {
  return { n: xs.length, median: median(xs), p90: percentile(xs, 90), min: Math.min(...xs), max: Math.max(...xs) };
}

export const ms = (x: number, digits = 1) => (Number.isFinite(x) ? `${x.toFixed(digits)} ms` : 'n/a');
export const kb = (bytes: number, digits = 1) => `${(bytes / 1024).toFixed(digits)} KB`;
export const fmtSummary = (s: Summary, digits = 1) =>
  `${ms(s.median, digits)} (p90 ${s.p90.toFixed(digits)}, min ${s.min.toFixed(digits)}, max ` +
  `${s.max.toFixed(digits)}, n=${s.n})`;

export interface Machine {
  cpu: string;
  cores: number;
  ramGiB: number;
  os: string;
  node: string;
  chromium: string;
}

export function machine(): Machine {
  let os = `${process.platform} ${release()} ${arch()}`;
  if (existsSync('/etc/os-release')) {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
    if (pretty) os = `${pretty} (kernel ${release()}, ${arch()})`;
  }
  let chromium = 'not found';
  try {
    // Debian's wrapper script prints a shell warning on stderr; the version is on stdout.
    chromium = execFileSync(CHROMIUM_PATH, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 20_000,
    }).trim();
  } catch {
    // reported as "not found"
  }
  const c = cpus();
  return {
    cpu: c[0]?.model.trim() ?? 'unknown',
    cores: c.length,
    ramGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os,
    node: process.version,
    chromium,
  };
}

/** Time one call with the high-resolution clock. */
export function time<T>(f: () => T): { ms: number; value: T } {
  const t = performance.now();
  const value = f();
  return { ms: performance.now() - t, value };
}
