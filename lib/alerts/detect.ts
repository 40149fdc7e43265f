/*
 * Alerts: the events a snapshot raises against the last one (stage change, breakout, washout, zones…).
 * Flow: provider → cache → engine → snapshot → storage → views, and beside the views, these notifications:
 * the worker passes each new snapshot and the alert state in; what fires is returned, never shown here.
 */
import { makeFormat, type Format } from '../format/format';
import type { Translate } from '../i18n/translate';
import { stageKey, type KnownStage } from '../phase/stage';
import type { Settings } from '../settings/defaults';
import type { DominanceZone } from '../signals/dominance';
import type { Snapshot } from '../snapshot/types';
import { pruneFired, QUEUED_MAX, type AlertState } from './state';

export type AlertKind =
  | 'stage'
  | 'russell-breakout'
  | 'weekly-confirmation'
  | 'asi-level'
  | 'dominance-zone'
  | 'setup'
  | 'fear-washout'
  | 'window-open'
  | 'window-closed'
  | 'etf-rotation';

/** One browser notification to show; `id` is stable per event, so it doubles as the notification id. */
export interface AlertNotification {
  id: string;
  kind: AlertKind;
  title: string;
  message: string;
}

export interface DetectInput {
  /** The snapshot the last detection saw (null on the first run). */
  previous: Snapshot | null;
  next: Snapshot;
  alerts: Settings['alerts'];
  state: AlertState;
  /** Epoch ms, for the snooze. */
  now: number;
  t: Translate;
  /** UI language for numbers and dates in the text (default English). */
  locale?: string;
  /** The hour of `now` on the user's clock (0..23), for the quiet hours; the caller knows the time zone. */
  localHour?: number;
}

export interface DetectResult {
  /** What to show now, at most one per event. */
  notifications: AlertNotification[];
  /**
   * Events detected but not shown now, and why: switched off or snoozed (never shown), or quiet hours (queued
   * in the state and shown at the first detection after them).
   */
  suppressed: { id: string; kind: AlertKind; why: 'disabled' | 'snoozed' | 'quiet' }[];
  /** The state to persist for the next detection. */
  state: AlertState;
}

/** i18n key of a dominance zone name (alerts.json). */
export const zoneKey = (z: DominanceZone) => `alerts_zone_${z.replace(/-/g, '_')}`;

interface Observed {
  stage: KnownStage | null;
  breakout: { date: string | null } | null;
  weekly: boolean | null;
  asi: number | null;
  zone: DominanceZone | null;
  setup: boolean | null;
  fearWashout: boolean | null;
  etfRotation: boolean | null;
  window: { breakout: string; status: 'before' | 'open' | 'closed' } | null;
}

/** A tri-state of the phase as an observation: unknown is not observed (it neither fires nor re-arms). */
const known = (t: { state: string } | undefined): boolean | null =>
  t?.state === 'yes' ? true : t?.state === 'no' ? false : null;

/** What a snapshot says about each watched condition; unknown or stale readings are null (not observed). */
function observe(s: Snapshot | null): Observed {
  const e = s?.evaluation;
  const r = e?.russell && !e.russell.stale ? e.russell : null;
  const asi = e?.asi && e.asi.value !== null && !e.asi.stale ? e.asi.value : null;
  const dom = e?.dominance && !e.dominance.stale ? e.dominance : null;
  return {
    stage: e && e.phase.stage !== 'unknown' ? e.phase.stage : null,
    breakout: r ? { date: r.lastBreakoutDate } : null,
    weekly: r ? r.weeklyConfirmed : null,
    asi,
    zone: dom ? dom.zone : null,
    setup: known(e?.phase.setup),
    fearWashout: known(e?.phase.flagStates?.['fear-washout']),
    // Stale flows are not a reading (absent in snapshots from before ETF flows existed).
    etfRotation: e?.etfFlows && !e.etfFlows.stale ? e.etfFlows.rotation : null,
    window: e?.phase.thesis ? { breakout: e.phase.thesis.window.breakout, status: e.phase.thesis.window.status } : null,
  };
}

/** Whether `hour` lies in the quiet hours from..to (to excluded; from > to wraps past midnight). */
export function inQuietHours(hour: number, from: number, to: number): boolean {
  return from === to ? false : from < to ? hour >= from && hour < to : hour >= from || hour < to;
}

const side = (v: number, level: number): 'above' | 'below' => (v >= level ? 'above' : 'below');

/**
 * The notifications a refresh should raise (pure). Each watched condition is compared with its last
 * known value (the persisted state, seeded from `previous` when the state has never seen it):
 * - a confirmed stage change (hysteresis applied; transitions to or from `unknown` are ignored);
 * - a new Russell breakout (`lastBreakoutDate` moved to a later day);
 * - the weekly confirmation turning from false to true (re-armed once it is false again);
 * - the ASI crossing a user level, either way (each crossing re-arms the opposite one);
 * - BTC dominance leaving its zone.
 * An event id is raised once at most; while snoozed, events are consumed silently so that they do
 * not pile up and burst out when the snooze ends.
 */
export function detectAlerts(x: DetectInput): DetectResult {
  const { t, alerts } = x;
  const f: Format = makeFormat(x.locale ?? 'en');
  const prev = observe(x.previous);
  const cur = observe(x.next);
  const e = x.next.evaluation;
  const asOf = e.asOf;
  const state: AlertState = structuredClone(x.state);
  const snoozed = x.now < alerts.snoozeUntil;
  const quiet =
    alerts.quietHours && x.localHour !== undefined && inQuietHours(x.localHour, alerts.quietFrom, alerts.quietTo);
  const notifications: AlertNotification[] = [];
  const suppressed: DetectResult['suppressed'] = [];

  const raise = (kind: AlertKind, enabled: boolean, id: string, title: () => string, message: () => string) => {
    if (Object.hasOwn(state.fired, id)) return;
    state.fired[id] = x.now;
    if (!enabled) suppressed.push({ id, kind, why: 'disabled' });
    else if (snoozed) suppressed.push({ id, kind, why: 'snoozed' });
    else if (quiet) {
      suppressed.push({ id, kind, why: 'quiet' });
      state.queued = [...state.queued, { id, kind, title: title(), message: message() }].slice(-QUEUED_MAX);
    } else notifications.push({ id, kind, title: title(), message: message() });
  };

  // Stage.
  const baseStage = state.stage ?? prev.stage;
  if (cur.stage && baseStage && cur.stage !== baseStage) {
    const from = baseStage;
    const to = cur.stage;
    const asi = e.asi && e.asi.value !== null ? e.asi.value : null;
    raise(
      'stage',
      alerts.stageChange,
      `stage:${from}>${to}:${asOf}`,
      () => t('alerts_stage_title', t(stageKey(to))),
      () =>
        t(
          'alerts_stage_message',
          t(stageKey(from)),
          t(stageKey(to)),
          f.number(asi),
          e.asi?.asOf ? f.day(e.asi.asOf) : f.day(asOf),
        ),
    );
  }
  if (cur.stage) state.stage = cur.stage;
  else if (!state.stage && prev.stage) state.stage = prev.stage;

  // Russell breakout: only a later breakout date is news (a provider switch must not replay an old one).
  const baseBreakout = state.breakout ?? prev.breakout;
  const newDate = cur.breakout?.date ?? null;
  if (cur.breakout && baseBreakout && newDate !== null && (baseBreakout.date === null || newDate > baseBreakout.date)) {
    const r = e.russell!;
    raise(
      'russell-breakout',
      alerts.russellBreakout,
      `russell-breakout:${newDate}`,
      () => t('alerts_breakout_title'),
      () => t('alerts_breakout_message', f.number(r.close, 2), f.day(newDate), r.source, f.day(r.asOf)),
    );
  }
  // Keep the newest date seen, so a provider flip-flopping between histories never replays a breakout.
  if (cur.breakout)
    state.breakout =
      baseBreakout && (newDate === null || (baseBreakout.date ?? '') > newDate) ? baseBreakout : cur.breakout;
  else if (!state.breakout && prev.breakout) state.breakout = prev.breakout;

  // Weekly confirmation: false → true only; a true seen first merely arms nothing until it turns false.
  const baseWeekly = state.weeklyConfirmed ?? prev.weekly;
  if (baseWeekly === false && cur.weekly === true) {
    const r = e.russell!;
    const wk = r.weeklyClose;
    raise(
      'weekly-confirmation',
      alerts.weeklyConfirmation,
      `weekly:${wk?.date ?? asOf}`,
      () => t('alerts_weekly_title'),
      () =>
        t(
          'alerts_weekly_message',
          f.day(wk?.date ?? r.asOf),
          f.number(wk?.close ?? r.close, 2),
          f.number(r.referenceHigh, 2),
          r.source,
        ),
    );
  }
  if (cur.weekly !== null) state.weeklyConfirmed = cur.weekly;
  else if (state.weeklyConfirmed === null && prev.weekly !== null) state.weeklyConfirmed = prev.weekly;

  // ASI levels, each with its own side; levels no longer configured are forgotten.
  const levels = [...new Set(alerts.asiLevels)].sort((a, b) => a - b);
  const sides: AlertState['asiSides'] = {};
  for (const level of levels) {
    const key = String(level);
    const base = state.asiSides[key] ?? (prev.asi !== null ? side(prev.asi, level) : undefined);
    if (cur.asi === null) {
      if (base) sides[key] = base;
      continue;
    }
    const now = side(cur.asi, level);
    sides[key] = now;
    if (base && now !== base) {
      const up = now === 'above';
      const a = e.asi as { value: number; source: string; asOf: string };
      raise(
        'asi-level',
        alerts.asiLevels.length > 0,
        `asi:${level}:${up ? 'up' : 'down'}:${asOf}`,
        () => t(up ? 'alerts_asi_up_title' : 'alerts_asi_down_title', f.number(level)),
        () => t('alerts_asi_message', f.number(a.value), f.number(level), a.source, f.day(a.asOf)),
      );
    }
  }
  state.asiSides = sides;

  // Dominance zone (off by default).
  const baseZone = state.dominanceZone ?? prev.zone;
  if (cur.zone && baseZone && cur.zone !== baseZone) {
    const d = e.dominance!;
    const from = baseZone;
    const to = cur.zone;
    raise(
      'dominance-zone',
      alerts.dominanceZone,
      `dominance:${from}>${to}:${asOf}`,
      () => t('alerts_dominance_title', t(zoneKey(from))),
      () => t('alerts_dominance_message', f.number(d.value, 1), t(zoneKey(to)), d.source, f.day(d.asOf)),
    );
  }
  if (cur.zone) state.dominanceZone = cur.zone;
  else if (!state.dominanceZone && prev.zone) state.dominanceZone = prev.zone;

  // Setup turning on, fear washout: off by default; "unknown" readings neither fire nor re-arm.
  const switchOn = (kind: 'setup' | 'fear-washout', key: 'setup' | 'fearWashout', enabled: boolean) => {
    const base = state[key] ?? prev[key];
    if (base === false && cur[key] === true)
      raise(
        kind,
        enabled,
        `${kind}:${asOf}`,
        () => t(`alerts_${key}_title`),
        () => t(`alerts_${key}_message`, f.day(asOf)),
      );
    if (cur[key] !== null) state[key] = cur[key];
    else if (state[key] === null && prev[key] !== null) state[key] = prev[key];
  };
  switchOn('setup', 'setup', alerts.setupOn);
  switchOn('fear-washout', 'fearWashout', alerts.fearWashout);

  // ETF flows rotation starting or ending (off by default): every change of a known reading is news.
  const baseRot = state.etfRotation ?? prev.etfRotation;
  const fl = e.etfFlows;
  if (fl && baseRot !== null && cur.etfRotation !== null && cur.etfRotation !== baseRot) {
    const start = cur.etfRotation;
    const m = (a: typeof fl.btc) => f.signed(a?.long.value ?? null, 1);
    raise(
      'etf-rotation',
      alerts.etfRotation,
      `etf-rotation:${start ? 'start' : 'end'}:${fl.asOf}`,
      () => t(start ? 'alerts_etf_start_title' : 'alerts_etf_end_title'),
      () => t('alerts_etf_message', fl.longSessions, m(fl.btc), m(fl.eth), f.day(fl.asOf), fl.source),
    );
  }
  if (cur.etfRotation !== null) state.etfRotation = cur.etfRotation;
  else if ((state.etfRotation ?? null) === null && prev.etfRotation !== null) state.etfRotation = prev.etfRotation;

  // The spill-over window of one breakout opening, and closing with its verdict (the verdict is on by default).
  const baseWindow = state.window ?? prev.window;
  const th = e.phase.thesis;
  if (cur.window && th && baseWindow && baseWindow.breakout === cur.window.breakout) {
    const w = th.window;
    if (baseWindow.status === 'before' && cur.window.status === 'open')
      raise(
        'window-open',
        alerts.windowOpens,
        `window-open:${w.breakout}`,
        () => t('alerts_window_open_title'),
        () => t('alerts_window_open_message', f.day(w.breakout), w.from, w.to, f.day(w.closes)),
      );
    if (baseWindow.status !== 'closed' && cur.window.status === 'closed') {
      const v = th.figures;
      raise(
        'window-closed',
        alerts.windowCloses,
        `window-closed:${w.breakout}`,
        () => t('alerts_window_closed_title'),
        () =>
          t(
            'alerts_window_closed_message',
            f.day(w.breakout),
            v?.peakAsi == null ? '—' : f.number(v.peakAsi),
            v?.peakDate ? f.day(v.peakDate) : '—',
            t(`alerts_verdict_${v?.altseason == null ? 'unknown' : v.altseason ? 'yes' : 'no'}`),
            f.percent(v?.ethbtcPct ?? null, 1, true),
            f.percent(v?.total3VsBtcPct ?? null, 1, true),
          ),
      );
    }
  }
  if (cur.window) state.window = cur.window;
  else if (!state.window && prev.window) state.window = prev.window;

  // Quiet hours over: what waited is shown first, in the order it happened.
  if (!quiet && state.queued.length > 0) {
    notifications.unshift(
      ...(state.queued.filter((q) => !notifications.some((n) => n.id === q.id)) as AlertNotification[]),
    );
    state.queued = [];
  }
  state.fired = pruneFired(state.fired);
  return { notifications, suppressed, state };
}
