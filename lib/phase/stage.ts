/*
 * Phase (SIGNALS.md §4): the rules over one day's signals, each in the file named for it (the stage
 * table here; hysteresis, flags, setup, reasons beside it). Flow: provider → cache → engine (signals →
 * phase) → snapshot → storage → views. It reads Signals and settings only, never the engine that runs
 * it day by day, so every rule is a pure function the CLI, the tests and the worker share.
 */
import type { Settings } from '../settings/defaults';
import type { Day } from '../series/types';
import { any, cmp, daysPhrase, numericReason, provenance, type Reason } from './reasons';
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

/** i18n key of a stage's name for the views (the keys live in lib/i18n/messages/common.json). */
export function stageKey(stage: Stage): string {
  return `stage_${stage.replace(/-/g, '_')}`;
}

/** Position of each stage on the ASI axis; eth-rotation and mixed share one band. */
export const STAGE_ORDER: Record<KnownStage, number> = {
  'btc-season': 0,
  mixed: 1,
  'eth-rotation': 1,
  'alt-rotation': 2,
  altseason: 3,
};

/** One ASI row of the stage table: the band at or below (`<=`) or at or above (`>=`) a threshold setting. */
export interface AsiRow {
  stage: KnownStage;
  comparator: '<=' | '>=';
  threshold: 'btcSeasonMax' | 'altseasonMin' | 'altRotationMin';
  /** The stages inside the band (alt-rotation's also holds altseason): the hysteresis keeps its boundary. */
  held: readonly KnownStage[];
}

/**
 * The rotation-stage table (SIGNALS.md §4), the one place it is written: its ASI rows in order, the
 * first that holds wins, else ETH & majors lead or Mixed by the rotation evidence. The raw stage, the
 * hysteresis candidate and the stage reasons are all read from these rows.
 */
export const ASI_ROWS: readonly AsiRow[] = [
  { stage: 'btc-season', comparator: '<=', threshold: 'btcSeasonMax', held: ['btc-season'] },
  { stage: 'altseason', comparator: '>=', threshold: 'altseasonMin', held: ['altseason'] },
  { stage: 'alt-rotation', comparator: '>=', threshold: 'altRotationMin', held: ['alt-rotation', 'altseason'] },
];

/**
 * Whether the ASI lies in the band of a row, its threshold read from the settings. The hysteresis
 * passes its own test, which moves the boundary the shown stage has to leave through
 * (lib/phase/hysteresis.ts); the table knows nothing of margins.
 */
export type InBand = (asi: number, row: AsiRow, threshold: number) => boolean;

/** The thresholds as SIGNALS.md §4 writes them. */
export const atThreshold: InBand = (asi, row, threshold) => cmp(asi, row.comparator, threshold);

/** The stage by the table: with the plain thresholds the raw stage; the hysteresis passes its band test. */
export function stageOf(
  asi: number,
  rotation: boolean,
  st: Settings['stage'],
  inBand: InBand = atThreshold,
): KnownStage {
  for (const row of ASI_ROWS) if (inBand(asi, row, st[row.threshold])) return row.stage;
  return rotation ? 'eth-rotation' : 'mixed';
}

export interface StageInputs {
  /** Null when the ASI is unknown or stale. */
  asi: number | null;
  /** The rotation evidence (SIGNALS.md §4): either leg passing; null when neither passes and one is unknown. */
  rotation: boolean | null;
  reasons: Reason[];
}

/** Evaluates the rules of the rotation-stage table, each with its reason, as of the evaluation day `day`. */
export function stageInputs(sig: Signals, st: Settings['stage'], day: Day): StageInputs {
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
      passed: null,
      source: null,
      asOf,
      text: `No data: ASI unknown (${a && 'why' in a ? a.why : 'no BTC closes'})`,
      // Without a coin series there are no BTC closes either.
      args: [
        a && a.value === null && a.code
          ? { code: `asi.${a.code}`, args: a.args ?? [] }
          : { code: 'asi.no-btc', args: [] },
      ],
    });
    return { asi: null, rotation: null, reasons };
  }
  if (asiStale) {
    const age = daysPhrase(a.ageDays);
    reasons.push({
      rule: 'stage.unknown',
      signal: 'asi',
      value: asiValue,
      comparator: 'known',
      threshold: null,
      passed: null,
      source: src,
      asOf,
      text: `No data: ASI ${asiValue} not used, ${age.text} old (data of ${asOf})`,
      stale: true,
      args: [asiValue, age.phrase, asOf],
    });
    return { asi: null, rotation: null, reasons };
  }
  for (const row of ASI_ROWS) {
    reasons.push(
      numericReason({
        rule: `stage.${row.stage}`,
        signal: 'asi',
        label: 'ASI',
        labelCode: 'asi',
        value: asiValue,
        comparator: row.comparator,
        threshold: st[row.threshold],
        outcome: STAGE_LABELS[row.stage],
        outcomeCode: `stage.${row.stage}`,
        source: src,
        asOf,
        day,
      }),
    );
  }
  // The rotation evidence: either 30-day change, each tested on its own (SIGNALS.md §4).
  const leg = { sign: true, outcome: 'ETH & majors lead', outcomeCode: 'stage.eth-rotation', day } as const;
  const e = sig.ethbtc;
  const ethReason = numericReason({
    rule: 'stage.eth-rotation.ethbtc',
    signal: 'ethbtc',
    label: 'ETH/BTC 30-day change',
    labelCode: 'ethbtc-change30',
    value: e?.change30Pct ?? null,
    comparator: '>=',
    threshold: st.ethRotationEthBtcPct,
    unit: '%',
    ...leg,
    ...provenance(e),
  });
  const d = sig.dominance;
  const domReason = numericReason({
    rule: 'stage.eth-rotation.dominance',
    signal: 'dominance',
    label: 'BTC dominance 30-day change',
    labelCode: 'dominance-change30',
    value: d?.change30 ?? null,
    comparator: '<=',
    threshold: st.ethRotationDominancePts,
    unit: 'pts',
    ...leg,
    ...provenance(d),
  });
  reasons.push(ethReason, domReason);
  return { asi: asiValue, rotation: any([ethReason.passed, domReason.passed]), reasons };
}
