/** CoinLore `/api/global/` (SIGNALS.md §6, BTC dominance fallback): `[{btc_d: "58.12", …}]`, no timestamp. */
import * as v from 'valibot';
import type { FetchFn } from '../net/http';
import { fetchParsed, type SourceFetchOptions } from './fetch';
import { sharePercent, snapshot, validate, type Snapshot } from './parse';
import { ok, type Result } from '../core/result';

export const COINLORE_GLOBAL_URL = 'https://api.coinlore.net/api/global/';
export const COINLORE_DOMINANCE_SOURCE = 'CoinLore BTC dominance';

const Global = v.pipe(
  v.array(v.looseObject({ btc_d: sharePercent }), 'must be an array'),
  v.minLength(1, 'must not be empty'),
);

/** CoinLore gives no time, so the value is dated at `now` (the fetch time). */
export function parseCoinloreGlobal(json: unknown, o: { now: number }): Result<Snapshot> {
  const g = validate(Global, json, 'CoinLore');
  if (!g.ok) return g;
  return ok(snapshot(g.value[0]!.btc_d, o.now, COINLORE_DOMINANCE_SOURCE));
}

export function fetchCoinloreDominance(fetchFn: FetchFn, o: SourceFetchOptions): Promise<Result<Snapshot>> {
  return fetchParsed(fetchFn, [COINLORE_GLOBAL_URL], o, 'CoinLore', (json) => parseCoinloreGlobal(json, o));
}
