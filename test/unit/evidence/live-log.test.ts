/**
 * The forward log: events recorded from the snapshots the worker publishes (from install on, each
 * once, with that day's values) and their outcomes filled in as days pass, from the caches' series,
 * by hand-computable cases; what is known stays known when the caches drop old days.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  emptyLiveLog,
  fillLiveOutcomes,
  MAX_LIVE_EVENTS,
  normalizeLiveLog,
  recordLiveEvents,
  updateLiveLog,
  type LiveEvent,
  type LiveLog,
} from '../../../lib/evidence/live-log';
import { dayMs } from '../../../lib/series/dates';
import type { SeriesSet } from '../../../lib/series/types';
import { defaultSettings } from '../../../lib/settings/defaults';
import type { Snapshot } from '../../../lib/snapshot/types';
import { realSnapshot } from '../../support/snapshot';

const noon = (day: string) => dayMs(day) + 12 * 3_600_000;
const s = defaultSettings();

describe('recording live events', () => {
  // The real snapshot of 2025-09-19: the Russell broke out on 2025-09-18 (2467.70).
  const snap = realSnapshot('2025-09-19');

  it('the first call sets the install day; a breakout before it is history, not a live event', () => {
    const log = recordLiveEvents(emptyLiveLog(), null, snap, noon('2025-09-20'));
    expect(log.since).toBe('2025-09-20');
    expect(log.events).toEqual([]);
  });

  it('a breakout on or after the install day is recorded once, with the values the badge showed', () => {
    const installed: LiveLog = { ...emptyLiveLog(), since: '2025-09-17' };
    const log = recordLiveEvents(installed, null, snap, noon('2025-09-19'));
    const b = log.events.find((e) => e.kind === 'breakout')!;
    expect(b).toMatchObject({ kind: 'breakout', day: '2025-09-18', at: noon('2025-09-19'), outcomes: {} });
    const ev = snap.evaluation;
    expect(b.values).toEqual({
      asOf: ev.asOf,
      rut: ev.russell!.value,
      asi: ev.asi!.value,
      dominance: ev.dominance?.value ?? null,
      ethbtc: ev.ethbtc?.value ?? null,
      total3: ev.total3?.value ?? null,
      stage: ev.phase.stage,
    });
    // The badge's Russell value when it was recorded: the latest close then, 2025-09-19's.
    expect(b.values.rut).toBe(2448.77);
    // That snapshot also shows the weekly confirmation (the week closed above 2442.74 on 2025-09-19).
    expect(log.events.map((e) => `${e.kind} ${e.day}`)).toEqual(['breakout 2025-09-18', 'weekly 2025-09-19']);
    // The same snapshot again (the next refresh): nothing new.
    expect(recordLiveEvents(log, snap, snap, noon('2025-09-19') + 3_600_000).events).toEqual(log.events);
  });

  it('the weekly confirmation, setup turning on and a stage change between two known stages', () => {
    const installed: LiveLog = { ...emptyLiveLog(), since: '2025-09-01' };
    const with_ = (f: (x: Snapshot) => void) => {
      const c = structuredClone(snap);
      f(c);
      return c;
    };
    const prev = with_((x) => {
      x.evaluation.phase.setup = { state: 'no', missing: [] };
      x.evaluation.phase.stage = 'btc-season';
    });
    const next = with_((x) => {
      x.evaluation.russell!.weeklyConfirmed = true;
      x.evaluation.russell!.weeklyConfirmedSince = '2025-09-19';
      x.evaluation.phase.setup = { state: 'yes', missing: [] };
      x.evaluation.phase.stage = 'mixed';
    });
    const log = recordLiveEvents(installed, prev, next, noon('2025-09-20'));
    expect(log.events.map((e) => [e.kind, e.day, e.detail])).toEqual([
      ['breakout', '2025-09-18', {}],
      ['weekly', '2025-09-19', {}],
      ['setup-on', next.evaluation.asOf, {}],
      ['stage-change', next.evaluation.asOf, { from: 'btc-season', to: 'mixed' }],
    ]);
    // Into or out of "unknown" is missing data, not a market event; no previous snapshot, no change.
    const toUnknown = with_((x) => (x.evaluation.phase.stage = 'unknown'));
    expect(recordLiveEvents(log, next, toUnknown, noon('2025-09-21')).events).toHaveLength(4);
    expect(recordLiveEvents(installed, null, next, noon('2025-09-20')).events.map((e) => e.kind)).toEqual([
      'breakout',
      'weekly',
    ]);
  });

  it('keeps at most MAX_LIVE_EVENTS, dropping the oldest', () => {
    const old: LiveEvent[] = Array.from({ length: MAX_LIVE_EVENTS }, (_, i) => ({
      kind: 'stage-change',
      day: '2025-01-01',
      at: i,
      detail: { to: `s${i}` },
      values: { asOf: '2025-01-01', rut: null, asi: null, dominance: null, ethbtc: null, total3: null, stage: null },
      outcomes: {},
    }));
    const log = recordLiveEvents(
      { ...emptyLiveLog(), since: '2025-01-01', events: old },
      null,
      snap,
      noon('2025-09-19'),
    );
    expect(log.events).toHaveLength(MAX_LIVE_EVENTS);
    expect(log.events[0]!.at).toBe(2);
    expect(log.events.slice(-2).map((e) => e.kind)).toEqual(['breakout', 'weekly']);
  });
});

describe('filling in outcomes as days pass', () => {
  /** ETH/BTC 0.05 from 2025-01-01, then 0.055 from day 30 and 0.04 from day 90; data to `end`. */
  function set(end: string): SeriesSet {
    const points = [];
    for (let d = '2025-01-01', i = 0; d <= end; i++, d = new Date(dayMs(d) + 86_400_000).toISOString().slice(0, 10))
      points.push({ date: d, value: i < 30 ? 0.05 : i < 90 ? 0.055 : 0.04 });
    return { ethbtc: { points, source: 'cache ETHBTC' } };
  }
  const event: LiveEvent = {
    kind: 'breakout',
    day: '2025-01-01',
    at: 0,
    detail: {},
    values: { asOf: '2025-01-01', rut: 2400, asi: 20, dominance: 60, ethbtc: 0.05, total3: null, stage: 'btc-season' },
    outcomes: {},
  };
  const log: LiveLog = { version: 1, since: '2025-01-01', events: [event] };

  it('+30 once 30 days have passed (0.055 / 0.05 − 1 = +10 %); +90 and +180 still pending (absent)', () => {
    const r = fillLiveOutcomes(log, () => set('2025-02-05'), s, noon('2025-02-05'));
    const o = r.events[0]!.outcomes.ethbtc!;
    expect(o[30]).toMatchObject({ status: 'known', from: '2025-01-01', to: '2025-01-31', source: 'cache ETHBTC' });
    expect(o[30]!.status === 'known' && o[30]!.value).toBeCloseTo(0.1, 12);
    expect(o[90]).toBeUndefined();
    expect(o[180]).toBeUndefined();
    // No dominance series in the cache: unknown, but not settled until 7 days after the horizon.
    expect(r.events[0]!.outcomes.dominance).toBeUndefined();
  });

  it('what is known stays known when the caches later lose those days; the rest settles as unknown', () => {
    const first = fillLiveOutcomes(log, () => set('2025-04-05'), s, noon('2025-04-05'));
    expect(first.events[0]!.outcomes.ethbtc![90]!.status === 'known').toBe(true);
    // 0.04 / 0.05 − 1 = −20 % at +90.
    const v = first.events[0]!.outcomes.ethbtc![90]!;
    expect(v.status === 'known' && v.value).toBeCloseTo(-0.2, 12);
    // Months later the cache holds nothing of that time: the stored outcomes stand.
    const later = fillLiveOutcomes(
      first,
      () => ({ ethbtc: { points: [], source: 'cache ETHBTC' } }),
      s,
      noon('2025-08-01'),
    );
    expect(later.events[0]!.outcomes.ethbtc![30]).toEqual(first.events[0]!.outcomes.ethbtc![30]);
    expect(later.events[0]!.outcomes.ethbtc![90]).toEqual(v);
    // +180 (2025-06-30) is 32 days past on 2025-08-01: settled as unknown with its reason.
    expect(later.events[0]!.outcomes.ethbtc![180]).toEqual({
      status: 'unknown',
      why: 'cache ETHBTC: no data (7 days after the horizon)',
    });
    expect(later.events[0]!.outcomes.total3![30]).toEqual({
      status: 'unknown',
      why: 'no TOTAL3 series (7 days after the horizon)',
    });
  });

  it('reads the caches only when an outcome is due', () => {
    const series = vi.fn(() => set('2025-01-20'));
    expect(fillLiveOutcomes(log, series, s, noon('2025-01-20'))).toBe(log);
    expect(series).not.toHaveBeenCalled();
    fillLiveOutcomes(log, series, s, noon('2025-02-01'));
    expect(series).toHaveBeenCalledOnce();
  });
});

describe('the stored log', () => {
  it('a corrupt value starts over empty; a malformed event is dropped, the rest kept', () => {
    expect(normalizeLiveLog(null)).toEqual(emptyLiveLog());
    expect(normalizeLiveLog({ version: 2, since: null, events: [] })).toEqual(emptyLiveLog());
    expect(normalizeLiveLog({ version: 1, since: 'yesterday', events: 'x' })).toEqual(emptyLiveLog());
    const good = {
      kind: 'weekly',
      day: '2025-09-19',
      at: 1,
      detail: {},
      values: { asOf: '2025-09-19' },
      outcomes: {},
    };
    const r = normalizeLiveLog({
      version: 1,
      since: '2025-09-01',
      events: [good, { ...good, kind: 'rumour' }, { ...good, day: '2025-02-30' }, { ...good, outcomes: null }],
    });
    expect(r).toEqual({ version: 1, since: '2025-09-01', events: [good] });
  });

  it('updateLiveLog: a garbage stored value, a new snapshot: the install day, then the events from it on', () => {
    const snap = realSnapshot('2025-09-19');
    const r = updateLiveLog('garbage', {
      previous: null,
      next: snap,
      series: () => null,
      settings: s,
      now: noon('2025-09-18'),
    });
    expect(r.since).toBe('2025-09-18');
    expect(r.events.map((e) => e.kind)).toEqual(['breakout', 'weekly']);
  });
});
