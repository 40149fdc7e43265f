import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const REAL = fileURLToPath(new URL('../../fixtures/real/', import.meta.url));

/** A recorded real API response from test/fixtures/real/raw (see PROVENANCE.md there). */
export function raw<T = unknown>(path: string): T {
  return JSON.parse(readFileSync(`${REAL}raw/${path}`, 'utf8')) as T;
}

/** date → value of a normalized series CSV in test/fixtures/real/series. */
export function seriesCsv(path: string): Map<string, number> {
  const lines = readFileSync(`${REAL}series/${path}`, 'utf8').trim().split(/\r?\n/).slice(1);
  return new Map(
    lines.map((l) => {
      const [d, v] = l.split(',');
      return [d!, Number(v)] as const;
    }),
  );
}

export const clone = <T>(x: T): T => structuredClone(x);
