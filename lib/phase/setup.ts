import { monthOf } from '../series/dates';
import type { Day } from '../series/types';
import type { Settings } from '../settings/defaults';
import type { Signals } from '../signals/signals';
import { fmt, type Reason } from './reasons';
import type { Stage } from './stage';

const SETUP_RUSSELL = ['near-ath', 'breakout', 'spillover-window'] as const;
const SETUP_STAGES = ['btc-season', 'mixed'] as const;

/**
 * The "window to prepare" (SIGNALS.md §4): Russell near or past its high, alts not yet rotating, and
 * dominance showing strain. Descriptive, never advice.
 */
export function evaluateSetup(
  stage: Stage,
  sig: Signals,
  settings: Settings,
  day: Day,
): { setup: boolean; reasons: Reason[] } {
  const r = sig.russell;
  const rState = r && !r.stale ? r.state : 'unknown';
  const russell: Reason = {
    rule: 'setup.russell',
    signal: 'russell',
    value: rState,
    comparator: 'in',
    threshold: SETUP_RUSSELL,
    passed: (SETUP_RUSSELL as readonly string[]).includes(rState),
    source: r?.source ?? null,
    asOf: r?.asOf ?? null,
    text: r?.stale
      ? `Russell 2000 data is stale (${r.asOf}), state not used for the setup`
      : `Russell 2000 is ${rState}${r?.pctFromAth != null ? ` (${fmt(r.pctFromAth, { sign: true })}% from ATH)` : ''}; the setup needs near-ath, breakout or spillover-window`,

    ...(r?.stale
      ? { stale: true, args: [r.asOf] }
      : {
          sign: true,
          args: [
            { code: `russell.${rState}` },
            r?.pctFromAth != null ? { code: 'ath', args: [r.pctFromAth] } : { code: 'ath.none' },
          ],
        }),
  };
  const stageOk: Reason = {
    rule: 'setup.stage',
    signal: 'stage',
    value: stage,
    comparator: 'in',
    threshold: SETUP_STAGES,
    passed: (SETUP_STAGES as readonly string[]).includes(stage),
    source: null,
    asOf: null,
    text: `Stage ${stage}; the setup needs btc-season or mixed`,

    args: [{ code: `stage.${stage}` }],
  };

  const d = sig.dominance && !sig.dominance.stale ? sig.dominance : null;
  const [, , lo, hi] = settings.dominance.zones;
  const falling = d?.trend === 'falling';
  const inRange = d !== null && d.value >= lo && d.value <= hi;
  const cross = d?.macd?.lastCross;
  const recentBearish =
    cross?.type === 'bearish' && monthsBetween(cross.month, monthOf(day)) <= settings.dominance.bearishCrossMonths;
  const strainParts = [
    d === null ? 'dominance unknown or stale' : `dominance ${fmt(d.value)}% ${inRange ? 'in' : 'outside'} ${lo}–${hi}%`,
    `trend ${d?.trend ?? 'unknown'}`,
    cross ? `last monthly MACD cross ${cross.type} in ${cross.month}` : 'no monthly MACD cross known',
  ];
  const strain: Reason = {
    rule: 'setup.dominance',
    signal: 'dominance',
    value: d?.value ?? null,
    // Three legs, any of which passes: the threshold lists them all, so `passed` never contradicts it.
    comparator: 'any-of',
    threshold: [
      'trend falling',
      `${lo}–${hi}%`,
      `bearish monthly MACD cross within ${settings.dominance.bearishCrossMonths} months`,
    ],
    passed: falling || inRange || recentBearish,
    source: sig.dominance?.source ?? null,
    asOf: sig.dominance?.asOf ?? null,
    text: `${strainParts.join(', ')}; the setup needs falling dominance, ${lo}–${hi}%, or a bearish cross in the last ${settings.dominance.bearishCrossMonths} months`,

    ...(sig.dominance?.stale ? { stale: true } : {}),
    args: [
      d === null
        ? { code: 'dominance.unknown' }
        : { code: inRange ? 'dominance.in' : 'dominance.outside', args: [d.value, lo, hi] },
      { code: `trend.${d?.trend ?? 'unknown'}` },
      cross ? { code: 'cross', args: [{ code: `cross.${cross.type}` }, cross.month] } : { code: 'cross.none' },
      lo,
      hi,
      settings.dominance.bearishCrossMonths,
    ],
  };
  return { setup: russell.passed && stageOk.passed && strain.passed, reasons: [russell, stageOk, strain] };
}

function monthsBetween(a: string, b: string): number {
  return (+b.slice(0, 4) - +a.slice(0, 4)) * 12 + (+b.slice(5, 7) - +a.slice(5, 7));
}
