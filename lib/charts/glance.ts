/*
 * What the popup's header shows at a glance beside the stage: the year of stages as a ribbon and what changed
 * lately. Pure: built from the stored stage history and the snapshot.
 */
import type { Stage } from '../phase/stage';
import { addDays, daysBetween } from '../series/dates';
import type { Day } from '../series/types';
import type { StageHistoryDay } from '../snapshot/stage-history';
import type { CompactSeries, Snapshot } from '../snapshot/types';

/** A run of days in one stage, both ends included. */
export interface RibbonSegment {
  stage: Stage;
  from: Day;
  to: Day;
  days: number;
}

export interface Ribbon {
  /** First and last day of the ribbon. */
  from: Day;
  to: Day;
  /** Calendar days covered (from..to, both ends). */
  span: number;
  segments: RibbonSegment[];
  /** Russell breakouts within the ribbon's days. */
  breakouts: Day[];
  /** The spill-over window of the latest breakout, clipped to the ribbon; null when none overlaps it. */
  window: { from: Day; to: Day; status: 'before' | 'open' | 'closed' } | null;
}

/** The stage history as runs of one stage (a day missing from the history ends a run), with breakouts and window. */
export function stageRibbon(days: readonly StageHistoryDay[], snapshot: Snapshot | null): Ribbon | null {
  if (days.length === 0) return null;
  const segments: RibbonSegment[] = [];
  for (const d of days) {
    const run = segments[segments.length - 1];
    if (run && run.stage === d.stage && addDays(run.to, 1) === d.date) {
      run.to = d.date;
      run.days++;
    } else segments.push({ stage: d.stage, from: d.date, to: d.date, days: 1 });
  }
  const from = days[0]!.date;
  const to = days[days.length - 1]!.date;
  const r = snapshot?.evaluation.russell;
  const w = r?.window;
  const clip = w && w.opens <= to && w.closes >= from;
  return {
    from,
    to,
    span: daysBetween(from, to) + 1,
    segments,
    breakouts: (r?.breakouts ?? []).filter((d) => d >= from && d <= to),
    window: clip
      ? { from: w.opens < from ? from : w.opens, to: w.closes > to ? to : w.closes, status: w.status }
      : null,
  };
}

export interface WhatChanged {
  /** ASI now minus the ASI 1 and 7 days before (null when either is unknown). */
  asi1: number | null;
  asi7: number | null;
  /** BTC dominance now minus 7 days before, in percentage points. */
  dom7: number | null;
  /** The latest day the stage differed from the day before, and the two stages. */
  lastChange: { date: Day; from: Stage; to: Stage } | null;
  /** Days the current stage has held (through the history's last day). */
  held: number | null;
}

/** The value of a series on `day`, or null when that day is absent. */
function on(series: CompactSeries, day: Day): number | null {
  for (const [d, v] of series) if (d === day) return v;
  return null;
}

const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);

/** ASI changes from the stage history, dominance from the snapshot's 90-day line, the last stage change. */
export function whatChanged(days: readonly StageHistoryDay[], snapshot: Snapshot | null): WhatChanged {
  const last = days[days.length - 1];
  const asi: CompactSeries = days.flatMap((d) => (d.asi === null ? [] : [[d.date, d.asi] as [Day, number]]));
  const at = (n: number) => (last ? on(asi, addDays(last.date, -n)) : null);
  const dom = snapshot?.sparklines.dominance ?? [];
  const domLast = dom[dom.length - 1];
  let lastChange: WhatChanged['lastChange'] = null;
  for (let i = days.length - 1; i > 0 && !lastChange; i--)
    if (days[i]!.stage !== days[i - 1]!.stage)
      lastChange = { date: days[i]!.date, from: days[i - 1]!.stage, to: days[i]!.stage };
  return {
    asi1: diff(last?.asi ?? null, at(1)),
    asi7: diff(last?.asi ?? null, at(7)),
    dom7: domLast ? diff(domLast[1], on(dom, addDays(domLast[0], -7))) : null,
    lastChange,
    held: last ? (lastChange ? daysBetween(lastChange.date, last.date) + 1 : null) : null,
  };
}
