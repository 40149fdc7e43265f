import { isDay } from '../series/dates';

export interface CliOptions {
  series: string | null;
  asOf: string | null;
  json: boolean;
  history: { from: string; to: string } | null;
  settings: string | null;
  help: boolean;
  live: boolean;
}

/** A mistake in how the CLI was called (exit code 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE =
  `Usage: npm run regime -- --series DIR [--as-of YYYY-MM-DD] [--history FROM TO] ` +
  `[--settings FILE] [--json]
       npm run regime -- --live [--settings FILE] [--json]
       npm run regime -- evidence --series DIR [--rut FILE] [--json]   (see evidence --help)

  --series DIR         normalized series directory (rut.csv, coins/*.csv, btc-dominance.csv, …)
  --as-of DAY          evaluate as of this day (default: BTC's latest close, else the latest data)
  --history FROM TO    print the daily stage sequence with hysteresis from FROM to TO
  --settings FILE      apply a settings JSON (partial objects are merged over the defaults)
  --live               fetch the live public APIs now (as the extension does) and evaluate today
  --json               print exactly one JSON value on stdout`;

/** The value after a flag (argv[i]), which is neither missing nor another flag; both commands read flags so. */
export function flagValue(argv: readonly string[], i: number, flag: string): string {
  const v = argv[i];
  if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
  return v;
}

export function parseArgs(argv: readonly string[]): CliOptions {
  const o: CliOptions = {
    series: null,
    asOf: null,
    json: false,
    history: null,
    settings: null,
    help: false,
    live: false,
  };
  const value = (i: number, flag: string) => flagValue(argv, i, flag);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    switch (a) {
      case '--series':
        o.series = value(++i, a);
        break;
      case '--as-of':
        o.asOf = day(value(++i, a), a);
        break;
      case '--settings':
        o.settings = value(++i, a);
        break;
      case '--json':
        o.json = true;
        break;
      case '--live':
        o.live = true;
        break;
      case '--help':
      case '-h':
        o.help = true;
        break;
      case '--history': {
        const from = day(value(++i, a), a);
        const to = day(value(++i, '--history FROM TO'), a);
        if (from > to) throw new UsageError(`--history: FROM ${from} is after TO ${to}`);
        o.history = { from, to };
        break;
      }
      default:
        throw new UsageError(`unknown argument "${a}" (see --help)`);
    }
  }
  if (o.live && (o.series || o.asOf || o.history))
    throw new UsageError('--live evaluates today from the APIs: it takes no --series, --as-of or --history');
  if (!o.help && !o.live && o.series === null) throw new UsageError('--series DIR is required (see --help)');
  if (o.history && o.asOf) throw new UsageError('use either --as-of or --history, not both');
  return o;
}

function day(v: string, flag: string): string {
  if (!isDay(v)) throw new UsageError(`${flag}: "${v}" is not a YYYY-MM-DD date`);
  return v;
}
