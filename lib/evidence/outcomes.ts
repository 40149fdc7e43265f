import { derivationText, derivationWithin, ethBtcSeries } from '../series/ethbtc';
import type { CoinSeries, Day, Series, SeriesSet } from '../series/types';
import type { Settings } from '../settings/defaults';
import { selectUniverse } from '../signals/asi';
import { asiDaily, asiOutcome, type AsiDaily } from './asi-path';
import { basketOutcome } from './basket';
import { firstKnown, forwardChange, toleranceOf, vsBtc } from './forward';
import type { MetricId, Outcome } from './types';

/** Everything the outcome of one day needs, prepared once for all days. */
export interface OutcomeInputs {
  set: SeriesSet;
  settings: Settings;
  tol: number;
  /** BTC dominance's tolerance: 7 days where its points are a week apart (CMC's weekly history). */
  domTol: number;
  /** ETH/BTC sources in order of preference: one, the pair completed by ETH ÷ BTC closes (SIGNALS.md §2). */
  ethbtc: Series[];
  asi: AsiDaily;
  /** The ASI universe of a day, memoized: every horizon and weighting of a day shares it. */
  universe: (day: Day) => CoinSeries[];
}

export function outcomeInputs(set: SeriesSet, settings: Settings, tol: number): OutcomeInputs {
  // SIGNALS.md §2's one rule: the pair's close, else ETH ÷ BTC of that day (as the engine and the CLI read it).
  const ethbtc = ethBtcSeries(set.ethbtc, set.coins?.ETH?.closes, set.coins?.BTC?.closes);
  const universes = new Map<Day, CoinSeries[]>();
  const universe = (day: Day) => {
    let u = universes.get(day);
    if (!u)
      universes.set(
        day,
        (u = set.coins ? selectUniverse(set.coins, day, settings.asi).universe.map((c) => c.coin) : []),
      );
    return u;
  };
  return {
    universe,
    set,
    settings,
    tol,
    domTol: set.btcDominance ? Math.max(tol, toleranceOf(set.btcDominance.points)) : tol,
    ethbtc: ethbtc ? [ethbtc] : [],
    asi: asiDaily(set.coins, settings),
  };
}

const absent = (what: string): Outcome => ({ status: 'unknown', why: `no ${what} series` });

/** A known outcome of a partly derived series names only what its two ends read (the pair, ETH ÷ BTC, or both). */
function namedByDaysUsed(s: Series, o: Outcome): Outcome {
  if (o.status !== 'known' || !s.derived) return o;
  const { runs, observed } = derivationWithin(s, o.from, o.to);
  return { ...o, source: derivationText(s.derived, runs, observed) };
}

/** The forward outcome of one metric from `day` over `horizon` calendar days. */
export function outcome(x: OutcomeInputs, metric: MetricId, day: Day, horizon: number): Outcome {
  const { set, tol } = x;
  const btc = set.coins?.BTC?.closes;
  const btcOut = () => (btc ? forwardChange(btc.points, btc.source, day, horizon, tol, 'ratio') : absent('BTC'));
  switch (metric) {
    case 'ethbtc':
      return x.ethbtc.length
        ? firstKnown(
            x.ethbtc.map((s) => namedByDaysUsed(s, forwardChange(s.points, s.source, day, horizon, tol, 'ratio'))),
          )
        : absent('ETH/BTC');
    case 'basketEqual':
    case 'basketCap':
      return set.coins
        ? basketOutcome(set.coins, x.universe, day, horizon, tol, metric === 'basketEqual' ? 'equal' : 'cap')
        : absent('coin');
    case 'dominance':
      return set.btcDominance
        ? forwardChange(set.btcDominance.points, set.btcDominance.source, day, horizon, x.domTol, 'diff')
        : absent('BTC dominance');
    case 'total3':
      return set.total3
        ? vsBtc(forwardChange(set.total3.points, set.total3.source, day, horizon, tol, 'ratio'), btcOut())
        : absent('TOTAL3');
    case 'asi':
      return asiOutcome(x.asi, day, horizon, tol);
  }
}
