/**
 * Plain, independent re-computations for the evidence tests: CSV read with split(','), calendar days
 * with Date, no lib/evidence or lib/series helpers. If these and lib/evidence agree, both are right
 * or both share a misreading of the rule, which the literal expectations in the tests guard against.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Closes = Map<string, number>;

export function readCloses(file: string, column = 'close'): Closes {
  const [head, ...rows] = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const cols = head!.split(',');
  const di = cols.indexOf('date');
  const vi = cols.indexOf(column);
  const out: Closes = new Map();
  for (const r of rows) {
    const c = r.split(',');
    out.set(c[di]!, Number(c[vi]));
  }
  return out;
}

export function readCoins(dir: string): Record<string, Closes> {
  const out: Record<string, Closes> = {};
  for (const f of readdirSync(dir)) if (f.endsWith('.csv')) out[f.slice(0, -4)] = readCloses(join(dir, f));
  return out;
}

export function shift(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

const last = new WeakMap<Closes, string>();
export const lastDay = (c: Closes) => last.get(c) ?? (last.set(c, [...c.keys()].sort().at(-1)!), last.get(c)!);

/** The close on `day` or up to `tol` days before it. */
export function closeNear(c: Closes, day: string, tol = 3): number | undefined {
  for (let k = 0; k <= tol; k++) {
    const v = c.get(shift(day, -k));
    if (v !== undefined) return v;
  }
  return undefined;
}

/** close(D + h) / close(D) − 1, or undefined when either end is missing or D + h is past the data. */
export function ret(c: Closes, day: string, h: number): number | undefined {
  if (shift(day, h) > lastDay(c)) return undefined;
  const a = closeNear(c, day);
  const b = closeNear(c, shift(day, h));
  return a === undefined || b === undefined ? undefined : b / a - 1;
}

export function median(xs: number[]): number {
  const v = [...xs].sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 ? v[m]! : (v[m - 1]! + v[m]!) / 2;
}
