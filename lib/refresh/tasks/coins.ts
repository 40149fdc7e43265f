import { lastDay, mergePoints } from '../../cache/series-cache';
import { binancePair, fetchBinanceCloses, isBinanceSymbol } from '../../sources/binance';
import { COINGECKO_MAX_DAYS, fetchCoingeckoMarketChart } from '../../sources/coingecko';
import { addDays, dayMs, daysBetween, toDay } from '../../series/dates';
import type { Series } from '../../series/types';
import { KEEP_DAYS, passes, type TaskContext } from '../context';
import type { ProviderId } from '../../sources/providers';
import { CHAINS } from '../../cache/chains';
import { expectedDay, isDue } from '../../cache/freshness';
import { backoffAgain, onEmptyAnswer, restoreEmptyAnswers, waitingForCandle } from '../empty-backoff';
import { wantedSymbols } from './universe';
import { CATCH_UP_DAYS } from '../../phase/hysteresis';
import { STAGE_HISTORY_DAYS } from '../../snapshot/stage-history';

/** Binance is asked again about a symbol it did not list after this many days. */
const NOT_LISTED_RETRY_DAYS = 30;

/**
 * Daily closes for BTC and the ASI universe, incrementally: a cold coin gets the window plus a year and the
 * hysteresis warm-up (so the stored stage history and the ASI chart have a year of known days from the first
 * refresh: one Binance request either way, up to 1000 candles), a warm one only the candles after its last
 * cached day. Coins Binance does not list come from CoinGecko (capped at 365 days there).
 */
export async function refreshCoinCloses(ctx: TaskContext): Promise<void> {
  const expected = expectedDay(CHAINS.coins, ctx.now);
  const coldDays = ctx.settings.asi.windowDays + STAGE_HISTORY_DAYS + CATCH_UP_DAYS;
  const wanted = wantedSymbols(ctx);
  ctx.meta.emptyAnswers = restoreEmptyAnswers(ctx.meta.emptyAnswers, ctx.now);
  const refused = (ctx.meta.coingeckoRefused = restoreEmptyAnswers(ctx.meta.coingeckoRefused, ctx.now));
  await Promise.all(
    wanted.map(async (symbol) => {
      const cached = ctx.cache.coins[symbol];
      if (!isDue(cached, expected, ctx.now)) return;
      const last = lastDay(cached);
      if (last && waitingForCandle(ctx.meta.emptyAnswers[symbol], ctx.now)) return;
      // A ticker that cannot be a Binance symbol (CoinGecko lists bridged USDT as BSC-USD) is not listed
      // there: it goes to CoinGecko at once, without a request and without counting against Binance.
      if (!isBinanceSymbol(binancePair(symbol))) ctx.meta.notOnBinance[symbol] = toDay(ctx.now);
      const notListed = ctx.meta.notOnBinance[symbol];
      let series: Series | null = null;
      let provider = 'binance';
      /** The failure that left this coin without data, when it passes (asked again at the next refresh). */
      let waitsFor: ProviderId | null = null;
      if (
        isBinanceSymbol(binancePair(symbol)) &&
        (!notListed || daysBetween(notListed, toDay(ctx.now)) >= NOT_LISTED_RETRY_DAYS)
      ) {
        const r = await ctx.gate.call('binance', (o) =>
          fetchBinanceCloses(o.fetch, {
            ...o,
            symbol: binancePair(symbol),
            ...(last ? { startTime: dayMs(addDays(last, 1)), limit: 1000 } : { limit: coldDays + 1 }),
          }),
        );
        if (r.ok) {
          series = r.value;
          delete ctx.meta.notOnBinance[symbol];
        } else if (r.error.kind === 'http' && r.error.status === 400) {
          ctx.meta.notOnBinance[symbol] = toDay(ctx.now);
        } else if (passes(r.error)) waitsFor = 'binance';
      }
      if (
        !series &&
        ctx.meta.notOnBinance[symbol] &&
        ctx.meta.coingeckoIds[symbol] &&
        !waitingForCandle(refused[symbol], ctx.now)
      ) {
        const days = Math.min(COINGECKO_MAX_DAYS, last ? daysBetween(last, toDay(ctx.now)) + 2 : coldDays);
        const r = await ctx.gate.call('coingecko', (o) =>
          fetchCoingeckoMarketChart(o.fetch, { ...o, id: ctx.meta.coingeckoIds[symbol]!, days }),
        );
        if (r.ok) {
          series = r.value.closes;
          provider = 'coingecko';
          delete refused[symbol];
        } else if (passes(r.error)) waitsFor = 'coingecko';
        // This coin refused by itself: it waits, the provider does not (item errors are not provider errors).
        else if (r.error.kind === 'http') refused[symbol] = backoffAgain(refused[symbol], ctx.now);
      }
      if (!series) {
        if (waitsFor) ctx.pending.push({ item: `coin ${symbol}`, provider: waitsFor });
        return;
      }
      if (last) {
        // Answered, but nothing after the last cached day: back off this coin; a new candle resets it.
        const empty = series.points.every((p) => p.date <= last)
          ? onEmptyAnswer(ctx.meta.emptyAnswers[symbol], expected, ctx.now)
          : undefined;
        if (empty) ctx.meta.emptyAnswers[symbol] = empty;
        else delete ctx.meta.emptyAnswers[symbol];
      }
      // A coin that moved between providers starts a fresh history: closes of two venues never mix.
      const base = cached && cached.source === series.source ? cached.points : [];
      ctx.cache.coins[symbol] = {
        provider,
        source: series.source,
        points: mergePoints(base, series.points, KEEP_DAYS.coins),
        fetchedAt: ctx.now,
      };
    }),
  );
  // Coins that left the universe more than 30 days ago are dropped to bound storage; a wanted coin's
  // history is never dropped, however old (an outage must not erase it).
  for (const [symbol, c] of Object.entries(ctx.cache.coins)) {
    const l = lastDay(c);
    if (!wanted.includes(symbol) && l !== null && daysBetween(l, expected) > 30) delete ctx.cache.coins[symbol];
  }
  for (const symbol of Object.keys(ctx.meta.emptyAnswers))
    if (!ctx.cache.coins[symbol]) delete ctx.meta.emptyAnswers[symbol];
  for (const symbol of Object.keys(refused)) if (!wanted.includes(symbol)) delete refused[symbol];
}
