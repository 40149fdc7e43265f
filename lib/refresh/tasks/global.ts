import { fetchCoingeckoGlobal, type CoingeckoGlobal } from '../../sources/coingecko';
import type { Result } from '../../core/result';
import type { TaskContext } from '../context';

/** CoinGecko's /global serves two fallbacks (dominance and TOTAL3): asked at most once a refresh, only if needed. */
export interface GlobalCache {
  get(): Promise<Result<CoingeckoGlobal>>;
}

export function lazyGlobal(ctx: TaskContext): GlobalCache {
  let pending: Promise<Result<CoingeckoGlobal>> | null = null;
  return { get: () => (pending ??= ctx.gate.call('coingecko', (o) => fetchCoingeckoGlobal(o.fetch, o))) };
}
