import { SITE_IDS } from '../../lib/settings/defaults';

export type Unit =
  'days' | 'trading_days' | 'pct' | 'points' | 'months' | 'weeks' | 'minutes' | 'coins' | 'index' | 'usd' | 'count';

/** One numeric setting: its dotted path in Settings, whole or decimal, unit and input step. */
export interface NumField {
  path: string;
  kind: 'int' | 'num';
  unit: Unit;
  step?: number;
}

export type SectionId =
  | 'russell'
  | 'asi'
  | 'dominance'
  | 'ethbtc'
  | 'fearGreed'
  | 'stage'
  | 'staleness'
  | 'refresh'
  | 'sites'
  | 'badge'
  | 'alerts'
  | 'backup';

/** The settings of SIGNALS.md §5, grouped as the options page shows them. */
export const SECTIONS: { id: SectionId; fields: NumField[] }[] = [
  {
    id: 'russell',
    fields: [
      { path: 'russell.referenceHigh', kind: 'num', unit: 'usd', step: 0.01 },
      { path: 'russell.breakoutBaseDays', kind: 'int', unit: 'trading_days' },
      { path: 'russell.nearAthPct', kind: 'num', unit: 'pct', step: 0.1 },
      { path: 'russell.breakoutRecentDays', kind: 'int', unit: 'trading_days' },
      { path: 'russell.spilloverFromDays', kind: 'int', unit: 'days' },
      { path: 'russell.spilloverToDays', kind: 'int', unit: 'days' },
      { path: 'russell.smaDays', kind: 'int', unit: 'trading_days' },
    ],
  },
  {
    id: 'asi',
    fields: [
      { path: 'asi.topN', kind: 'int', unit: 'coins' },
      { path: 'asi.windowDays', kind: 'int', unit: 'days' },
      { path: 'asi.toleranceDays', kind: 'int', unit: 'days' },
      { path: 'asi.minCoveragePct', kind: 'num', unit: 'pct', step: 1 },
    ],
  },
  {
    id: 'dominance',
    fields: [
      { path: 'dominance.zones.0', kind: 'num', unit: 'pct', step: 0.1 },
      { path: 'dominance.zones.1', kind: 'num', unit: 'pct', step: 0.1 },
      { path: 'dominance.zones.2', kind: 'num', unit: 'pct', step: 0.1 },
      { path: 'dominance.zones.3', kind: 'num', unit: 'pct', step: 0.1 },
      { path: 'dominance.trendPoints', kind: 'num', unit: 'points', step: 0.1 },
      { path: 'dominance.changeDays', kind: 'int', unit: 'days' },
      { path: 'dominance.changeLongDays', kind: 'int', unit: 'days' },
      { path: 'dominance.toleranceDays', kind: 'int', unit: 'days' },
      { path: 'dominance.macdFast', kind: 'int', unit: 'months' },
      { path: 'dominance.macdSlow', kind: 'int', unit: 'months' },
      { path: 'dominance.macdSignal', kind: 'int', unit: 'months' },
      { path: 'dominance.bearishCrossMonths', kind: 'int', unit: 'months' },
      { path: 'dominance.wedgeWeeks', kind: 'int', unit: 'weeks' },
    ],
  },
  {
    id: 'ethbtc',
    fields: [
      { path: 'ethbtc.changeDays', kind: 'int', unit: 'days' },
      { path: 'ethbtc.smaShort', kind: 'int', unit: 'days' },
      { path: 'ethbtc.smaLong', kind: 'int', unit: 'days' },
      { path: 'ethbtc.toleranceDays', kind: 'int', unit: 'days' },
      { path: 'total3.changeDays', kind: 'int', unit: 'days' },
      { path: 'total3.toleranceDays', kind: 'int', unit: 'days' },
    ],
  },
  {
    id: 'fearGreed',
    fields: [
      { path: 'fearGreed.extremeFear', kind: 'num', unit: 'index' },
      { path: 'fearGreed.fear', kind: 'num', unit: 'index' },
      { path: 'fearGreed.neutral', kind: 'num', unit: 'index' },
      { path: 'fearGreed.greed', kind: 'num', unit: 'index' },
    ],
  },
  {
    id: 'stage',
    fields: [
      { path: 'stage.btcSeasonMax', kind: 'num', unit: 'index' },
      { path: 'stage.altRotationMin', kind: 'num', unit: 'index' },
      { path: 'stage.altseasonMin', kind: 'num', unit: 'index' },
      { path: 'stage.ethRotationEthBtcPct', kind: 'num', unit: 'pct', step: 0.1 },
      { path: 'stage.ethRotationDominancePts', kind: 'num', unit: 'points', step: 0.1 },
      { path: 'stage.lateCycleGreed', kind: 'num', unit: 'index' },
      { path: 'stage.lateCycleDominance', kind: 'num', unit: 'pct', step: 0.1 },
      { path: 'stage.fearWashout', kind: 'num', unit: 'index' },
      { path: 'hysteresis.confirmDays', kind: 'int', unit: 'count' },
      { path: 'hysteresis.marginPoints', kind: 'num', unit: 'index', step: 0.5 },
    ],
  },
  {
    id: 'staleness',
    fields: [
      { path: 'staleness.cryptoMaxAgeDays', kind: 'int', unit: 'days' },
      { path: 'staleness.russellMaxAgeDays', kind: 'int', unit: 'days' },
    ],
  },
  { id: 'refresh', fields: [{ path: 'refresh.intervalMinutes', kind: 'int', unit: 'minutes' }] },
  { id: 'sites', fields: [] },
  { id: 'badge', fields: [] },
  { id: 'alerts', fields: [] },
  { id: 'backup', fields: [] },
];

export const NUM_FIELDS: NumField[] = SECTIONS.flatMap((s) => s.fields);

/** Fields edited as lists in a text box. */
export const LIST_FIELDS = ['asi.excludeSymbols', 'asi.excludeCategories', 'alerts.asiLevels'] as const;
export type ListField = (typeof LIST_FIELDS)[number];

export const ALERT_SWITCHES = ['stageChange', 'russellBreakout', 'weeklyConfirmation', 'dominanceZone'] as const;

export { SITE_IDS };

/** i18n key of a field's label, e.g. `options_f_asi_windowDays`. */
export const fieldKey = (path: string) => `options_f_${path.replace(/\./g, '_')}`;
export const sectionKey = (id: SectionId) => `options_s_${id}`;
export const unitKey = (u: Unit) => `options_unit_${u}`;

/**
 * Validation rules that tie fields together, by the path validateSettings reports the error on: the
 * message is shown beside every field of the pair, since either may be the one the user changed.
 */
export const PARTNERS: Record<string, string[]> = {
  'stage.btcSeasonMax': ['stage.altRotationMin'],
  'stage.altRotationMin': ['stage.altseasonMin'],
  'fearGreed.fear': ['fearGreed.extremeFear'],
  'fearGreed.neutral': ['fearGreed.fear'],
  'fearGreed.greed': ['fearGreed.neutral'],
  'dominance.zones.1': ['dominance.zones.0'],
  'dominance.zones.2': ['dominance.zones.1'],
  'dominance.zones.3': ['dominance.zones.2'],
  'russell.spilloverToDays': ['russell.spilloverFromDays'],
  'dominance.macdSlow': ['dominance.macdFast'],
  'dominance.changeLongDays': ['dominance.changeDays'],
  'ethbtc.smaLong': ['ethbtc.smaShort'],
  'hysteresis.marginPoints': ['stage.altseasonMin', 'stage.btcSeasonMax'],
  'asi.preset': ['asi.topN', 'asi.windowDays'],
};
