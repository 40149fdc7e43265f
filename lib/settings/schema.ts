/**
 * The settings schema (SIGNALS.md §5): each setting once, with its default, kind, bounds, unit and page place.
 * Flow: this table → the Settings type and defaults (./defaults.ts), validation (./validate.ts) and the options
 * form (components/options/fields.ts) → sync storage (lib/platform/items.ts) → worker and engine. A new threshold
 * is one entry here plus its label `options_f_<path>` in lib/i18n/messages/options.json (and a rule if ordered).
 */
import { BUILTIN_EXCLUDED_CATEGORIES, BUILTIN_EXCLUSIONS } from './exclusions';

/** Stored with the settings; a change of shape bumps it and adds a migration (./migrations.ts). */
export const SETTINGS_VERSION = 4;

/** Sites that get the on-page badge; each can be switched off. */
export const SITE_IDS = [
  'tradingview',
  'binance',
  'coinbase',
  'bybit',
  'okx',
  'kraken',
  'bitget',
  'kucoin',
  'hyperliquid',
] as const;
export type SiteId = (typeof SITE_IDS)[number];

export const ASI_PRESET_IDS = ['top50-90d', 'top100-90d', 'custom'] as const;
export type AsiPresetId = (typeof ASI_PRESET_IDS)[number];

/** Presets of SIGNALS.md §3: blockchaincenter-style (default) and CoinMarketCap-style. */
export const ASI_PRESETS: Record<
  Exclude<AsiPresetId, 'custom'>,
  { label: string; topN: number; windowDays: number }
> = {
  'top50-90d': { label: 'Top 50 / 90 d', topN: 50, windowDays: 90 },
  'top100-90d': { label: 'Top 100 / 90 d', topN: 100, windowDays: 90 },
};

/** Units shown beside number inputs (i18n keys `options_unit_<unit>`). */
export type Unit =
  | 'days'
  | 'trading_days'
  | 'pct'
  | 'points'
  | 'months'
  | 'weeks'
  | 'minutes'
  | 'hour'
  | 'coins'
  | 'index'
  | 'usd'
  | 'count';

/** Sections of the options page (i18n keys `options_s_<id>`); `backup` holds export, import and reset. */
export type SectionId =
  | 'russell'
  | 'asi'
  | 'dominance'
  | 'ethbtc'
  | 'fearGreed'
  | 'etfFlows'
  | 'stage'
  | 'staleness'
  | 'refresh'
  | 'sites'
  | 'badge'
  | 'alerts'
  | 'backup';

/** Where the options page shows a setting: its top-level group's section unless it names another. */
interface Placed {
  readonly section?: SectionId;
}

/** A number, whole (`int`) or decimal (`num`), in min..max: a number input with its unit, or its own control. */
export type NumberSpec = Placed & {
  readonly kind: 'int' | 'num';
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly step?: number;
} & (
    | { readonly unit: Unit; readonly control?: undefined }
    | { readonly control: 'slider' | 'none'; readonly unit?: undefined }
  );

/** A fixed number of boundaries (as many as the default has), each a number in min..max. */
export type BoundsSpec = Placed & {
  readonly kind: 'bounds';
  readonly default: readonly number[];
  readonly min: number;
  readonly max: number;
  readonly unit: Unit;
  readonly step?: number;
};

/** A switch; `label` is the i18n key of its checkbox label (sites show their own names). */
export type BoolSpec = Placed & { readonly kind: 'bool'; readonly default: boolean; readonly label?: string };
export type EnumSpec = Placed & { readonly kind: 'enum'; readonly values: readonly string[]; readonly default: string };

/** A list typed as text; `help` is the i18n key of the hint under it (given the item count). */
export type ListSpec = Placed & { readonly help: string; readonly rows?: number } & (
    | { readonly kind: 'list'; readonly item: 'ticker' | 'category'; readonly default: readonly string[] }
    | {
        readonly kind: 'list';
        /** Whole numbers in min..max, at most maxItems of them. */
        readonly item: 'level';
        readonly default: readonly number[];
        readonly min: number;
        readonly max: number;
        readonly maxItems: number;
      }
  );

/** The stored shape's version: not edited, only checked. */
export type VersionSpec = { readonly kind: 'version'; readonly value: number };

export type Spec = NumberSpec | BoundsSpec | BoolSpec | EnumSpec | ListSpec | VersionSpec;
export interface SchemaGroup {
  readonly [key: string]: Spec | SchemaGroup;
}

/** The settings value a schema describes: a precise nested type (tuples, literal unions). */
export type ValueOf<N> = N extends { kind: 'int' | 'num' }
  ? number
  : N extends { kind: 'bool' }
    ? boolean
    : N extends { kind: 'enum'; values: readonly (infer V)[] }
      ? V
      : N extends { kind: 'list'; item: 'level' }
        ? number[]
        : N extends { kind: 'list' }
          ? string[]
          : N extends { kind: 'bounds'; default: infer D extends readonly number[] }
            ? { -readonly [K in keyof D]: number }
            : N extends { kind: 'version'; value: infer V }
              ? V
              : { -readonly [K in keyof N]: ValueOf<N[K]> };

/** Windows in days: SIGNALS.md §5, at least a week. */
const WINDOW = { kind: 'int', min: 7, max: 5000 } as const;
/** How far before the wanted day the last close may lie and still count. */
const TOLERANCE = { kind: 'int', min: 0, max: 30, unit: 'days' } as const;
/** Thresholds on a 0..100 scale. */
const PCT = { kind: 'num', min: 0, max: 100 } as const;

const eachSite = <T>(spec: T) => Object.fromEntries(SITE_IDS.map((id) => [id, spec])) as { readonly [K in SiteId]: T };

/** Every threshold and window of SIGNALS.md §3–5, with the documented defaults, in stored (and page) order. */
export const SETTINGS_SCHEMA = {
  version: { kind: 'version', value: SETTINGS_VERSION },
  russell: {
    /** The 2021 record close the weekly confirmation is measured against. */
    referenceHigh: { kind: 'num', default: 2442.74, min: 0.01, max: 1e7, unit: 'usd', step: 0.01 },
    /** Trading days without a record close that make a base; a record close after one is a breakout. */
    breakoutBaseDays: { ...WINDOW, default: 250, unit: 'trading_days' },
    /** Within this % of the ATH counts as near-ath. */
    nearAthPct: { kind: 'num', default: 3, min: 0, max: 50, unit: 'pct', step: 0.1 },
    /** A record close within this many trading days makes the state `breakout`. */
    breakoutRecentDays: { ...WINDOW, default: 20, unit: 'trading_days' },
    spilloverFromDays: { ...WINDOW, default: 90, unit: 'days' },
    spilloverToDays: { ...WINDOW, default: 180, unit: 'days' },
    smaDays: { ...WINDOW, default: 200, unit: 'trading_days' },
  },
  asi: {
    preset: { kind: 'enum', values: ASI_PRESET_IDS, default: 'top50-90d' },
    topN: { kind: 'int', default: 50, min: 1, max: 1000, unit: 'coins' },
    windowDays: { ...WINDOW, default: 90, unit: 'days' },
    toleranceDays: { ...TOLERANCE, default: 3 },
    /** Below this share of the universe aimed at actually counted, the ASI is unknown (SIGNALS.md §3). */
    minCoveragePct: { kind: 'num', default: 80, min: 0, max: 100, unit: 'pct', step: 1 },
    /** Symbols never counted (stablecoins, wrapped, liquid staking, tokenized gold…). Upper case. */
    excludeSymbols: { kind: 'list', item: 'ticker', default: BUILTIN_EXCLUSIONS, help: 'options_h_exclude_symbols' },
    /** Provider category tags that exclude a coin. */
    excludeCategories: {
      kind: 'list',
      item: 'category',
      default: BUILTIN_EXCLUDED_CATEGORIES,
      help: 'options_h_exclude_categories',
    },
  },
  dominance: {
    /** Zone boundaries, ascending: below [0] strongest alt rallies … [2]..[3] pivotal … above [3]. */
    zones: { kind: 'bounds', default: [50, 55, 59, 63], min: 0, max: 100, unit: 'pct', step: 0.1 },
    trendPoints: { kind: 'num', default: 1, min: 0, max: 50, unit: 'points', step: 0.1 },
    changeDays: { ...WINDOW, default: 30, unit: 'days' },
    changeLongDays: { ...WINDOW, default: 90, unit: 'days' },
    toleranceDays: { ...TOLERANCE, default: 3 },
    macdFast: { kind: 'int', default: 12, min: 2, max: 60, unit: 'months' },
    macdSlow: { kind: 'int', default: 26, min: 3, max: 120, unit: 'months' },
    macdSignal: { kind: 'int', default: 9, min: 2, max: 60, unit: 'months' },
    /** A bearish monthly cross within this many months supports the setup. */
    bearishCrossMonths: { kind: 'int', default: 6, min: 1, max: 60, unit: 'months' },
    wedgeWeeks: { kind: 'int', default: 26, min: 4, max: 260, unit: 'weeks' },
  },
  ethbtc: {
    changeDays: { ...WINDOW, default: 30, unit: 'days' },
    smaShort: { ...WINDOW, default: 50, unit: 'days' },
    smaLong: { ...WINDOW, default: 200, unit: 'days' },
    toleranceDays: { ...TOLERANCE, default: 3 },
  },
  total3: {
    changeDays: { ...WINDOW, default: 30, unit: 'days', section: 'ethbtc' },
    toleranceDays: { ...TOLERANCE, default: 3, section: 'ethbtc' },
  },
  fearGreed: {
    extremeFear: { ...PCT, default: 25, unit: 'index' },
    fear: { ...PCT, default: 45, unit: 'index' },
    neutral: { ...PCT, default: 55, unit: 'index' },
    greed: { ...PCT, default: 75, unit: 'index' },
  },
  etfFlows: {
    /** The short and long windows of the flow sums, in US sessions (SIGNALS.md §3: 5 and 20). */
    shortSessions: { kind: 'int', default: 5, min: 1, max: 60, unit: 'trading_days' },
    longSessions: { kind: 'int', default: 20, min: 2, max: 250, unit: 'trading_days' },
    /** Off: flows are a confirmation beside the setup. On: the setup also needs the flows rotation. */
    inSetup: { kind: 'bool', default: false, label: 'options_f_etfFlows_inSetup' },
  },
  stage: {
    btcSeasonMax: { ...PCT, default: 25, unit: 'index' },
    altRotationMin: { ...PCT, default: 50, unit: 'index' },
    altseasonMin: { ...PCT, default: 75, unit: 'index' },
    /** ETH/BTC 30-day change (%) at or above which majors are leading. */
    ethRotationEthBtcPct: { ...PCT, default: 5, unit: 'pct', step: 0.1 },
    /** Dominance 30-day change (points) at or below which majors are leading (negative). */
    ethRotationDominancePts: { kind: 'num', default: -1, min: -100, max: 0, unit: 'points', step: 0.1 },
    lateCycleGreed: { ...PCT, default: 80, unit: 'index' },
    lateCycleDominance: { ...PCT, default: 50, unit: 'pct', step: 0.1 },
    fearWashout: { ...PCT, default: 25, unit: 'index' },
  },
  hysteresis: {
    // 3 days absorb the one- and two-day ASI jumps of a shock day entering or leaving the 90-day window.
    confirmDays: { kind: 'int', default: 3, min: 1, max: 30, unit: 'count', section: 'stage' },
    marginPoints: { kind: 'num', default: 3, min: 0, max: 25, unit: 'index', step: 0.5, section: 'stage' },
    /** A stage goes back to the one it just left only after this many days (stability, docs/ENGINE.md). */
    holdDays: { kind: 'int', default: 7, min: 0, max: 60, unit: 'days', section: 'stage' },
  },
  staleness: {
    cryptoMaxAgeDays: { kind: 'int', default: 2, min: 1, max: 30, unit: 'days' },
    russellMaxAgeDays: { kind: 'int', default: 4, min: 1, max: 30, unit: 'days' },
    /** ETF flows are published per US session, after it: a long weekend is not staleness. */
    etfFlowsMaxAgeDays: { kind: 'int', default: 4, min: 1, max: 30, unit: 'days' },
  },
  refresh: { intervalMinutes: { kind: 'int', default: 60, min: 15, max: 1440, unit: 'minutes' } },
  sites: eachSite({ kind: 'bool', default: true } as const),
  badge: {
    /** How opaque the on-page badge is. */
    opacity: { kind: 'num', default: 0.95, min: 0.3, max: 1, step: 0.05, control: 'slider' },
  },
  alerts: {
    stageChange: { kind: 'bool', default: true, label: 'options_alert_stageChange' },
    russellBreakout: { kind: 'bool', default: false, label: 'options_alert_russellBreakout' },
    weeklyConfirmation: { kind: 'bool', default: false, label: 'options_alert_weeklyConfirmation' },
    /** Notify when the ASI crosses any of these levels, either way. */
    asiLevels: {
      kind: 'list',
      item: 'level',
      default: [],
      min: 1,
      max: 99,
      maxItems: 10,
      help: 'options_h_asi_levels',
      rows: 1,
    },
    dominanceZone: { kind: 'bool', default: false, label: 'options_alert_dominanceZone' },
    setupOn: { kind: 'bool', default: false, label: 'options_alert_setupOn' },
    fearWashout: { kind: 'bool', default: false, label: 'options_alert_fearWashout' },
    windowOpens: { kind: 'bool', default: false, label: 'options_alert_windowOpens' },
    /** The verdict when a breakout's spill-over window closes: what the thesis is about, so on by default. */
    windowCloses: { kind: 'bool', default: true, label: 'options_alert_windowCloses' },
    /** ETF flows rotation (BTC's long sum out, ETH's in) starting or ending. */
    etfRotation: { kind: 'bool', default: false, label: 'options_alert_etfRotation' },
    /** Quiet hours on the browser's clock: notifications wait until they end (from > to wraps past midnight). */
    quietHours: { kind: 'bool', default: false, label: 'options_alert_quietHours' },
    quietFrom: { kind: 'int', default: 22, min: 0, max: 23, unit: 'hour' },
    quietTo: { kind: 'int', default: 7, min: 0, max: 23, unit: 'hour' },
    /** Epoch ms until which no notification is shown; 0 = not snoozed. Set by the snooze buttons. */
    snoozeUntil: { kind: 'num', default: 0, min: 0, max: 8.64e15, control: 'none' },
  },
} as const satisfies SchemaGroup;

export type Settings = ValueOf<typeof SETTINGS_SCHEMA>;

export const isSpec = (n: Spec | SchemaGroup): n is Spec => typeof n.kind === 'string';

/** Every setting of a schema with its dotted path, in table order. */
export function specsOf(group: SchemaGroup, prefix = ''): { path: string; spec: Spec }[] {
  return Object.entries(group).flatMap(([key, node]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return isSpec(node) ? [{ path, spec: node }] : specsOf(node, path);
  });
}

/** The value at a dotted path (`dominance.zones.2`), or undefined where the path leaves the objects. */
export function valueAt(obj: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
      obj,
    );
}

// ---------- rules that tie settings together ----------

/** Dotted paths of a settings type's numbers, boundaries included (`dominance.zones.1`). */
export type NumberPath<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends number
    ? `${P}${K}`
    : T[K] extends readonly [number, ...number[]]
      ? `${P}${K}.${number}`
      : T[K] extends readonly unknown[]
        ? never
        : T[K] extends object
          ? NumberPath<T[K], `${P}${K}.`>
          : never;
}[keyof T & string];

/** A rule over several settings, checked once every field is valid on its own. */
export interface CrossRule<S> {
  /** The field the error is reported on. */
  at: string;
  /** The other fields it reads: the options page shows the message beside them too. */
  with: readonly string[];
  ok: (s: S) => boolean;
  message: string | ((s: S) => string);
  /** i18n key of the message (validation speaks English; the options page translates by this). */
  key: string;
}

/** `lo` < `hi`, reported on `at` (by default the higher one). */
export function below<S>(lo: NumberPath<S>, hi: NumberPath<S>, message: string, key: string, at = hi): CrossRule<S> {
  return {
    at,
    with: [at === lo ? hi : lo],
    ok: (s) => (valueAt(s, lo) as number) < (valueAt(s, hi) as number),
    message,
    key,
  };
}

/** SIGNALS.md §5's ordered thresholds and the rules between settings, in the order they are reported. */
export const CROSS_RULES: readonly CrossRule<Settings>[] = [
  below(
    'stage.btcSeasonMax',
    'stage.altRotationMin',
    'Bitcoin season max must be below the alt-rotation min',
    'options_err_btc_below_altrot',
    'stage.btcSeasonMax',
  ),
  below(
    'stage.altRotationMin',
    'stage.altseasonMin',
    'alt-rotation min must be below the altseason min',
    'options_err_altrot_below_altseason',
    'stage.altRotationMin',
  ),
  below('fearGreed.extremeFear', 'fearGreed.fear', 'fear must be above extreme fear', 'options_err_fear_order'),
  below('fearGreed.fear', 'fearGreed.neutral', 'neutral must be above fear', 'options_err_neutral_order'),
  below('fearGreed.neutral', 'fearGreed.greed', 'greed must be above neutral', 'options_err_greed_order'),
  ...[1, 2, 3].map((i) =>
    below<Settings>(
      `dominance.zones.${i - 1}`,
      `dominance.zones.${i}`,
      'zones must be strictly ascending',
      'options_err_zones_order',
    ),
  ),
  below(
    'russell.spilloverFromDays',
    'russell.spilloverToDays',
    'window end must be after its start',
    'options_err_window_order',
  ),
  below(
    'dominance.macdFast',
    'dominance.macdSlow',
    'slow period must be longer than the fast one',
    'options_err_macd_order',
  ),
  below(
    'dominance.changeDays',
    'dominance.changeLongDays',
    'long change window must be longer than the short one',
    'options_err_change_order',
  ),
  below(
    'etfFlows.shortSessions',
    'etfFlows.longSessions',
    'long flow window must be longer than the short one',
    'options_err_etf_windows',
  ),
  below('ethbtc.smaShort', 'ethbtc.smaLong', 'long SMA must be longer than the short one', 'options_err_sma_order'),
  {
    at: 'hysteresis.marginPoints',
    with: ['stage.altseasonMin', 'stage.btcSeasonMax'],
    ok: (s) => s.hysteresis.marginPoints < (s.stage.altseasonMin - s.stage.btcSeasonMax) / 2,
    message: 'margin must be smaller than half the distance between Bitcoin season and altseason',
    key: 'options_err_margin',
  },
  {
    at: 'asi.preset',
    with: ['asi.topN', 'asi.windowDays'],
    ok: (s) =>
      s.asi.preset === 'custom' ||
      (s.asi.topN === ASI_PRESETS[s.asi.preset].topN && s.asi.windowDays === ASI_PRESETS[s.asi.preset].windowDays),
    message: (s) => {
      const p = ASI_PRESETS[s.asi.preset as Exclude<AsiPresetId, 'custom'>];
      return `preset ${p.label} needs top ${p.topN} and ${p.windowDays} days; choose custom to change them`;
    },
    key: 'options_err_preset',
  },
];
