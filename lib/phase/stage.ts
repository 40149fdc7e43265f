import type { Settings } from '../settings/defaults';
import { numericReason, type Reason } from './reasons';
import type { Signals } from '../signals/signals';

export type Stage = 'btc-season' | 'eth-rotation' | 'mixed' | 'alt-rotation' | 'altseason' | 'unknown';
export type KnownStage = Exclude<Stage, 'unknown'>;

export const STAGE_LABELS: Record<Stage, string> = {
  'btc-season': 'Bitcoin season',
  'eth-rotation': 'ETH & majors lead',
  mixed: 'Mixed',
  'alt-rotation': 'Alts rotating',
  altseason: 'Altcoin season',
  unknown: 'No data',
};

/** Position of each stage on the ASI axis; eth-rotation and mixed share one band. */
export const STAGE_ORDER: Record<KnownStage, number> = {
  'btc-season': 0,
  mixed: 1,
  'eth-rotation': 1,
  'alt-rotation': 2,
  altseason: 3,
};

/**
 * The stage the ASI and rotation evidence point to. With `sticky` (the confirmed stage), leaving an
 * edge stage needs the ASI `margin` points past its boundary; entering one uses the plain threshold
 * (SIGNALS.md §4: enter altseason at 75, leave it at 72 or lower).
 */
export function classifyStage(
  asi: number,
  rotation: boolean,
  st: Settings['stage'],
  sticky: KnownStage | null,
  margin: number,
): KnownStage {
  const btc = sticky === 'btc-season' ? asi < st.btcSeasonMax + margin : asi <= st.btcSeasonMax;
  if (btc) return 'btc-season';
  const altseason = sticky === 'altseason' ? asi > st.altseasonMin - margin : asi >= st.altseasonMin;
  if (altseason) return 'altseason';
  const altRot =
    sticky === 'alt-rotation' || sticky === 'altseason' ? asi > st.altRotationMin - margin : asi >= st.altRotationMin;
  if (altRot) return 'alt-rotation';
  return rotation ? 'eth-rotation' : 'mixed';
}

export interface StageInputs {
  /** Null when the ASI is unknown or stale. */
  asi: number | null;
  rotation: boolean;
  reasons: Reason[];
}

/** Evaluates the rules of the rotation-stage table, each with its reason. */
export function stageInputs(sig: Signals, st: Settings['stage']): StageInputs {
  const reasons: Reason[] = [];
  const a = sig.asi;
  const asiKnown = a !== null && a.value !== null;
  const asiValue = asiKnown ? a.value : null;
  const asiStale = asiKnown && a.stale;
  const src = asiKnown ? a.source : null;
  const asOf = a?.asOf ?? null;
  if (!asiKnown) {
    reasons.push({
      rule: 'stage.unknown',
      signal: 'asi',
      value: null,
      comparator: 'known',
      threshold: null,
      passed: true,
      source: null,
      asOf,
      text: `ASI unknown${a && 'why' in a ? ` (${a.why})` : ''} → No data`,
      // Without a coin series there are no BTC closes either.
      args: [
        a && a.value === null && a.code
          ? { code: `asi.${a.code}`, args: a.args ?? [] }
          : { code: 'asi.no-btc', args: [] },
      ],
    });
    return { asi: null, rotation: false, reasons };
  }
  if (asiStale) {
    reasons.push({
      rule: 'stage.unknown',
      signal: 'asi',
      value: asiValue,
      comparator: 'known',
      threshold: null,
      passed: true,
      source: src,
      asOf,
      text: `ASI ${asiValue} is stale (data of ${asOf}, ${a.ageDays} days old) → No data`,
      stale: true,
      args: [asiValue, asOf, a.ageDays],
    });
    return { asi: null, rotation: false, reasons };
  }
  const r = (stage: KnownStage, c: '<=' | '<' | '>=' | '>', t: number) =>
    numericReason({
      rule: `stage.${stage}`,
      signal: 'asi',
      label: 'ASI',
      value: asiValue,
      comparator: c,
      threshold: t,
      outcome: STAGE_LABELS[stage],
      outcomeCode: `stage.${stage}`,
      source: src,
      asOf,
    });
  reasons.push(r('btc-season', '<=', st.btcSeasonMax));
  reasons.push(r('altseason', '>=', st.altseasonMin));
  reasons.push(r('alt-rotation', '>=', st.altRotationMin));
  const e = sig.ethbtc;
  const ethReason = numericReason({
    rule: 'stage.eth-rotation.ethbtc',
    signal: 'ethbtc',
    label: 'ETH/BTC 30-day change',
    value: e?.change30Pct ?? null,
    comparator: '>=',
    threshold: st.ethRotationEthBtcPct,
    unit: '%',
    sign: true,
    outcome: 'ETH & majors lead',
    outcomeCode: 'stage.eth-rotation',
    source: e?.source ?? null,
    asOf: e?.asOf ?? null,
    stale: e?.stale,
  });
  const d = sig.dominance;
  const domReason = numericReason({
    rule: 'stage.eth-rotation.dominance',
    signal: 'dominance',
    label: 'BTC dominance 30-day change',
    value: d?.change30 ?? null,
    comparator: '<=',
    threshold: st.ethRotationDominancePts,
    unit: ' pts',
    sign: true,
    outcome: 'ETH & majors lead',
    outcomeCode: 'stage.eth-rotation',
    source: d?.source ?? null,
    asOf: d?.asOf ?? null,
    stale: d?.stale,
  });
  reasons.push(ethReason, domReason);
  return { asi: asiValue, rotation: ethReason.passed || domReason.passed, reasons };
}
