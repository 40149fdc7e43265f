import { MACRO_CHAINS } from '../../cache/chains';
import { addDays, dayMs } from '../../series/dates';
import { mapResult } from '../../core/result';
import { fetchYahooDaily } from '../../sources/yahoo';
import { answerWithPoints, type Asks } from '../chain';

/** Bars asked for before the last cached close, so a revised or late final bar is picked up too. */
const OVERLAP_DAYS = 5;

/**
 * Russell 2000 closes from Yahoo (query1, then query2): ten years when cold; after that, from a few
 * days before the last cached close up to now, so a long time offline leaves no gap.
 */
export const russellAsks = (): Asks => ({
  [MACRO_CHAINS.rut.links[0].source]: async ({ call, last }) => {
    const mode = last
      ? { mode: 'since' as const, sinceMs: dayMs(addDays(last, -OVERLAP_DAYS)) }
      : { mode: 'cold' as const };
    const r = await call((o) => fetchYahooDaily(o.fetch, { ...o, ...mode }));
    return answerWithPoints(mapResult(r, (v) => v.series));
  },
});
