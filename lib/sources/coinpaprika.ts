/** CoinPaprika `/v1/global` (SIGNALS.md §6, BTC dominance fallback): current value only. */
import * as v from 'valibot';
import type { FetchFn } from '../net/http';
import { fetchParsed, type SourceFetchOptions } from './fetch';
import { futureError, sharePercent, snapshot, timestampMs, validate, type Snapshot } from './parse';
import { fail, ok, type Result } from '../core/result';

export const COINPAPRIKA_GLOBAL_URL = 'https://api.coinpaprika.com/v1/global';
/** CoinPaprika defines dominance over its own coin list: a series of its own, never mixed. */
export const COINPAPRIKA_DOMINANCE_SOURCE = 'CoinPaprika BTC dominance';

const Global = v.looseObject({
  bitcoin_dominance_percentage: sharePercent,
  last_updated: v.optional(timestampMs),
});

export function parseCoinpaprikaGlobal(json: unknown, o: { now: number }): Result<Snapshot> {
  const g = validate(Global, json, 'CoinPaprika');
  if (!g.ok) return g;
  const at = g.value.last_updated ?? o.now;
  const future = futureError(at, o.now, 'last_updated', 'CoinPaprika');
  if (future) return fail(future);
  return ok(snapshot(g.value.bitcoin_dominance_percentage, at, COINPAPRIKA_DOMINANCE_SOURCE));
}

export function fetchCoinpaprikaDominance(fetchFn: FetchFn, o: SourceFetchOptions): Promise<Result<Snapshot>> {
  return fetchParsed(fetchFn, [COINPAPRIKA_GLOBAL_URL], o, 'CoinPaprika', (json) => parseCoinpaprikaGlobal(json, o));
}
