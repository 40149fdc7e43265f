import { beforeAll, describe, expect, it } from 'vitest';
import { detectAlerts, type DetectInput, type DetectResult } from '../../../lib/alerts/detect';
import { emptyAlertState, type AlertState } from '../../../lib/alerts/state';
import { loadLocales } from '../../../lib/i18n/node';
import { translateFrom, type Translate } from '../../../lib/i18n/translate';
import type { Stage } from '../../../lib/phase/stage';
import { defaultSettings, type Settings } from '../../../lib/settings/defaults';
import type { DominanceSignal, DominanceZone } from '../../../lib/signals/dominance';
import type { Snapshot } from '../../../lib/snapshot/types';
import { realSnapshot } from '../../support/snapshot';

const NOW = Date.parse('2025-09-19T12:00:00Z');
let base: Snapshot;
let en: Translate;
let zh: Translate;

beforeAll(() => {
  // A real snapshot (altseason, ASI 79, Russell breakout 2025-09-18, weekly confirmed); scenarios mutate copies.
  base = realSnapshot('2025-09-19');
  const locales = loadLocales();
  en = translateFrom(locales.en!);
  zh = translateFrom(locales.zh_CN!);
});

interface Edit {
  stage?: Stage;
  asi?: number | null;
  asiStale?: boolean;
  breakout?: string | null;
  weekly?: boolean;
  zone?: DominanceZone | null;
  dominance?: number;
  russell?: null;
  asOf?: string;
}

/** A copy of the real snapshot with the watched conditions set as a scenario needs. */
function snap(e: Edit = {}): Snapshot {
  const s = structuredClone(base);
  const ev = s.evaluation;
  if (e.asOf) ev.asOf = e.asOf;
  if (e.stage) ev.phase.stage = e.stage;
  if (e.asi !== undefined) {
    if (e.asi === null) ev.asi = { value: null, why: 'no BTC closes', asOf: null, excluded: [] };
    else if (ev.asi && ev.asi.value !== null) ev.asi.value = e.asi;
  }
  if (e.asiStale !== undefined && ev.asi && ev.asi.value !== null) ev.asi.stale = e.asiStale;
  if (e.russell === null) ev.russell = null;
  if (e.breakout !== undefined && ev.russell) ev.russell.lastBreakoutDate = e.breakout;
  if (e.weekly !== undefined && ev.russell) {
    ev.russell.weeklyConfirmed = e.weekly;
    ev.russell.weeklyClose = { week: '2025-09-15', date: ev.asOf, close: e.weekly ? 2448.77 : 2400 };
  }
  if (e.zone !== undefined) {
    ev.dominance =
      e.zone === null
        ? null
        : ({
            value: e.dominance ?? 60,
            asOf: ev.asOf,
            source: 'CoinMarketCap dominance',
            ageDays: 0,
            stale: false,
            change30: null,
            change90: null,
            zone: e.zone,
            trend: null,
            macd: null,
            wedge: null,
          } satisfies DominanceSignal);
  }
  return s;
}

const alertsOn = (patch: Partial<Settings['alerts']> = {}): Settings['alerts'] => ({
  ...defaultSettings().alerts,
  russellBreakout: true,
  weeklyConfirmation: true,
  dominanceZone: true,
  ...patch,
});

function run(previous: Snapshot | null, next: Snapshot, state: AlertState, x: Partial<DetectInput> = {}): DetectResult {
  return detectAlerts({ previous, next, alerts: defaultSettings().alerts, state, now: NOW, t: en, ...x });
}

/** Runs a sequence of snapshots through detection like the worker would, refresh after refresh. */
function sequence(snaps: Snapshot[], x: Partial<DetectInput> = {}, state = emptyAlertState()) {
  const all: DetectResult[] = [];
  let prev: Snapshot | null = null;
  for (const s of snaps) {
    const r = run(prev, s, state, x);
    all.push(r);
    state = r.state;
    prev = s;
  }
  return { results: all, state, notifications: all.flatMap((r) => r.notifications) };
}

describe('stage change', () => {
  it('the first run only arms: nothing is known to have changed', () => {
    const r = run(null, snap(), emptyAlertState());
    expect(r.notifications).toEqual([]);
    expect(r.state.stage).toBe('altseason');
    expect(r.state.breakout).toEqual({ date: '2025-09-18' });
    expect(r.state.weeklyConfirmed).toBe(true);
  });

  it('a confirmed stage change raises exactly one notification, in words', () => {
    const { notifications } = sequence([snap({ stage: 'alt-rotation' }), snap({ stage: 'altseason' })]);
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toEqual({
      id: 'stage:alt-rotation>altseason:2025-09-19',
      kind: 'stage',
      title: 'Regime Lens: Altcoin season',
      message: 'Rotation stage confirmed: Alts rotating → Altcoin season (ASI 79, data of Sep 19, 2025).',
    });
  });

  it('does not repeat on the next refresh, nor when the same pair is seen again', () => {
    const a = snap({ stage: 'alt-rotation' });
    const b = snap({ stage: 'altseason' });
    const first = sequence([a, b]);
    expect(first.notifications).toHaveLength(1);
    // Next refresh: same stage.
    expect(run(b, b, first.state).notifications).toEqual([]);
    // A worker that lost track of `previous` and passes the old one again: the state still knows.
    expect(run(a, b, first.state).notifications).toEqual([]);
    // Many hourly refreshes.
    expect(sequence([b, b, b, b], {}, first.state).notifications).toEqual([]);
  });

  it('raises the change seeded from the previous snapshot when the state has never seen a stage', () => {
    const r = run(snap({ stage: 'mixed' }), snap({ stage: 'alt-rotation' }), emptyAlertState());
    expect(r.notifications.map((n) => n.id)).toEqual(['stage:mixed>alt-rotation:2025-09-19']);
  });

  it('ignores transitions to and from unknown, and compares with the last known stage', () => {
    const seq = sequence([snap({ stage: 'altseason' }), snap({ stage: 'unknown' }), snap({ stage: 'altseason' })]);
    expect(seq.notifications).toEqual([]);
    const seq2 = sequence([
      snap({ stage: 'altseason' }),
      snap({ stage: 'unknown' }),
      snap({ stage: 'alt-rotation', asOf: '2025-09-21' }),
    ]);
    expect(seq2.notifications.map((n) => n.id)).toEqual(['stage:altseason>alt-rotation:2025-09-21']);
    expect(sequence([snap({ stage: 'unknown' }), snap({ stage: 'btc-season' })]).notifications).toEqual([]);
  });

  it('re-arms after the stage went back: a later change the same way is a new event', () => {
    const seq = sequence([
      snap({ stage: 'alt-rotation', asOf: '2025-09-10' }),
      snap({ stage: 'altseason', asOf: '2025-09-12' }),
      snap({ stage: 'alt-rotation', asOf: '2025-09-15' }),
      snap({ stage: 'altseason', asOf: '2025-09-19' }),
    ]);
    expect(seq.notifications.map((n) => n.id)).toEqual([
      'stage:alt-rotation>altseason:2025-09-12',
      'stage:altseason>alt-rotation:2025-09-15',
      'stage:alt-rotation>altseason:2025-09-19',
    ]);
  });

  it('switched off: nothing shown, the event is consumed and the state advances', () => {
    const seq = sequence([snap({ stage: 'mixed' }), snap({ stage: 'altseason' })], {
      alerts: alertsOn({ stageChange: false }),
    });
    expect(seq.notifications).toEqual([]);
    expect(seq.results[1]!.suppressed).toEqual([
      { id: 'stage:mixed>altseason:2025-09-19', kind: 'stage', why: 'disabled' },
    ]);
    expect(seq.state.stage).toBe('altseason');
    // Switching it on later does not replay the old change.
    expect(run(snap({ stage: 'altseason' }), snap({ stage: 'altseason' }), seq.state).notifications).toEqual([]);
  });

  it('is translated through the Translate it is given', () => {
    const { notifications } = sequence([snap({ stage: 'btc-season' }), snap({ stage: 'altseason' })], {
      t: zh,
      locale: 'zh-CN',
    });
    expect(notifications[0]!.title).toBe('Regime Lens：山寨季');
    expect(notifications[0]!.message).toContain('比特币季 → 山寨季');
    expect(notifications[0]!.message).toContain('2025年9月19日');
  });
});

describe('snooze', () => {
  it('shows nothing while snoozed and does not replay the snoozed event afterwards', () => {
    const until = NOW + 3_600_000;
    const a = snap({ stage: 'mixed' });
    const b = snap({ stage: 'altseason' });
    const snoozed = sequence([a, b], { alerts: alertsOn({ snoozeUntil: until }) });
    expect(snoozed.notifications).toEqual([]);
    expect(snoozed.results[1]!.suppressed.map((s) => s.why)).toEqual(['snoozed']);
    // After the snooze: the same event is not shown late…
    expect(
      run(b, b, snoozed.state, { alerts: alertsOn({ snoozeUntil: until }), now: until + 1 }).notifications,
    ).toEqual([]);
    // …but a new one is.
    const c = snap({ stage: 'alt-rotation', asOf: '2025-09-20' });
    expect(
      run(b, c, snoozed.state, { alerts: alertsOn({ snoozeUntil: until }), now: until + 1 }).notifications,
    ).toHaveLength(1);
  });

  it('a snooze that has ended (or 0) does not suppress', () => {
    const seq = sequence([snap({ stage: 'mixed' }), snap({ stage: 'altseason' })], {
      alerts: alertsOn({ snoozeUntil: NOW - 1 }),
    });
    expect(seq.notifications).toHaveLength(1);
    const at = sequence([snap({ stage: 'mixed' }), snap({ stage: 'altseason' })], {
      alerts: alertsOn({ snoozeUntil: NOW }),
    });
    expect(at.notifications).toHaveLength(1);
  });
});

describe('Russell breakout', () => {
  it('a new breakout date raises one notification with close, date and source', () => {
    const seq = sequence(
      [snap({ breakout: '2020-11-13' }), snap({ breakout: '2025-09-18' }), snap({ breakout: '2025-09-18' })],
      { alerts: alertsOn() },
    );
    const ids = seq.notifications.filter((n) => n.kind === 'russell-breakout');
    expect(ids).toHaveLength(1);
    expect(ids[0]!.id).toBe('russell-breakout:2025-09-18');
    expect(ids[0]!.title).toBe('Russell 2000 breakout');
    expect(ids[0]!.message).toBe(
      'A record close of 2,448.77 on Sep 18, 2025 ended a long base. Source: rut.csv, data of Sep 19, 2025.',
    );
  });

  it('from no breakout in the data to a breakout', () => {
    const seq = sequence([snap({ breakout: null }), snap({ breakout: '2025-09-18' })], { alerts: alertsOn() });
    expect(seq.notifications.map((n) => n.id)).toEqual(['russell-breakout:2025-09-18']);
  });

  it('an older date (another provider, shorter history) is not news; an unknown Russell keeps the last date', () => {
    const seq = sequence(
      [
        snap({ breakout: '2025-09-18' }),
        snap({ breakout: '2020-11-13' }),
        snap({ russell: null }),
        snap({ breakout: '2025-09-18' }),
      ],
      { alerts: alertsOn() },
    );
    expect(seq.notifications.filter((n) => n.kind === 'russell-breakout')).toEqual([]);
  });

  it('is off by default', () => {
    const seq = sequence([snap({ breakout: '2020-11-13' }), snap({ breakout: '2025-09-18' })]);
    expect(seq.notifications).toEqual([]);
    expect(seq.results[1]!.suppressed).toEqual([
      { id: 'russell-breakout:2025-09-18', kind: 'russell-breakout', why: 'disabled' },
    ]);
  });
});

describe('weekly confirmation', () => {
  it('false → true raises one; staying true does not repeat', () => {
    const seq = sequence([snap({ weekly: false }), snap({ weekly: true }), snap({ weekly: true })], {
      alerts: alertsOn(),
    });
    const weekly = seq.notifications.filter((n) => n.kind === 'weekly-confirmation');
    expect(weekly).toHaveLength(1);
    expect(weekly[0]!.message).toBe(
      'The week ending Sep 19, 2025 closed at 2,448.77, above 2,442.74. Source: rut.csv.',
    );
  });

  it('a first observation of true only arms; re-arms after it turns false', () => {
    const seq = sequence(
      [snap({ weekly: true }), snap({ weekly: false, asOf: '2025-09-26' }), snap({ weekly: true, asOf: '2025-10-03' })],
      { alerts: alertsOn() },
    );
    expect(seq.notifications.filter((n) => n.kind === 'weekly-confirmation').map((n) => n.id)).toEqual([
      'weekly:2025-10-03',
    ]);
  });

  it('an unknown Russell neither fires nor re-arms', () => {
    const seq = sequence([snap({ weekly: true }), snap({ russell: null }), snap({ weekly: true })], {
      alerts: alertsOn(),
    });
    expect(seq.notifications.filter((n) => n.kind === 'weekly-confirmation')).toEqual([]);
  });
});

describe('ASI levels', () => {
  const levels = (asiLevels: number[]) => ({ alerts: alertsOn({ asiLevels }) });

  it('crossing a level up and then down raises one each, worded by direction', () => {
    const seq = sequence(
      [
        snap({ asi: 45 }),
        snap({ asi: 55, asOf: '2025-09-20' }),
        snap({ asi: 60, asOf: '2025-09-21' }),
        snap({ asi: 48, asOf: '2025-09-22' }),
      ],
      levels([50]),
    );
    const asi = seq.notifications.filter((n) => n.kind === 'asi-level');
    expect(asi.map((n) => n.id)).toEqual(['asi:50:up:2025-09-20', 'asi:50:down:2025-09-22']);
    expect(asi[0]!.title).toBe('Altcoin Season Index rose through 50');
    expect(asi[1]!.title).toBe('Altcoin Season Index fell through 50');
    expect(asi[0]!.message).toBe('ASI 55 crossed your level 50. Source: coins/*.csv, 71 coins, data of Sep 19, 2025.');
  });

  it('re-arms only after the condition resets: no second "up" without a "down" in between', () => {
    const seq = sequence(
      [
        snap({ asi: 45 }),
        snap({ asi: 55, asOf: '2025-09-20' }),
        snap({ asi: 70, asOf: '2025-09-21' }),
        snap({ asi: 52, asOf: '2025-09-22' }),
      ],
      levels([50]),
    );
    expect(seq.notifications.map((n) => n.id)).toEqual(['asi:50:up:2025-09-20']);
  });

  it('reaching the level exactly counts as above it', () => {
    const seq = sequence([snap({ asi: 74 }), snap({ asi: 75, asOf: '2025-09-20' })], levels([75]));
    expect(seq.notifications.map((n) => n.id)).toEqual(['asi:75:up:2025-09-20']);
  });

  it('a jump across several levels raises one per level', () => {
    const seq = sequence([snap({ asi: 20 }), snap({ asi: 80, asOf: '2025-09-20' })], levels([75, 25, 50]));
    expect(seq.notifications.map((n) => n.id)).toEqual([
      'asi:25:up:2025-09-20',
      'asi:50:up:2025-09-20',
      'asi:75:up:2025-09-20',
    ]);
  });

  it('unknown or stale readings are not observations', () => {
    const seq = sequence(
      [snap({ asi: 45 }), snap({ asi: null }), snap({ asi: 55, asiStale: true }), snap({ asi: 45 })],
      levels([50]),
    );
    expect(seq.notifications).toEqual([]);
    expect(seq.state.asiSides).toEqual({ '50': 'below' });
  });

  it('a removed level is forgotten; a new level only arms', () => {
    const first = sequence([snap({ asi: 45 }), snap({ asi: 46 })], levels([50]));
    const r = run(snap({ asi: 46 }), snap({ asi: 47 }), first.state, levels([30]));
    expect(r.notifications).toEqual([]);
    expect(r.state.asiSides).toEqual({ '30': 'above' });
  });

  it('no levels, no ASI alerts', () => {
    expect(sequence([snap({ asi: 10 }), snap({ asi: 90 })]).notifications).toEqual([]);
  });
});

describe('dominance zone', () => {
  it('leaving a zone raises one notification when switched on', () => {
    const seq = sequence(
      [
        snap({ zone: 'pivotal', dominance: 60 }),
        snap({ zone: 'neutral', dominance: 58.4 }),
        snap({ zone: 'neutral', dominance: 58 }),
      ],
      { alerts: alertsOn() },
    );
    const dom = seq.notifications.filter((n) => n.kind === 'dominance-zone');
    expect(dom).toHaveLength(1);
    expect(dom[0]!.id).toBe('dominance:pivotal>neutral:2025-09-19');
    expect(dom[0]!.title).toBe('BTC dominance left the pivotal zone');
    expect(dom[0]!.message).toBe(
      'BTC dominance 58.4% is now in the neutral zone. Source: CoinMarketCap dominance, data of Sep 19, 2025.',
    );
  });

  it('is off by default', () => {
    const seq = sequence([snap({ zone: 'pivotal' }), snap({ zone: 'neutral' })]);
    expect(seq.notifications).toEqual([]);
    expect(seq.results[1]!.suppressed.map((s) => s.kind)).toEqual(['dominance-zone']);
  });

  it('a missing dominance keeps the last zone', () => {
    const seq = sequence([snap({ zone: 'pivotal' }), snap({ zone: null }), snap({ zone: 'pivotal' })], {
      alerts: alertsOn(),
    });
    expect(seq.notifications).toEqual([]);
    expect(seq.state.dominanceZone).toBe('pivotal');
  });
});

describe('state', () => {
  it('survives a JSON round trip (it is persisted in storage)', () => {
    const seq = sequence(
      [snap({ stage: 'mixed', asi: 45, zone: 'btc' }), snap({ stage: 'altseason', asi: 79, zone: 'pivotal' })],
      { alerts: alertsOn({ asiLevels: [50] }) },
    );
    expect(JSON.parse(JSON.stringify(seq.state))).toEqual(seq.state);
    const again = run(
      snap({ stage: 'altseason', asi: 79, zone: 'pivotal' }),
      snap({ stage: 'altseason', asi: 79, zone: 'pivotal' }),
      JSON.parse(JSON.stringify(seq.state)),
      { alerts: alertsOn({ asiLevels: [50] }) },
    );
    expect(again.notifications).toEqual([]);
  });

  it('never mutates the state it is given', () => {
    const state = emptyAlertState();
    const frozen = JSON.stringify(state);
    run(snap({ stage: 'mixed' }), snap({ stage: 'altseason' }), state);
    expect(JSON.stringify(state)).toBe(frozen);
  });

  it('remembers raised ids, so a replay of an old event is refused even after the conditions moved on', () => {
    const seq = sequence([snap({ stage: 'mixed' }), snap({ stage: 'altseason' })]);
    expect(Object.keys(seq.state.fired)).toEqual(['stage:mixed>altseason:2025-09-19']);
    const forgetful = { ...seq.state, stage: 'mixed' as const };
    expect(run(snap({ stage: 'mixed' }), snap({ stage: 'altseason' }), forgetful).notifications).toEqual([]);
  });
});

describe('the thesis alerts: setup, fear washout, the spill-over window', () => {
  /** Real snapshots of the 2025-09-18 breakout's window, evaluated as the worker would on each day. */
  const day = (d: string) => realSnapshot(d);

  it('the window closing raises its verdict by default, once; its opening only when switched on', () => {
    const days = ['2025-12-15', '2025-12-16', '2025-12-17', '2026-03-16', '2026-03-17', '2026-03-18', '2026-03-19'];
    const snaps = days.map(day);
    expect(snaps.map((s) => s.evaluation.phase.thesis?.window.status)).toEqual([
      'before', 'before', 'open', 'open', 'open', 'closed', 'closed',
    ]); // prettier-ignore
    // (Each snapshot is evaluated on its own, so stage alerts come and go here; only the window's are looked at.)
    const windows = (r: ReturnType<typeof sequence>) => r.notifications.filter((n) => n.kind.startsWith('window'));
    const byDefault = windows(sequence(snaps, { alerts: defaultSettings().alerts }));
    expect(byDefault.map((n) => n.id)).toEqual(['window-closed:2025-09-18']);
    const v = byDefault[0]!;
    expect(v.title).toBe('Regime Lens: spill-over window closed');
    expect(v.message).toContain('After the Sep 18, 2025 breakout: highest ASI 39 on Jan 8, 2026, no altseason.');
    const on = windows(sequence(snaps, { alerts: { ...defaultSettings().alerts, windowOpens: true } }));
    expect(on.map((n) => n.id)).toEqual(['window-open:2025-09-18', 'window-closed:2025-09-18']);
    expect(on[0]!.message).toContain('runs until Mar 17, 2026');
  });

  it('setup turning on and fear washout: off by default, once each when on; unknown neither fires nor re-arms', () => {
    const setup = (state: 'yes' | 'no' | 'unknown', washout: 'yes' | 'no' | 'unknown', asOf: string) => {
      const s = snap({ asOf });
      s.evaluation.phase.setup = { state, missing: state === 'unknown' ? ['dominance'] : [] };
      s.evaluation.phase.flagStates['fear-washout'] = { state: washout, missing: [] };
      return s;
    };
    const snaps = [
      setup('no', 'no', '2025-12-15'),
      setup('unknown', 'unknown', '2025-12-16'),
      setup('yes', 'yes', '2025-12-17'),
      setup('unknown', 'unknown', '2025-12-18'),
      setup('yes', 'yes', '2025-12-19'),
    ];
    expect(sequence(snaps).notifications.filter((n) => n.kind !== 'stage')).toEqual([]);
    const on = sequence(snaps, { alerts: { ...defaultSettings().alerts, setupOn: true, fearWashout: true } });
    expect(on.notifications.filter((n) => n.kind !== 'stage').map((n) => n.id)).toEqual([
      'setup:2025-12-17',
      'fear-washout:2025-12-17',
    ]);
  });
});

describe('quiet hours', () => {
  const alerts = { ...defaultSettings().alerts, quietHours: true, quietFrom: 22, quietTo: 7 };
  let change: Snapshot[];
  beforeAll(() => {
    change = [snap({ stage: 'alt-rotation' }), snap({ stage: 'altseason' })];
  });

  it('hold notifications from 22:00 to 07:00 (past midnight) and show them at the first detection after', () => {
    const night = sequence(change, { alerts, localHour: 23 });
    expect(night.notifications).toEqual([]);
    expect(night.results[1]!.suppressed).toEqual([
      { id: 'stage:alt-rotation>altseason:2025-09-19', kind: 'stage', why: 'quiet' },
    ]);
    expect(night.state.queued.map((q) => q.id)).toEqual(['stage:alt-rotation>altseason:2025-09-19']);
    const still = run(change[1]!, change[1]!, night.state, { alerts, localHour: 6 });
    expect(still.notifications).toEqual([]);
    const morning = run(change[1]!, change[1]!, still.state, { alerts, localHour: 7 });
    expect(morning.notifications.map((n) => n.id)).toEqual(['stage:alt-rotation>altseason:2025-09-19']);
    expect(morning.notifications[0]!.title).toContain('Altcoin season');
    expect(morning.state.queued).toEqual([]);
    // Shown once: the next detection has nothing left.
    expect(run(change[1]!, change[1]!, morning.state, { alerts, localHour: 8 }).notifications).toEqual([]);
  });

  it('switched off, or outside the hours, notifications show at once', () => {
    expect(sequence(change, { alerts: { ...alerts, quietHours: false }, localHour: 23 }).notifications).toHaveLength(1);
    expect(sequence(change, { alerts, localHour: 12 }).notifications).toHaveLength(1);
    expect(sequence(change, { alerts: { ...alerts, quietFrom: 9, quietTo: 17 }, localHour: 12 }).notifications).toEqual(
      [],
    );
  });
});
