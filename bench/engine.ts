/**
 * Engine benchmark, in Node: a full recompute of every signal and the stage from the real fixture
 * series (77 coins, up to ~970 days each) with a 10,000-bar Russell 2000 history, and a 365-day stage
 * history with hysteresis.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { evaluateDay, stageHistory } from '../lib/engine/evaluate';
import { EMPTY_HYSTERESIS } from '../lib/phase/hysteresis';
import { parseSeriesCsv } from '../lib/series/csv';
import { addDays, dayMs, isoWeekStart } from '../lib/series/dates';
import { asiSignal } from '../lib/signals/asi';
import { russellSignal } from '../lib/signals/russell';
import type { Day, Point, Series, SeriesSet } from '../lib/series/types';
import { defaultSettings } from '../lib/settings/defaults';
import { buildSnapshot } from '../lib/snapshot/build';
import { REAL_SERIES, realSeries } from '../test/support/fixtures';
import { summarize, time, type Summary } from './util';

export const RUSSELL_BARS = 10_000;

export interface EngineResult {
  day: Day;
  coins: number;
  coinDays: { min: number; median: number; max: number; total: number };
  russellBars: number;
  russellRealBars: number;
  /** The synthetic dominance and TOTAL3 inputs, and how much of the dominance code they reached. */
  synthetic: { days: number; macdMonths: number; wedgeWeeks: number };
  evaluateDay: Summary;
  buildSnapshot: Summary;
  history: Summary;
  historyDays: number;
  stage: string;
  asi: number | null;
  /** The two biggest parts of evaluateDay, timed alone (fresh arrays each run). */
  parts: { russell: Summary; asi: Summary };
  /** Cost of one isoWeekStart(day) call (string → Date → string), in µs. */
  isoWeekStartUs: number;
}

/**
 * 10,000 daily Russell 2000 closes: the 6,723 real ones of rut-long.csv (Yahoo, 1999 onwards) preceded
 * by synthetic weekday bars (the first real close × a slow ramp from 0.5 to 1, clearly below every real
 * close, so they never set the all-time high the breakout rules look for). Only the length matters here.
 */
function russell10k(): { series: Series; real: number } {
  const real = parseSeriesCsv(readFileSync(resolve(REAL_SERIES, 'rut-long.csv'), 'utf8'), 'rut-long.csv', {
    value: 'close',
  }).series;
  const need = RUSSELL_BARS - real.points.length;
  const first = real.points[0]!;
  const synthetic: Point[] = [];
  let d = first.date;
  while (synthetic.length < need) {
    d = addDays(d, -1);
    const wd = new Date(dayMs(d)).getUTCDay();
    if (wd === 0 || wd === 6) continue;
    synthetic.push({ date: d, value: first.value * (0.5 + (0.45 * (need - synthetic.length)) / need) * 0.9 });
  }
  synthetic.reverse();
  return {
    series: { source: 'rut-long.csv + synthetic pre-1999 bars', points: [...synthetic, ...real.points] },
    real: real.points.length,
  };
}

/**
 * 1,200 daily values ending on `day` for the two inputs without a long public history (PROVENANCE.md: the
 * real BTC dominance is 43 snapshots from 2026, there is no TOTAL3 file): deterministic waves, labelled
 * synthetic. They make the benchmark run the dominance code (30/90-day changes, monthly MACD over 39
 * months, the 26-week wedge) and TOTAL3's, which the real data alone never reaches on that day.
 */
export const SYNTHETIC_DAYS = 1200;
function syntheticDaily(day: Day, base: number, amp: number, source: string): Series {
  const points: Point[] = [];
  for (let i = SYNTHETIC_DAYS - 1; i >= 0; i--) {
    points.push({ date: addDays(day, -i), value: base + amp * Math.sin(i / 45) + (amp / 4) * Math.sin(i / 7) });
  }
  return { source, points };
}

/** Fresh arrays, as after a refresh (the Russell analysis is memoised per points array). */
function fresh(set: SeriesSet): SeriesSet {
  const copy = (s: Series | undefined) => (s ? { ...s, points: [...s.points] } : undefined);
  const out: SeriesSet = {};
  for (const k of ['rut', 'btcDominance', 'ethbtc', 'fearGreed', 'total3'] as const) {
    const s = copy(set[k]);
    if (s) out[k] = s;
  }
  out.coins = Object.fromEntries(
    Object.entries(set.coins ?? {}).map(([k, c]) => [k, { ...c, closes: copy(c.closes)! }]),
  );
  return out;
}

export function benchEngine(runs = 21): EngineResult {
  const real = realSeries();
  const rut = russell10k();
  const settings = defaultSettings();
  const btc = real.coins!.BTC!.closes.points;
  // The newest day the coins and the Russell both have (the Russell history ends before the coins do).
  const day = [btc.at(-1)!.date, rut.series.points.at(-1)!.date].sort()[0]!;
  const set: SeriesSet = {
    ...real,
    rut: rut.series,
    btcDominance: syntheticDaily(day, 58, 4, 'synthetic dominance'),
    total3: syntheticDaily(day, 8e11, 1.5e11, 'synthetic TOTAL3'),
  };
  const coins = Object.values(set.coins ?? {});
  const lengths = coins.map((c) => c.closes.points.length).sort((a, b) => a - b);

  const evalTimes: number[] = [];
  const buildTimes: number[] = [];
  let last: ReturnType<typeof evaluateDay> | null = null;
  for (let i = 0; i < runs + 3; i++) {
    const a = fresh(set);
    const e = time(() => evaluateDay(a, settings, day, day, EMPTY_HYSTERESIS));
    const b = fresh(set);
    const now = dayMs(day) + 12 * 3_600_000;
    const s = time(() =>
      buildSnapshot({ set: b, settings, now, hysteresis: EMPTY_HYSTERESIS, sources: {}, served: {}, crossCheck: null }),
    );
    if (i < 3) continue; // warm-up: JIT
    evalTimes.push(e.ms);
    buildTimes.push(s.ms);
    last = e.value;
  }

  const historyTimes: number[] = [];
  const from = addDays(day, -364);
  let historyDays = 0;
  for (let i = 0; i < 6; i++) {
    const input = fresh(set);
    const h = time(() => stageHistory(input, settings, from, day));
    if (i === 0) continue;
    historyTimes.push(h.ms);
    historyDays = h.value.days.length;
  }

  const rTimes: number[] = [];
  const aTimes: number[] = [];
  for (let i = 0; i < runs + 3; i++) {
    const a = fresh(set);
    const r = time(() => russellSignal(a.rut!, day, day, settings.russell, settings.staleness.russellMaxAgeDays));
    const q = time(() => asiSignal(a.coins!, day, day, settings.asi, settings.staleness.cryptoMaxAgeDays));
    if (i < 3) continue;
    rTimes.push(r.ms);
    aTimes.push(q.ms);
  }
  const days = rut.series.points.map((p) => p.date);
  let sink = 0;
  for (let k = 0; k < 3; k++) for (const d of days) sink += isoWeekStart(d).length; // warm-up
  const w = time(() => {
    for (let k = 0; k < 5; k++) for (const d of days) sink += isoWeekStart(d).length;
  });
  if (sink < 0) throw new Error('unreachable');

  const asi = last?.evaluation.asi;
  const dom = last?.evaluation.dominance;
  if (!dom?.macd || !dom.wedge || dom.change90 === null || last?.evaluation.total3?.change30Pct == null) {
    throw new Error(
      'engine bench: the dominance MACD/wedge or TOTAL3 change did not run; the inputs no longer reach them',
    );
  }
  return {
    synthetic: { days: SYNTHETIC_DAYS, macdMonths: dom.macd.months, wedgeWeeks: dom.wedge.weeks },
    parts: { russell: summarize(rTimes), asi: summarize(aTimes) },
    isoWeekStartUs: (w.ms * 1000) / (5 * days.length),
    day,
    coins: coins.length,
    coinDays: {
      min: lengths[0]!,
      median: lengths[lengths.length >> 1]!,
      max: lengths.at(-1)!,
      total: lengths.reduce((x, y) => x + y, 0),
    },
    russellBars: rut.series.points.length,
    russellRealBars: rut.real,
    evaluateDay: summarize(evalTimes),
    buildSnapshot: summarize(buildTimes),
    history: summarize(historyTimes),
    historyDays,
    stage: last?.evaluation.phase.stage ?? 'unknown',
    asi: asi && asi.value !== null ? asi.value : null,
  };
}
