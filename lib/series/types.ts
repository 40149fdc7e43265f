/*
 * Series: the daily points every layer speaks (SIGNALS.md §2), with dates, lookups and the CSV reader.
 * Flow: provider → cache → engine → snapshot → storage → views; the providers normalize into these types
 * and the engine reads nothing else.
 */
/** A UTC calendar day, `YYYY-MM-DD`. */
export type Day = string;

/** One daily observation. */
export interface Point {
  date: Day;
  value: number;
}

/**
 * A daily series: points ascending by date, one per day. `source` names where it came from
 * (a provider or a file) so every number the user sees can be traced.
 */
export interface Series {
  points: Point[];
  source: string;
  /**
   * Days whose value was computed from other series rather than observed (SIGNALS.md §2: ETH/BTC from
   * the ETH and BTC closes), so a signal can say which of the days it read were derived.
   */
  derived?: Derivation;
}

/** A run of adjacent points of a series, first and last day included. */
export interface DayRun {
  from: Day;
  to: Day;
}

export interface Derivation {
  /** How the derived days were computed, e.g. "derived from ETH and BTC closes (Binance closes)". */
  source: string;
  /** The observed series' own source, or null when no day was observed. */
  observed: string | null;
  /** The derived days, as runs of adjacent points, ascending. */
  runs: DayRun[];
}

/** Daily closes of one coin, with optional market caps and provider category tags (for exclusions). */
export interface CoinSeries {
  symbol: string;
  closes: Series;
  marketCaps?: Series;
  categories?: string[];
}

/** Everything the engine reads (SIGNALS.md section 2). A missing member means that signal is unknown. */
export interface SeriesSet {
  coins?: Record<string, CoinSeries>;
  rut?: Series;
  btcDominance?: Series;
  ethbtc?: Series;
  fearGreed?: Series;
  total3?: Series;
  /** US spot BTC / ETH ETFs' net flow per US session, US$ millions (SIGNALS.md §2). */
  etfFlowsBtc?: Series;
  etfFlowsEth?: Series;
}
