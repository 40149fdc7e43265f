import type { Settings } from '../settings/defaults';
import type { Signals } from '../signals/signals';
import { numericReason, provenance, type Reason } from './reasons';
import type { Stage } from './stage';

export type Flag = 'late-cycle' | 'fear-washout';

/** Flags beside the stage (SIGNALS.md §4), each rule with its reason. */
export function evaluateFlags(stage: Stage, sig: Signals, st: Settings['stage']): { flags: Flag[]; reasons: Reason[] } {
  const fg = sig.fearGreed;
  const dom = sig.dominance;
  const fgReason = (rule: string, c: '<=' | '>=', t: number, outcome: string, flag: Flag) =>
    numericReason({
      rule,
      signal: 'fearGreed',
      label: 'Fear & Greed',
      value: fg?.value ?? null,
      comparator: c,
      threshold: t,
      outcome,
      outcomeCode: `flag.${flag}`,
      ...provenance(fg),
    });

  const greed = fgReason('flag.late-cycle.greed', '>=', st.lateCycleGreed, 'late cycle (with altseason)', 'late-cycle');
  const inAltseason: Reason = {
    rule: 'flag.late-cycle.altseason',
    signal: 'stage',
    value: stage,
    comparator: 'is',
    threshold: 'altseason',
    passed: stage === 'altseason',
    source: null,
    asOf: null,
    text: `Stage ${stage} ${stage === 'altseason' ? 'is' : 'is not'} altseason (late cycle needs it with greed ≥ ${st.lateCycleGreed})`,
    args: [{ code: `stage.${stage}` }, st.lateCycleGreed],
  };
  const lowDom = numericReason({
    rule: 'flag.late-cycle.dominance',
    signal: 'dominance',
    label: 'BTC dominance',
    value: dom?.value ?? null,
    comparator: '<',
    threshold: st.lateCycleDominance,
    unit: '%',
    outcome: 'late cycle',
    outcomeCode: 'flag.late-cycle',
    ...provenance(dom),
  });
  const washout = fgReason('flag.fear-washout', '<=', st.fearWashout, 'fear washout', 'fear-washout');
  const flags: Flag[] = [];
  if ((inAltseason.passed && greed.passed) || lowDom.passed) flags.push('late-cycle');
  if (washout.passed) flags.push('fear-washout');
  return { flags, reasons: [inAltseason, greed, lowDom, washout] };
}
