import { daysBetween, monthOf } from '../series/dates';
import type { Day } from '../series/types';
import type { Settings } from '../settings/defaults';
import type { RussellState } from '../signals/russell';
import type { Signals } from '../signals/signals';
import { etfFlowsReason } from './etf-flows';
import { all, any, daysPhrase, fmt, type Reason } from './reasons';
import { STAGE_LABELS, type Stage } from './stage';
import { triState, type TriState } from './tri';

const SETUP_STAGES: readonly Stage[] = ['btc-season', 'mixed'];

/** The Russell's states in words, for sentences (never the raw id). */
export const RUSSELL_WORDS: Record<RussellState, string> = {
  'risk-off': 'risk-off below its 200-day average',
  recovering: 'recovering above its 200-day average',
  'near-ath': 'near its high',
  breakout: 'breaking out',
  unknown: 'unknown',
};

/**
 * The "window to prepare" (SIGNALS.md §4): the Russell near its high, breaking out or in the spill-over window
 * after a breakout; the stage Bitcoin season or Mixed; and dominance showing strain (falling, in its pivotal
 * range, or a bearish monthly MACD cross in the last months). Tri-state: an unknown input leaves it unknown,
 * never "no". Descriptive, never advice.
 */
export function evaluateSetup(
  stage: Stage,
  sig: Signals,
  settings: Settings,
  day: Day,
): { setup: TriState; reasons: Reason[] } {
  const russell = russellLeg(sig, day);
  const stageLeg = stageRule(stage);
  const strain = dominanceLeg(sig, settings, day);
  // ETF flows confirm beside the setup; a setting makes them one of its legs.
  const flows = etfFlowsReason(sig, day);
  const legs = settings.etfFlows.inSetup ? [russell, stageLeg, strain, flows] : [russell, stageLeg, strain];
  const value = all(legs.map((r) => r.passed));
  // Decisive: every leg when it is a setup, else the legs that make it "no" or leave it unknown.
  for (const r of legs) if (value === true || r.passed === value) r.decisive = true;
  return { setup: triState(value, legs), reasons: [...legs.slice(0, 3), flows] };
}

function russellLeg(sig: Signals, day: Day): Reason {
  const r = sig.russell;
  const base = {
    rule: 'setup.russell',
    signal: 'russell',
    comparator: 'any-of',
    threshold: ['near-ath', 'breakout', 'spill-over window'],
    source: r?.source ?? null,
    asOf: r?.asOf ?? null,
  } as const;
  if (!r) {
    return { ...base, value: null, passed: null, text: 'setup not tested: Russell 2000 unknown', args: [] };
  }
  const w = r.window;
  const inWindow = w !== null && w.status === 'open';
  const before = w && w.status === 'before' ? daysPhrase(w.from - w.day) : null;
  const windowPhrase = !w
    ? { code: 'window.none' }
    : inWindow
      ? { code: 'window.open', args: [String(w.day), String(w.from), String(w.to), w.breakout] }
      : before
        ? { code: 'window.before', args: [before.phrase, w.breakout] }
        : { code: 'window.closed', args: [w.breakout] };
  const windowText = !w
    ? 'no breakout, no spill-over window'
    : inWindow
      ? `day ${w.day} of the ${w.from}–${w.to}-day spill-over window after the ${w.breakout} breakout`
      : before
        ? `spill-over window opens in ${before.text}`
        : `spill-over window of the ${w.breakout} breakout closed`;
  if (r.stale) {
    // The window is a fact of the calendar and still counts; the price of stale data does not.
    const age = daysPhrase(daysBetween(r.asOf, day));
    return {
      ...base,
      value: 'stale',
      passed: inWindow ? true : null,
      stale: true,
      text: `Russell 2000 price not used, ${age.text} old; ${windowText}`,
      args: [age.phrase, windowPhrase],
    };
  }
  const priceOk = r.state === 'near-ath' || r.state === 'breakout';
  const passed = r.state === 'unknown' && !inWindow ? null : priceOk || inWindow;
  const ath = r.pctFromAth !== null ? `${fmt(r.pctFromAth, { sign: true })}% from its high` : 'no high known';
  const athPhrase = r.pctFromAth !== null ? { code: 'ath', args: [r.pctFromAth] } : { code: 'ath.none' };
  const state = `${RUSSELL_WORDS[r.state]} (${ath})`;
  return {
    ...base,
    value: r.state,
    passed,
    sign: true,
    text:
      passed === null
        ? 'setup not tested: Russell 2000 unknown'
        : passed
          ? `Russell 2000 ${state}; ${windowText}`
          : `not a setup: Russell 2000 ${state}, ${windowText}`,
    args: [{ code: `russell.${r.state}` }, athPhrase, windowPhrase],
  };
}

function stageRule(stage: Stage): Reason {
  const passed = stage === 'unknown' ? null : SETUP_STAGES.includes(stage);
  return {
    rule: 'setup.stage',
    signal: 'stage',
    value: stage,
    comparator: 'in',
    threshold: SETUP_STAGES,
    passed,
    source: null,
    asOf: null,
    text:
      passed === null
        ? 'setup not tested: the stage is unknown'
        : passed
          ? `the stage is ${STAGE_LABELS[stage]}: alts have not rotated yet`
          : `not a setup: the stage is ${STAGE_LABELS[stage]} (needs Bitcoin season or Mixed)`,
    args: [{ code: `stage.${stage}` }],
  };
}

function dominanceLeg(sig: Signals, settings: Settings, day: Day): Reason {
  const dom = sig.dominance;
  const d = dom && !dom.stale ? dom : null;
  const [, , lo, hi] = settings.dominance.zones;
  const months = settings.dominance.bearishCrossMonths;
  // Each leg is unknown without its input: the trend, the level, the monthly MACD.
  const falling = d?.trend == null ? null : d.trend === 'falling';
  const inRange = d === null ? null : d.value >= lo && d.value <= hi;
  const cross = d?.macd?.lastCross ?? null;
  const recentBearish = !d?.macd
    ? null
    : cross?.type === 'bearish' && monthsBetween(cross.month, monthOf(day)) <= months;
  const passed = any([falling, inRange, recentBearish]);
  const parts = [
    d === null ? 'BTC dominance unknown' : `BTC dominance ${fmt(d.value)}% ${inRange ? 'in' : 'outside'} ${lo}–${hi}%`,
    `trend ${d?.trend ?? 'unknown'}`,
    !d?.macd
      ? 'monthly MACD unknown'
      : cross
        ? `last monthly MACD cross ${cross.type} in ${cross.month}`
        : 'no monthly MACD cross',
  ];
  const stale = dom?.stale ? daysPhrase(daysBetween(dom.asOf, day)) : null;
  return {
    rule: 'setup.dominance',
    signal: 'dominance',
    value: d?.value ?? null,
    // Three legs, any of which passes: the threshold lists them all, so `passed` never contradicts it.
    comparator: 'any-of',
    threshold: ['trend falling', `${lo}–${hi}%`, `bearish monthly MACD cross within ${months} months`],
    passed,
    source: dom?.source ?? null,
    asOf: dom?.asOf ?? null,
    text: stale
      ? `setup not tested: BTC dominance not used, ${stale.text} old`
      : passed === null
        ? `setup not tested: ${parts.join(', ')}`
        : passed
          ? `dominance shows strain: ${parts.join(', ')}`
          : `not a setup: ${parts.join(', ')} (needs falling, ${lo}–${hi}% or a bearish cross in ${months} months)`,
    ...(stale ? { stale: true } : {}),
    args: [
      d === null
        ? { code: 'dominance.unknown' }
        : { code: inRange ? 'dominance.in' : 'dominance.outside', args: [d.value, lo, hi] },
      { code: `trend.${d?.trend ?? 'unknown'}` },
      !d?.macd
        ? { code: 'cross.unknown' }
        : cross
          ? { code: 'cross', args: [{ code: `cross.${cross.type}` }, cross.month] }
          : { code: 'cross.none' },
      lo,
      hi,
      months,
      stale?.phrase ?? null,
    ],
  };
}

function monthsBetween(a: string, b: string): number {
  return (+b.slice(0, 4) - +a.slice(0, 4)) * 12 + (+b.slice(5, 7) - +a.slice(5, 7));
}
