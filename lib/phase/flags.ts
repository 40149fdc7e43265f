import type { Day } from '../series/types';
import type { Settings } from '../settings/defaults';
import type { Signals } from '../signals/signals';
import { all, any, numericReason, provenance, type Reason } from './reasons';
import { STAGE_LABELS, type Stage } from './stage';
import { triState, type TriState } from './tri';

export type Flag = 'late-cycle' | 'fear-washout';
export const FLAGS: readonly Flag[] = ['late-cycle', 'fear-washout'];

/**
 * Flags beside the stage (SIGNALS.md §4), each tri-state with the reasons of its rules:
 * late cycle = (altseason and Fear & Greed ≥ 80) or dominance < 50; fear washout = Fear & Greed ≤ 25.
 */
export function evaluateFlags(
  stage: Stage,
  sig: Signals,
  st: Settings['stage'],
  day: Day,
): { flags: Flag[]; states: Record<Flag, TriState>; reasons: Reason[] } {
  const fg = sig.fearGreed;
  const dom = sig.dominance;
  const fgReason = (rule: string, c: '<=' | '>=', t: number, outcome: string, outcomeCode: string) =>
    numericReason({
      rule,
      signal: 'fearGreed',
      label: 'Fear & Greed',
      labelCode: 'fear-greed',
      value: fg?.value ?? null,
      comparator: c,
      threshold: t,
      outcome,
      outcomeCode,
      day,
      ...provenance(fg),
    });

  const greed = fgReason(
    'flag.late-cycle.greed',
    '>=',
    st.lateCycleGreed,
    'late cycle (with altseason)',
    'flag.late-cycle-greed',
  );
  const isAltseason = stage === 'unknown' ? null : stage === 'altseason';
  const inAltseason: Reason = {
    rule: 'flag.late-cycle.altseason',
    signal: 'stage',
    value: stage,
    comparator: 'is',
    threshold: 'altseason',
    passed: isAltseason,
    source: null,
    asOf: null,
    text:
      isAltseason === null
        ? 'late cycle (with greed) not tested: the stage is unknown'
        : isAltseason
          ? `the stage is Altcoin season → late cycle with Fear & Greed ≥ ${st.lateCycleGreed}`
          : `not late cycle by greed: the stage is ${STAGE_LABELS[stage]}, not Altcoin season`,
    args: [{ code: `stage.${stage}` }, st.lateCycleGreed],
  };
  const lowDom = numericReason({
    rule: 'flag.late-cycle.dominance',
    signal: 'dominance',
    label: 'BTC dominance',
    labelCode: 'dominance',
    value: dom?.value ?? null,
    comparator: '<',
    threshold: st.lateCycleDominance,
    unit: '%',
    outcome: 'late cycle',
    outcomeCode: 'flag.late-cycle',
    day,
    ...provenance(dom),
  });
  const washout = fgReason('flag.fear-washout', '<=', st.fearWashout, 'fear washout', 'flag.fear-washout');
  const late = any([all([inAltseason.passed, greed.passed]), lowDom.passed]);
  const states: Record<Flag, TriState> = {
    'late-cycle': triState(late, [inAltseason, greed, lowDom]),
    'fear-washout': triState(washout.passed, [washout]),
  };
  // The rules that make a flag yes are what a trader needs to see first.
  if (late) for (const r of lowDom.passed ? [lowDom] : [inAltseason, greed]) r.decisive = true;
  if (washout.passed) washout.decisive = true;
  const flags = FLAGS.filter((f) => states[f].state === 'yes');
  return { flags, states, reasons: [inAltseason, greed, lowDom, washout] };
}
