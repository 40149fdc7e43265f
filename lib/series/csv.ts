import { isDay } from './dates';
import type { Point, Series } from './types';

/** A series file that cannot be used; the message names the file and line. */
export class SeriesError extends Error {
  override name = 'SeriesError';
}

export interface ColumnSpec {
  /** Column holding the value, e.g. `close` or `value`. */
  value: string;
  /** Inclusive bounds a value must lie in (e.g. 0..100 for a percentage). */
  min?: number;
  max?: number;
  /** When true the bound `min` is exclusive (prices must be > 0). */
  minExclusive?: boolean;
  /** Optional second numeric column, e.g. `market_cap` (empty cells allowed). */
  extra?: string;
}

export interface ParsedCsv {
  series: Series;
  extra?: Series;
}

/**
 * Parses `date,<value>[,…]` text into an ascending series, last duplicate winning (SIGNALS.md §2).
 * Every unparseable row is an error naming file and line: a bad row is never silently skipped.
 */
export function parseSeriesCsv(text: string, file: string, spec: ColumnSpec, source = file): ParsedCsv {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  const dateCol = header.indexOf('date');
  const valueCol = header.indexOf(spec.value);
  if (dateCol < 0 || valueCol < 0) {
    throw new SeriesError(
      `${file} line 1: header must have "date" and "${spec.value}" columns, found "${lines[0] ?? ''}"`,
    );
  }
  const extraCol = spec.extra ? header.indexOf(spec.extra) : -1;
  const byDate = new Map<string, number>();
  const extraByDate = new Map<string, number>();
  const errors: string[] = [];

  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    const cells = raw.split(',').map((c) => c.trim());
    const where = `${file} line ${i + 1}`;
    const date = cells[dateCol] ?? '';
    if (!isDay(date)) {
      errors.push(`${where}: date "${date}" is not a YYYY-MM-DD day`);
      continue;
    }
    const cell = cells[valueCol] ?? '';
    const value = cell === '' ? NaN : Number(cell);
    const problem = checkValue(value, cell, spec);
    if (problem) {
      errors.push(`${where}: ${spec.value} ${problem}`);
      continue;
    }
    byDate.set(date, value);
    if (extraCol >= 0) {
      const ec = cells[extraCol] ?? '';
      if (ec !== '') {
        const ev = Number(ec);
        if (!Number.isFinite(ev) || ev < 0) {
          errors.push(`${where}: ${spec.extra} "${ec}" is not a non-negative number`);
          continue;
        }
        extraByDate.set(date, ev);
      }
    }
  }
  if (errors.length > 0) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more bad rows)` : '';
    throw new SeriesError(errors[0] + more);
  }
  const result: ParsedCsv = { series: { points: toPoints(byDate), source } };
  if (extraByDate.size > 0) result.extra = { points: toPoints(extraByDate), source };
  return result;
}

function checkValue(value: number, cell: string, spec: ColumnSpec): string | undefined {
  if (!Number.isFinite(value)) return `"${cell}" is not a number`;
  if (spec.min !== undefined && (spec.minExclusive ? value <= spec.min : value < spec.min)) {
    return `${cell} must be ${spec.minExclusive ? 'above' : 'at least'} ${spec.min}`;
  }
  if (spec.max !== undefined && value > spec.max) return `${cell} must be at most ${spec.max}`;
  return undefined;
}

function toPoints(map: Map<string, number>): Point[] {
  return [...map.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([date, value]) => ({ date, value }));
}
