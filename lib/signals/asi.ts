import { addDays } from '../series/dates';
import { pointOnOrBefore, pointWithin } from '../series/lookup';
import type { CoinSeries, Day } from '../series/types';
import type { Settings } from '../settings/defaults';
import { clean, freshness, type SignalBase } from './signal';

export interface AsiCoin {
  symbol: string;
  /** Return over the window as a fraction (0.12 = +12%). */
  return: number;
  beatBtc: boolean;
  marketCap: number | null;
}

export type ExclusionReason =
  | 'exclusion-list'
  | 'category'
  | 'outside-top-n'
  | 'no-market-cap'
  | 'no-close'
  | 'too-young'
  | 'gap-at-start'
  | 'not-listed-yet';

export interface AsiExcluded {
  symbol: string;
  reason: ExclusionReason;
  /** Plain-words reason for the UI and the CLI (English). */
  why: string;
  /**
   * `why`'s parameters, for views to say it in their language: too-young `[firstClose, from]`,
   * gap-at-start `[toleranceDays, from]`, no-close `[day]`, category `[category]`, outside-top-n
   * `[topN]`, else `[]`. Absent from snapshots stored by older versions.
   */
  args?: (number | string | null)[];
}

/**
 * How the universe was chosen: by market caps of that very day (survivorship-free), by the newest
 * market caps known (today's universe applied to a past day: survivorship bias), or every given coin.
 */
export type UniverseBasis = 'that-day' | 'latest' | 'all-given';

/**
 * How much of the universe aimed at was counted (SIGNALS.md §3, "counted 47 of 50"). `aimed` is the
 * universe's size: the top N by market cap (fewer when fewer coins are ranked), or every given coin
 * without market caps. A universe member without a close on the day, too young or with a gap at the
 * start is not replaced by the next coin: the shortfall is shown here.
 */
export interface AsiCoverage {
  counted: number;
  aimed: number;
  /** 100 × counted / aimed. */
  pct: number;
  /** The setting below which the ASI is unknown. */
  minPct: number;
}

export interface AsiSignal extends SignalBase {
  /** 0..100; absent from a result whose value is unknown (see `AsiUnknown`). */
  value: number;
  counted: number;
  beat: number;
  btcReturn: number;
  windowDays: number;
  topN: number;
  /** D − W: the day the returns start from. */
  from: Day;
  universe: UniverseBasis;
  coins: AsiCoin[];
  excluded: AsiExcluded[];
  /** Absent from snapshots stored by older versions. */
  coverage?: AsiCoverage;
}

/** Why the ASI is unknown, for views to say in their language (`why` says it in English). */
export type AsiUnknownCode = 'no-btc' | 'no-btc-close' | 'no-btc-start' | 'no-coins' | 'low-coverage';

export interface AsiUnknown {
  value: null;
  why: string;
  /**
   * `why` as a code and its parameters: no-btc-close `[day]`, no-btc-start `[toleranceDays, from]`,
   * low-coverage `[counted, aimed, minPct]`. Absent from snapshots stored by older versions.
   */
  code?: AsiUnknownCode;
  args?: (number | string)[];
  asOf: Day | null;
  excluded: AsiExcluded[];
  /** Once the universe was chosen (no-coins, low-coverage): how much of it was counted. */
  coverage?: AsiCoverage;
  /** The coins that were counted, when too few of them were (low-coverage). */
  coins?: AsiCoin[];
}

export type AsiResult = AsiSignal | AsiUnknown;

type AsiSettings = Settings['asi'];

/**
 * Altcoin Season Index as of `day` (SIGNALS.md §3): the share of the universe whose return over the
 * window is strictly greater than BTC's. The evaluation date is BTC's last close on or before `day`;
 * every counted coin needs a close on that same date.
 */
export function asiSignal(
  coins: Record<string, CoinSeries> | undefined,
  day: Day,
  today: Day,
  s: AsiSettings,
  maxAgeDays: number,
): AsiResult {
  const btc = coins?.BTC;
  if (!coins || !btc) return { value: null, why: 'no BTC closes', code: 'no-btc', args: [], asOf: null, excluded: [] };
  const d = pointOnOrBefore(btc.closes.points, day);
  if (!d)
    return {
      value: null,
      why: `no BTC close on or before ${day}`,
      code: 'no-btc-close',
      args: [day],
      asOf: null,
      excluded: [],
    };
  const at = d.date;
  const from = addDays(at, -s.windowDays);
  const btcStart = pointWithin(btc.closes.points, from, s.toleranceDays);
  if (!btcStart) {
    return {
      value: null,
      why: `no BTC close within ${s.toleranceDays} days before ${from}`,
      code: 'no-btc-start',
      args: [s.toleranceDays, from],
      asOf: at,
      excluded: [],
    };
  }
  const btcReturn = d.value / btcStart.value - 1;

  const { universe, excluded, basis } = selectUniverse(coins, at, s);
  const counted: AsiCoin[] = [];
  let notListed = 0;
  for (const { coin, marketCap } of universe) {
    const pts = coin.closes.points;
    // A coin whose first close comes after the day did not trade yet: not part of that day's universe, so
    // not a gap in its coverage (one without any close at all is: its history is missing).
    if (pts.length > 0 && pts[0]!.date > at) {
      notListed++;
      excluded.push({
        symbol: coin.symbol,
        reason: 'not-listed-yet',
        why: `not listed yet: first close ${pts[0]!.date}`,
        args: [pts[0]!.date],
      });
      continue;
    }
    const end = pointWithin(pts, at, 0);
    if (!end) {
      excluded.push({ symbol: coin.symbol, reason: 'no-close', why: `no close on ${at}`, args: [at] });
      continue;
    }
    const start = pointWithin(pts, from, s.toleranceDays);
    if (!start) {
      const young = pts.length === 0 || pts[0]!.date > from;
      excluded.push(
        young
          ? {
              symbol: coin.symbol,
              reason: 'too-young',
              why: `too young: first close ${pts[0]?.date ?? 'none'}, needs one by ${from}`,
              args: [pts[0]?.date ?? null, from],
            }
          : {
              symbol: coin.symbol,
              reason: 'gap-at-start',
              why: `no close within ${s.toleranceDays} days before ${from}`,
              args: [s.toleranceDays, from],
            },
      );
      continue;
    }
    const ret = end.value / start.value - 1;
    counted.push({ symbol: coin.symbol, return: ret, beatBtc: ret > btcReturn, marketCap });
  }
  const aimed = universe.length - notListed;
  const coverage: AsiCoverage = {
    counted: counted.length,
    aimed,
    pct: aimed ? clean((100 * counted.length) / aimed) : 0,
    minPct: s.minCoveragePct,
  };
  if (counted.length === 0)
    return {
      value: null,
      why: 'no altcoin could be counted',
      code: 'no-coins',
      args: [],
      asOf: at,
      excluded,
      coverage,
    };
  counted.sort((a, b) => b.return - a.return);
  if (coverage.pct < s.minCoveragePct)
    return {
      value: null,
      why: `counted ${counted.length} of ${aimed} coins, below the ${s.minCoveragePct}% coverage needed`,
      code: 'low-coverage',
      args: [counted.length, aimed, s.minCoveragePct],
      asOf: at,
      excluded,
      coverage,
      coins: counted,
    };
  const beat = counted.filter((c) => c.beatBtc).length;
  return {
    value: Math.round((100 * beat) / counted.length),
    asOf: at,
    source: coinSource(
      counted.map((c) => coins[c.symbol]?.closes.source ?? ''),
      counted.length,
    ),
    ...freshness(at, today, maxAgeDays),
    counted: counted.length,
    beat,
    btcReturn,
    windowDays: s.windowDays,
    topN: s.topN,
    from,
    universe: basis,
    coins: counted,
    excluded,
    coverage,
  };
}

interface Candidate {
  coin: CoinSeries;
  marketCap: number | null;
}

/** Applies the exclusion list and categories, then keeps the top N by market cap where caps exist. */
export function selectUniverse(coins: Record<string, CoinSeries>, at: Day, s: AsiSettings) {
  const excluded: AsiExcluded[] = [];
  const listed = new Set(s.excludeSymbols.map((x) => x.toUpperCase()));
  const cats = new Set(s.excludeCategories);
  const candidates: CoinSeries[] = [];
  for (const coin of Object.values(coins)) {
    const sym = coin.symbol.toUpperCase();
    if (sym === 'BTC') continue;
    if (listed.has(sym)) {
      excluded.push({
        symbol: coin.symbol,
        reason: 'exclusion-list',
        why: 'on the exclusion list (stablecoin, wrapped, staked or asset-backed)',
        args: [],
      });
      continue;
    }
    const cat = coin.categories?.find((c) => cats.has(c));
    if (cat) {
      excluded.push({ symbol: coin.symbol, reason: 'category', why: `in excluded category "${cat}"`, args: [cat] });
      continue;
    }
    candidates.push(coin);
  }

  const capThatDay = (c: CoinSeries) =>
    c.marketCaps ? pointWithin(c.marketCaps.points, at, s.toleranceDays)?.value : undefined;
  const capLatest = (c: CoinSeries) => c.marketCaps?.points[c.marketCaps.points.length - 1]?.value;
  let basis: UniverseBasis = 'all-given';
  let capOf: (c: CoinSeries) => number | undefined = () => undefined;
  if (candidates.some((c) => capThatDay(c) !== undefined)) {
    basis = 'that-day';
    capOf = capThatDay;
  } else if (candidates.some((c) => capLatest(c) !== undefined)) {
    basis = 'latest';
    capOf = capLatest;
  }

  if (basis === 'all-given') {
    const universe: Candidate[] = candidates.map((coin) => ({ coin, marketCap: null }));
    return { universe, excluded, basis };
  }
  const ranked: Candidate[] = [];
  for (const coin of candidates) {
    const cap = capOf(coin);
    if (cap === undefined)
      excluded.push({ symbol: coin.symbol, reason: 'no-market-cap', why: 'no market cap to rank it', args: [] });
    else ranked.push({ coin, marketCap: cap });
  }
  ranked.sort((a, b) => b.marketCap! - a.marketCap! || a.coin.symbol.localeCompare(b.coin.symbol));
  for (const c of ranked.slice(s.topN)) {
    excluded.push({
      symbol: c.coin.symbol,
      reason: 'outside-top-n',
      why: `outside the top ${s.topN} by market cap`,
      args: [s.topN],
    });
  }
  return { universe: ranked.slice(0, s.topN), excluded, basis };
}

/** "Binance closes, 48 coins": the providers of the coins actually counted. */
function coinSource(sourcesOfCounted: string[], counted: number): string {
  const sources = new Set(sourcesOfCounted);
  const name = sources.size === 1 ? [...sources][0]! : [...sources].join(' + ');
  return `${name}, ${counted} coins`;
}
