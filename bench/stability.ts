/**
 * `npx tsx bench/stability.ts`: stage changes on the real 2024-07-15 .. 2026-03-18 history (series-full) under
 * hysteresis variants, the figures docs/ENGINE.md argues the shipped rule from: changes, changes reversed within
 * 7 days, and the days altseason was entered after the ASI first reached 75.
 */
import { loadSeriesDir } from '../lib/cli/load-dir';
import { stageHistory } from '../lib/engine/evaluate';
import { daysBetween } from '../lib/series/dates';
import { defaultSettings, type Settings } from '../lib/settings/defaults';
import { REAL_SERIES_FULL } from '../test/support/paths';

const set = loadSeriesDir(REAL_SERIES_FULL);
const variants: [string, Settings['hysteresis']][] = [
  ['2 days, 3 points, no hold (SIGNALS.md example)', { confirmDays: 2, marginPoints: 3, holdDays: 0 }],
  ['3 days, 3 points, no hold', { confirmDays: 3, marginPoints: 3, holdDays: 0 }],
  ['4 days, 3 points, no hold', { confirmDays: 4, marginPoints: 3, holdDays: 0 }],
  ['2 days, 5 points, no hold', { confirmDays: 2, marginPoints: 5, holdDays: 0 }],
  ['2 days, 3 points, 7-day hold', { confirmDays: 2, marginPoints: 3, holdDays: 7 }],
  ['3 days, 3 points, 7-day hold (shipped)', { confirmDays: 3, marginPoints: 3, holdDays: 7 }],
];
for (const [name, h] of variants) {
  const { days } = stageHistory(set, { ...defaultSettings(), hysteresis: h }, '2024-07-15', '2026-03-18');
  const c = days.slice(1).flatMap((d, i) => (d.stage !== days[i]!.stage ? [{ ...d, from: days[i]!.stage }] : []));
  const back = c.slice(1).filter((x, i) => x.stage === c[i]!.from && daysBetween(c[i]!.date, x.date) <= 7);
  const altseason = c.filter((x) => x.stage === 'altseason').map((x) => x.date);
  console.log(
    `${name.padEnd(44)} changes ${String(c.length).padStart(2)}  reversed ≤ 7 d ` +
      `${back.length}  altseason ${altseason.join(', ')}`,
  );
}
