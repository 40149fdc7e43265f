/*
 * The CLI (`npm run regime`): the engine the extension runs, on a directory of daily series or the live APIs.
 * Flow: files (or providers) → series → engine → text or JSON on stdout; no storage, no views. The goldens
 * of issue #14 are its output.
 */
import { readFileSync } from 'node:fs';
import { evaluateDay, stageHistory } from '../engine/evaluate';
import { SeriesError } from '../series/csv';
import { pointOnOrBefore } from '../series/lookup';
import { defaultSettings, type Settings } from '../settings/defaults';
import { mergeSettings } from '../settings/validate';
import { parseArgs, USAGE, UsageError } from './args';
import { historyText, liveJson, liveText, toJson, toText } from './format';
import { evidenceCommand } from './evidence';
import { dataRange, loadSeriesDir } from './load-dir';
import { liveSnapshot, sourceErrors } from './live';

/**
 * `npm run regime`: the engine on a series directory or the live APIs. Errors are one line on stderr, never a stack.
 */
async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'evidence') return evidenceCommand(argv.slice(1));
  const o = parseArgs(argv);
  if (o.help) {
    console.log(USAGE);
    return 0;
  }
  const settings = o.settings ? loadSettings(o.settings) : defaultSettings();
  if (o.live) {
    const snap = await liveSnapshot(settings, Date.now());
    const errors = sourceErrors(snap);
    console.log(o.json ? JSON.stringify(liveJson(snap, errors)) : liveText(snap, errors));
    // Every source failing (offline) is an error exit; a partial answer is not.
    return errors.length > 0 && Object.values(snap.sources).every((st) => st.lastSuccess === null) ? 1 : 0;
  }
  const set = loadSeriesDir(o.series!);
  const range = dataRange(set);
  const inRange = (d: string, what: string) => {
    if (d < range.first || d > range.last)
      throw new UsageError(`${what} ${d} is outside the data (${range.first} to ${range.last})`);
  };

  if (o.history) {
    inRange(o.history.from, '--history FROM');
    inRange(o.history.to, '--history TO');
    const { days } = stageHistory(set, settings, o.history.from, o.history.to);
    console.log(
      o.json
        ? JSON.stringify(
            days.map(({ date, stage, confirming, held, rawStage, asi, dominance, setup }) => ({
              date,
              stage,
              confirming,
              held,
              rawStage,
              asi,
              dominance,
              setup,
            })),
          )
        : historyText(days),
    );
    return 0;
  }
  const btc = set.coins?.BTC?.closes.points;
  const asOf = o.asOf ?? (btc && btc.length ? btc[btc.length - 1]!.date : range.last);
  inRange(asOf, '--as-of');
  if (btc && !pointOnOrBefore(btc, asOf))
    throw new UsageError(`--as-of ${asOf} is before the first BTC close (${btc[0]!.date})`);
  // Warm the hysteresis up over the preceding days so the stage matches what the badge would show.
  const { last } = stageHistory(set, settings, asOf, asOf);
  const e = last ? last.evaluation : evaluateDay(set, settings, asOf, asOf).evaluation;
  const present = {
    rut: !!set.rut,
    coins: !!set.coins,
    btcDominance: !!set.btcDominance,
    ethbtc: !!set.ethbtc,
    fearGreed: !!set.fearGreed,
    total3: !!set.total3,
    etfFlowsBtc: !!set.etfFlowsBtc,
    etfFlowsEth: !!set.etfFlowsEth,
  };
  console.log(o.json ? JSON.stringify(toJson(e)) : toText(e, present));
  return 0;
}

function loadSettings(file: string): Settings {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(
      `--settings ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : 'not valid JSON'}`,
    );
  }
  const r = mergeSettings(defaultSettings(), raw);
  if (!r.ok)
    throw new UsageError(
      `--settings ${file}: ${r.errors.map((e) => `${e.path || 'settings'} ${e.message}`).join('; ')}`,
    );
  return r.settings;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const known = err instanceof UsageError || err instanceof SeriesError;
    console.error(
      `regime: ${known ? (err as Error).message : `unexpected error: ${String((err as Error)?.message ?? err)}`}`,
    );
    process.exitCode = err instanceof UsageError ? 2 : 1;
  },
);
