import { addDays } from '../series/dates';
import { pointOnOrBefore } from '../series/lookup';
import type { CoinSeries, Day } from '../series/types';
import { forwardChange, vsBtc } from './forward';
import type { Outcome } from './types';

export type Weighting = 'equal' | 'cap';

/**
 * A basket of `universe` (the ASI's universe on `day`: same exclusions and top N), bought at `day`'s
 * closes and held `horizon` days, priced in BTC. A coin counts when it has a close within `tol` days of both
 * ends. Market-cap weights use caps of that day only: today's caps on a past day would look ahead.
 */
export function basketOutcome(
  coins: Record<string, CoinSeries>,
  universe: (day: Day) => readonly CoinSeries[],
  day: Day,
  horizon: number,
  tol: number,
  weighting: Weighting,
): Outcome {
  const btc = coins.BTC;
  if (!btc) return { status: 'unknown', why: 'no BTC closes' };
  const btcOut = forwardChange(btc.closes.points, btc.closes.source, day, horizon, tol, 'ratio');
  if (btcOut.status !== 'known') return btcOut;
  const endDay = addDays(day, horizon);
  // pointWithin's arithmetic, hoisted out of the loop over coins (the base rate runs this for every day).
  const startFloor = addDays(day, -tol);
  const endFloor = addDays(endDay, -tol);
  const within = (pts: CoinSeries['closes']['points'], d: Day, floor: Day) => {
    const p = pointOnOrBefore(pts, d);
    return p && p.date >= floor ? p : undefined;
  };
  let sumW = 0;
  let sumWR = 0;
  let n = 0;
  const sources = new Set<string>();
  for (const coin of universe(day)) {
    const pts = coin.closes.points;
    const start = within(pts, day, startFloor);
    const end = start && within(pts, endDay, endFloor);
    if (!start || !end) continue;
    const w =
      weighting === 'equal' ? 1 : coin.marketCaps ? within(coin.marketCaps.points, day, startFloor)?.value : undefined;
    if (w === undefined || !(w > 0)) continue;
    sumW += w;
    sumWR += w * (end.value / start.value - 1);
    n++;
    sources.add(coin.closes.source);
  }
  if (n === 0) {
    return {
      status: 'unknown',
      why:
        weighting === 'cap'
          ? `no altcoin with a market cap and closes on ${day} and ${endDay}`
          : `no altcoin with closes on ${day} and ${endDay}`,
    };
  }
  const basket: Outcome = {
    status: 'known',
    value: sumWR / sumW,
    source: [...sources].join(' + '),
    from: btcOut.from,
    to: btcOut.to,
    coins: n,
  };
  return vsBtc(basket, btcOut);
}
