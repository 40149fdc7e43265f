import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { computeEvidence } from '../evidence/compute';
import type { FlowsEvidence, FlowWindow } from '../evidence/etf-flows';
import {
  HORIZONS,
  METRICS,
  METRIC_UNIT,
  type EventKind,
  type EvidenceEvent,
  type EvidenceResult,
  type MetricId,
  type Outcome,
  type Stats,
} from '../evidence/types';
import { parseSeriesCsv, SeriesError } from '../series/csv';
import { SERIES_FILES } from '../series/files';
import { defaultSettings } from '../settings/defaults';
import { flagValue, UsageError } from './args';
import { loadSeriesDir } from './load-dir';
import { MIN_FOR_MEDIAN, sampleOf } from '../evidence/small-sample';
import { eventValues } from '../evidence/view';
import { loadMacroDir, loadMarket, MACRO_FILES } from './evidence-load';
import { thesisText } from './evidence-thesis';
import { thesisReport, type ThesisReport } from '../evidence/thesis-report';
import { THESIS_DEFAULTS } from '../evidence/thesis';

export const EVIDENCE_USAGE = `Usage: npm run regime -- evidence --series DIR [--rut FILE] [--macro DIR]
                                    [--market FILE]… [--seed N] [--permutations N] [--json]

  The thesis as traders state it, tested after every Russell 2000 breakout (SIGNALS.md §3 rule) where data
  reaches: altcoin season (ASI ≥ 75) within 90–180 days, BTC dominance down 10 points within 6 months,
  TOTAL3 up 200–400 % in 3–6 months; each beside every day with data, with placebo dates (a permutation
  test), block-bootstrap intervals and the sensitivity to the base length and window. Then every monthly
  MACD bearish cross of BTC dominance, and what followed breakouts at +30, +90 and +180 days.

  --series DIR        normalized series directory (rut.csv, coins/*.csv, ethbtc.csv, btc-dominance.csv, total3.csv)
  --rut FILE          Russell closes from FILE instead of DIR/rut.csv (e.g. a longer history: date,close)
  --macro DIR         longer published series: ${Object.values(MACRO_FILES)
    .flat()
    .map((f) => f.file)
    .join(', ')}
                      (each used alone where it covers a window; a missing file is reported, never filled)
  --market FILE       another market's record highs, tested the same way: a Yahoo chart JSON (repeatable)
  --seed N            seed of the permutation test and the bootstrap (default ${THESIS_DEFAULTS.seed})
  --permutations N    placebo sets per test (default ${THESIS_DEFAULTS.permutations})
  --json              print exactly one JSON value on stdout`;

interface EvidenceOptions {
  series: string;
  rut: string | null;
  macro: string | null;
  markets: string[];
  seed: number;
  permutations: number;
  json: boolean;
  help: boolean;
}

export function parseEvidenceArgs(argv: readonly string[]): EvidenceOptions {
  const o = {
    series: null as string | null,
    rut: null as string | null,
    macro: null as string | null,
    markets: [] as string[],
    seed: THESIS_DEFAULTS.seed,
    permutations: THESIS_DEFAULTS.permutations,
    json: false,
    help: false,
  };
  const value = (i: number, flag: string) => flagValue(argv, i, flag);
  const whole = (v: string, flag: string, min: number) => {
    if (!/^\d+$/.test(v) || Number(v) < min || !Number.isSafeInteger(Number(v)))
      throw new UsageError(`${flag}: "${v}" is not a whole number ≥ ${min}`);
    return Number(v);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    switch (a) {
      case '--series':
        o.series = value(++i, a);
        break;
      case '--rut':
        o.rut = value(++i, a);
        break;
      case '--macro':
        o.macro = value(++i, a);
        break;
      case '--market':
        o.markets.push(value(++i, a));
        break;
      case '--seed':
        o.seed = whole(value(++i, a), a, 0);
        break;
      case '--permutations':
        o.permutations = whole(value(++i, a), a, 1);
        break;
      case '--json':
        o.json = true;
        break;
      case '--help':
      case '-h':
        o.help = true;
        break;
      default:
        throw new UsageError(`evidence: unknown argument "${a}" (see evidence --help)`);
    }
  }
  if (!o.help && o.series === null) throw new UsageError('evidence: --series DIR is required (see evidence --help)');
  return { ...o, series: o.series ?? '' };
}

/** `regime evidence`: prints the evidence (text or JSON) and returns the exit code. */
export function evidenceCommand(argv: readonly string[]): number {
  const o = parseEvidenceArgs(argv);
  if (o.help) {
    console.log(EVIDENCE_USAGE);
    return 0;
  }
  const set = loadSeriesDir(o.series);
  if (o.rut !== null) {
    if (!existsSync(o.rut)) throw new UsageError(`--rut ${o.rut}: file not found`);
    set.rut = parseSeriesCsv(readFileSync(o.rut, 'utf8'), basename(o.rut), SERIES_FILES.rut.spec).series;
  }
  if (!set.rut || set.rut.points.length === 0)
    throw new SeriesError(
      `evidence needs Russell closes: no ${SERIES_FILES.rut.file} in ${o.series} (or pass --rut FILE)`,
    );
  const macro = o.macro === null ? null : loadMacroDir(o.macro);
  const markets = o.markets.map(loadMarket);
  const settings = defaultSettings();
  // The data's own last day decides whether its last week is complete: the CLI has no "today".
  const r = computeEvidence(set, settings, set.rut.points[set.rut.points.length - 1]!.date)!;
  const all = thesisReport(set, macro, markets, settings, {
    ...THESIS_DEFAULTS,
    seed: o.seed,
    permutations: o.permutations,
  })!;
  console.log(
    o.json ? JSON.stringify(evidenceJson(r, all)) : [thesisText(all), evidenceText(r), liveText()].join('\n\n'),
  );
  return 0;
}

/** The CLI reads files, not the extension's storage: its live log is always empty, and says so. */
export const CLI_LIVE = {
  available: false,
  why: 'the CLI has no live log: the extension records events from its install on (Evidence tab, "since install")',
  events: [] as never[],
};

function liveText(): string {
  return `Since install: ${CLI_LIVE.why}. Events: none here.`;
}

/** The JSON: everything but the Russell closes themselves (they are the input). */
export function evidenceJson(r: EvidenceResult, all?: ThesisReport) {
  const { points: _points, ...russell } = r.russell;
  return {
    ...r,
    russell,
    ...(all ? { thesis: all.thesis, macd: all.macd, thesisSummary: all.summary } : {}),
    live: CLI_LIVE,
  };
}

export const METRIC_LABELS: Record<MetricId, string> = {
  ethbtc: 'ETH/BTC',
  basketEqual: 'Alts equal-weight vs BTC',
  basketCap: 'Alts cap-weight vs BTC',
  dominance: 'BTC dominance (pts)',
  total3: 'TOTAL3 vs BTC',
  asi: 'ASI change (pts)',
};
const KIND_LABELS: Record<EventKind, string> = { breakout: 'breakout', weekly: 'weekly' };
const KIND_PLURAL: Record<EventKind, string> = { breakout: 'Breakouts', weekly: 'Weekly confirmations' };

function num(v: number | null, m: MetricId): string {
  if (v === null) return '—';
  const x = METRIC_UNIT[m] === 'fraction' ? v * 100 : v;
  const s = x.toFixed(1);
  return `${x > 0 && s !== '0.0' ? '+' : ''}${s === '-0.0' ? '0.0' : s}${METRIC_UNIT[m] === 'fraction' ? '%' : ''}`;
}
const cell = (o: Outcome, m: MetricId) =>
  o.status === 'known' ? num(o.value, m) : o.status === 'pending' ? 'pending' : '—';
const share = (s: Stats) => (s.sharePositive === null ? '—' : `${Math.round(s.sharePositive * 100)}%`);
const hasData = (e: EvidenceEvent, m: MetricId) => HORIZONS.some((h) => e.outcomes[m][h].status !== 'unknown');

/** The table for a terminal and for docs/EVIDENCE.md. */
export function evidenceText(r: EvidenceResult): string {
  const out: string[] = [];
  const ru = r.russell;
  out.push(
    `Russell 2000 breakouts and what followed · Russell closes: ${ru.source}, ${ru.first} to ` +
      `${ru.last} (${ru.closes} closes)`,
  );
  out.push(
    `Rule (SIGNALS.md §3): a breakout is a record close after at least ${r.rule.baseDays} ` +
      `trading days without one; its weekly`,
  );
  out.push(
    'confirmation is the first complete ISO week closing above the record it broke. Outcomes at ' +
      HORIZONS.map((h) => `+${h}`).join(', ') +
      ' calendar days',
  );
  out.push(
    `(each end: the last value on or before the day, within ${r.rule.toleranceDays} days). ` +
      `Outcome data ends ${r.dataEnd ?? 'nowhere (no crypto series)'}.`,
  );
  out.push('"pending": the horizon runs past the data, not yet known; "—": no data for it (never counted as 0).');

  const breakouts = r.events.filter((e) => e.kind === 'breakout');
  const weekly = r.events.filter((e) => e.kind === 'weekly');
  out.push(
    '',
    `Events: ${breakouts.length} breakouts, ${weekly.length} weekly ` +
      `confirmations${r.unconfirmed.length ? `; not (yet) confirmed: ${r.unconfirmed.join(', ')}` : ''}.`,
  );
  out.push(
    `  ${'kind'.padEnd(9)} ${'date'.padEnd(10)} ${'close'.padStart(9)}  prior record (date)    base (trading days)`,
  );
  for (const e of r.events) {
    out.push(
      `  ${KIND_LABELS[e.kind].padEnd(9)} ${e.date} ${e.close.toFixed(2).padStart(9)}  ` +
        `${`${e.priorRecord.toFixed(2)} (${e.priorRecordDate})`.padEnd(22)} ${e.baseDays}`,
    );
  }
  const dark = breakouts.filter((e) => METRICS.every((m) => !hasData(e, m))).map((e) => e.date);
  out.push(
    `Breakouts with any outcome data: ${breakouts.length - dark.length} of ` +
      `${breakouts.length}${dark.length ? `; none for ${dark.join(', ')} (before the crypto series begin)` : ''}.`,
  );

  out.push('', 'Outcomes per event (ETH/BTC, baskets and TOTAL3 priced in BTC; dominance and ASI in points):');
  out.push(
    `  ${'date'.padEnd(10)} ${'kind'.padEnd(9)} ${'metric'.padEnd(25)} ` +
      `${HORIZONS.map((h) => `+${h} d`.padStart(9)).join(' ')}   source`,
  );
  for (const e of r.events) {
    const shown = METRICS.filter((m) => hasData(e, m));
    if (shown.length === 0) {
      out.push(`  ${e.date} ${KIND_LABELS[e.kind].padEnd(9)} no outcome data`);
      continue;
    }
    for (const m of shown) {
      const src = HORIZONS.map((h) => e.outcomes[m][h]).find((o) => o.status === 'known');
      const coins = src?.status === 'known' && src.coins !== undefined ? `, ${src.coins} coins` : '';
      out.push(
        `  ${e.date} ${KIND_LABELS[e.kind].padEnd(9)} ${METRIC_LABELS[m].padEnd(25)} ` +
          `${HORIZONS.map((h) => cell(e.outcomes[m][h], m).padStart(9)).join(' ')}   ` +
          `${src?.status === 'known' ? src.source + coins : ''}`,
      );
    }
    const p = e.asiPath;
    if (p.start !== null) {
      out.push(
        `  ${' '.repeat(21)}ASI path: ${p.start} on the day; ` +
          `${HORIZONS.map((h) => `+${h} d ${p.at[h] ?? '—'} (peak ${p.peak[h] ?? '—'})`).join(', ')}`,
      );
    }
  }

  for (const kind of ['breakout', 'weekly'] as EventKind[]) {
    out.push(
      '',
      `${KIND_PLURAL[kind]} vs every Russell trading day (base rate). n = outcomes known; hits = in altcoins' favour`,
      '(a rise; for dominance a fall), misses = the rest. All days: median and share > 0 (neighbouring days share ' +
        'most of',
      'their window: far fewer independent observations than n). Events: their median from ' +
        `${MIN_FOR_MEDIAN} on, else each one.`,
    );
    const baseHead = ['all days: n', '  median', '  >0'];
    const eventHead = ['events: n', 'hits', 'misses', 'pend.'];
    out.push(
      `  ${'metric'.padEnd(25)} ${'horizon'.padEnd(7)} ${baseHead.join(' ')} | ${eventHead.join(' ')} | ` +
        'median, or each event',
    );
    for (const m of METRICS) {
      if (
        HORIZONS.every(
          (h) =>
            r.summary[kind][m][h].events.n + r.summary[kind][m][h].events.pending + r.summary[kind][m][h].base.n === 0,
        )
      ) {
        out.push(`  ${METRIC_LABELS[m].padEnd(25)} no data at any horizon (unknown, not 0)`);
        continue;
      }
      for (const h of HORIZONS) {
        const s = r.summary[kind][m][h];
        const ev = s.events;
        const sample = sampleOf(eventValues(r, kind, m, h));
        const events =
          sample.kind === 'stats'
            ? `median ${num(sample.median, m)} (${share(ev)} > 0)`
            : sample.events.map((e) => `${e.date} ${num(e.value, m)}`).join(', ') || '—';
        const label = `${(h === HORIZONS[0] ? METRIC_LABELS[m] : '').padEnd(25)} ${`+${h} d`.padEnd(7)}`;
        const base = [String(s.base.n).padStart(11), num(s.base.median, m).padStart(8), share(s.base).padStart(4)];
        const counts = [ev.n, ev.hits, ev.misses, ev.pending].map((v, i) => String(v).padStart(eventHead[i]!.length));
        out.push(`  ${label} ${base.join(' ')} | ${counts.join(' ')} | ${events}`);
      }
    }
  }
  out.push(
    '',
    'Sources: ' +
      METRICS.map(
        (m) => `${METRIC_LABELS[m]}: ${r.sources[m].length ? r.sources[m].join(' + ') : 'none (unknown)'}`,
      ).join('; ') +
      '.',
  );
  out.push(...flowsText(r.etfFlows ?? null));
  out.push('Few events and overlapping windows: this describes the past, it does not predict and is not advice.');
  return out.join('\n');
}

/** US spot ETF flows around each event beside every session's (none without flow files). */
function flowsText(f: FlowsEvidence | null): string[] {
  if (!f) return [];
  const m = (v: number | null) => (v === null ? 'unknown' : `${v > 0 ? '+' : ''}${v.toFixed(1)}`);
  const yn = (v: boolean | null) => (v === null ? 'unknown' : v ? 'yes' : 'no');
  const w = (x: FlowWindow | { pending: true } | null) =>
    x === null
      ? 'before the flow data'
      : 'pending' in x
        ? 'pending'
        : `BTC ${m(x.btc)}, ETH ${m(x.eth)}, rotation ${yn(x.rotation)}`;
  const b = f.base;
  const share = b.rotationShare === null ? 'unknown' : `${Math.round(b.rotationShare * 100)}%`;
  return [
    '',
    `ETF flows (US$ millions over ${f.sessions} US sessions; ${f.first} to ${f.last}; ${f.source}):`,
    ...f.events.map((e) => `  ${e.date} ${KIND_LABELS[e.kind]}: to it ${w(e.before)}; after it ${w(e.after)}`),
    `  every session (${b.windows} windows): median BTC ${m(b.btc.median)}, ETH ${m(b.eth.median)}; rotating ${share}`,
  ];
}
