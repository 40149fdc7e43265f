/**
 * Goldens for structural changes (issue #14): the CLI's JSON and the snapshot a cold start stores, recorded
 * before a refactor and compared byte for byte after it. `npm run golden` rewrites them; a commit that changes
 * one says why.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { emptyRefreshState, runRefresh } from '../../lib/refresh/run';
import { defaultSettings } from '../../lib/settings/defaults';
import { DEFAULT_NOW, startEmulator } from '../support/emulator';
import { emulatorDeps } from '../support/refresh';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const GOLDEN_DIR = join(ROOT, 'test/golden/out');

const DIRS = { series: 'test/fixtures/real/series', full: 'test/fixtures/real/series-full' } as const;
/** Twelve days spread over 2024–2026: quiet days, both altseasons, the breakout week, the January 2026 shock. */
export const AS_OF_DAYS = [
  '2024-04-01',
  '2024-06-15',
  '2024-09-02',
  '2024-12-01',
  '2025-02-10',
  '2025-04-23',
  '2025-07-14',
  '2025-09-19',
  '2025-11-20',
  '2025-12-18',
  '2026-01-09',
  '2026-03-18',
] as const;

export interface CliCase {
  name: string;
  args: string[];
}

export function cliCases(): CliCase[] {
  const cases: CliCase[] = [];
  for (const [key, dir] of Object.entries(DIRS)) {
    cases.push({ name: `history-${key}`, args: ['--series', dir, '--history', '2024-04-01', '2026-03-18', '--json'] });
    for (const d of AS_OF_DAYS)
      cases.push({ name: `as-of-${key}-${d}`, args: ['--series', dir, '--as-of', d, '--json'] });
  }
  return cases;
}

const run = promisify(execFile);

/** The CLI's stdout, as `npm run regime -- …` prints it. */
export async function cliOutput(c: CliCase): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'lib/cli/regime.ts', ...c.args], {
    cwd: ROOT,
    maxBuffer: 64 << 20,
  });
  return stdout;
}

/** The snapshot a cold start stores against the API emulator, the clock pinned to the emulator's default day. */
export async function coldStartSnapshot(): Promise<string> {
  const emu = await startEmulator({ now: DEFAULT_NOW });
  try {
    const r = await runRefresh(emptyRefreshState(defaultSettings()), emulatorDeps(emu, DEFAULT_NOW));
    return `${JSON.stringify(r.snapshot, null, 1)}\n`;
  } finally {
    await emu.close();
  }
}

/** Runs `f` over `items`, `n` at a time. */
export async function pool<T, R>(items: readonly T[], n: number, f: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await f(items[i]!);
      }
    }),
  );
  return out;
}

export const goldenPath = (name: string) => join(GOLDEN_DIR, `${name}.json`);
export const readGolden = (name: string) => readFileSync(goldenPath(name), 'utf8');
export const writeGolden = (name: string, text: string) => writeFileSync(goldenPath(name), text);
