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
}
