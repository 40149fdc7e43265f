import type { KnownStage } from '../phase/stage';
import type { Day } from '../series/types';
import type { DominanceZone } from '../signals/dominance';

export const ALERT_STATE_VERSION = 1;

/**
 * What the alert detector remembers between refreshes (persisted by the worker beside the snapshot).
 * Each watched condition keeps its last KNOWN observation: an unknown or stale reading leaves it as
 * it was, so a data gap neither fires nor re-arms an alert. `null` means "never observed yet"; the
 * first observation only arms, it never notifies (nothing is known to have changed).
 */
export interface AlertState {
  version: typeof ALERT_STATE_VERSION;
  /** Last known confirmed stage (never `unknown`). */
  stage: KnownStage | null;
  /** Last known Russell breakout date; `{ date: null }` = observed, no breakout in the data. */
  breakout: { date: Day | null } | null;
  /** Whether the last complete week closed above the reference high. */
  weeklyConfirmed: boolean | null;
  /** Side of each ASI alert level the ASI was last seen on (key: the level). */
  asiSides: Record<string, 'above' | 'below'>;
  dominanceZone: DominanceZone | null;
  /** Whether the setup was last known to hold (unknown readings leave it). */
  setup: boolean | null;
  /** Whether the fear-washout flag was last known to hold. */
  fearWashout: boolean | null;
  /**
   * Whether the ETF flows rotation was last known to hold. Optional: states stored before it existed read as
   * "never seen", which arms nothing (no version change needed).
   */
  etfRotation?: boolean | null;
  /** The spill-over window last seen: its breakout and status. */
  window: { breakout: Day; status: 'before' | 'open' | 'closed' } | null;
  /** Notifications held during quiet hours, shown at the first detection after them. */
  queued: { id: string; kind: string; title: string; message: string }[];
  /** Ids of notifications already raised, with when: the same event is never raised twice. */
  fired: Record<string, number>;
}

export function emptyAlertState(): AlertState {
  return {
    version: ALERT_STATE_VERSION,
    stage: null,
    breakout: null,
    weeklyConfirmed: null,
    asiSides: {},
    dominanceZone: null,
    setup: null,
    fearWashout: null,
    window: null,
    queued: [],
    fired: {},
  };
}

/** At most this many notifications wait out the quiet hours (the newest kept): one night's events. */
export const QUEUED_MAX = 10;

const STAGES = new Set(['btc-season', 'eth-rotation', 'mixed', 'alt-rotation', 'altseason']);
const ZONES = new Set(['deep-alt', 'alt', 'neutral', 'pivotal', 'btc']);
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads a stored state defensively: anything malformed is dropped field by field (that field starts
 * over, armed but silent), so a corrupt value can never make the worker throw or spam notifications.
 */
export function normalizeAlertState(raw: unknown): AlertState {
  const s = emptyAlertState();
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return s;
  const r = raw as Record<string, unknown>;
  if (r.version !== ALERT_STATE_VERSION) return s;
  if (typeof r.stage === 'string' && STAGES.has(r.stage)) s.stage = r.stage as KnownStage;
  if (
    isObj(r.breakout) &&
    (r.breakout.date === null || (typeof r.breakout.date === 'string' && DAY_RE.test(r.breakout.date)))
  ) {
    s.breakout = { date: r.breakout.date as Day | null };
  }
  if (typeof r.weeklyConfirmed === 'boolean') s.weeklyConfirmed = r.weeklyConfirmed;
  if (isObj(r.asiSides)) {
    for (const [k, v] of Object.entries(r.asiSides)) if (v === 'above' || v === 'below') s.asiSides[k] = v;
  }
  if (typeof r.dominanceZone === 'string' && ZONES.has(r.dominanceZone))
    s.dominanceZone = r.dominanceZone as DominanceZone;
  if (typeof r.setup === 'boolean') s.setup = r.setup;
  if (typeof r.fearWashout === 'boolean') s.fearWashout = r.fearWashout;
  if (typeof r.etfRotation === 'boolean') s.etfRotation = r.etfRotation;
  if (
    isObj(r.window) &&
    typeof r.window.breakout === 'string' &&
    DAY_RE.test(r.window.breakout) &&
    ['before', 'open', 'closed'].includes(r.window.status as string)
  )
    s.window = { breakout: r.window.breakout, status: r.window.status as 'before' | 'open' | 'closed' };
  if (Array.isArray(r.queued))
    s.queued = r.queued
      .filter(
        (q): q is AlertState['queued'][number] =>
          isObj(q) && ['id', 'kind', 'title', 'message'].every((k) => typeof q[k] === 'string'),
      )
      .slice(-QUEUED_MAX);
  if (isObj(r.fired)) {
    for (const [k, v] of Object.entries(r.fired)) if (typeof v === 'number' && Number.isFinite(v)) s.fired[k] = v;
  }
  return s;
}

/** How many raised ids are remembered; older ones are dropped first (a year of daily events fits). */
export const FIRED_MAX = 500;

/** Keeps the newest `max` fired ids so the stored state stays bounded. */
export function pruneFired(fired: Record<string, number>, max = FIRED_MAX): Record<string, number> {
  const entries = Object.entries(fired);
  if (entries.length <= max) return fired;
  entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return Object.fromEntries(entries.slice(0, max));
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
