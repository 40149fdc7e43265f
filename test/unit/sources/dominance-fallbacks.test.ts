/** CoinPaprika and CoinLore: hand-made payloads in their documented shapes (no raw recordings exist). */
import { describe, expect, it } from 'vitest';
import { COINLORE_GLOBAL_URL, fetchCoinloreDominance, parseCoinloreGlobal } from '../../../lib/sources/coinlore';
import {
  COINPAPRIKA_GLOBAL_URL,
  fetchCoinpaprikaDominance,
  parseCoinpaprikaGlobal,
} from '../../../lib/sources/coinpaprika';
import { fakeFetch, instant, json } from '../net/fake-fetch';

const NOW = Date.UTC(2026, 3, 24, 18);

describe('CoinPaprika /v1/global', () => {
  const body = (over: Record<string, unknown> = {}) => ({
    market_cap_usd: 2676041643809,
    volume_24h_usd: 92342379043,
    bitcoin_dominance_percentage: 58.11,
    cryptocurrencies_number: 9000,
    last_updated: Date.UTC(2026, 3, 24, 17, 55) / 1000,
    ...over,
  });

  it('reads bitcoin_dominance_percentage with its own time and name', () => {
    expect(parseCoinpaprikaGlobal(body(), { now: NOW })).toEqual({
      ok: true,
      value: {
        value: 58.11,
        at: Date.UTC(2026, 3, 24, 17, 55),
        date: '2026-04-24',
        source: 'CoinPaprika BTC dominance',
      },
    });
  });

  it.each([
    ['missing', { bitcoin_dominance_percentage: undefined }, 'bitcoin_dominance_percentage'],
    ['above 100', { bitcoin_dominance_percentage: 100.5 }, 'bitcoin_dominance_percentage'],
    ['of 0 (unknown, not a reading)', { bitcoin_dominance_percentage: 0 }, 'bitcoin_dominance_percentage'],
    ['a string', { bitcoin_dominance_percentage: 'n/a' }, 'bitcoin_dominance_percentage'],
    ['in the future', { last_updated: NOW / 1000 + 3600 }, 'last_updated'],
  ])('a dominance %s is a schema error', (_n, over, path) => {
    expect(parseCoinpaprikaGlobal(body(over), { now: NOW })).toMatchObject({
      ok: false,
      error: { kind: 'schema', path },
    });
  });

  it('fetches the documented URL', async () => {
    const f = fakeFetch(() => json(body()));
    expect((await fetchCoinpaprikaDominance(f, { now: NOW, http: instant })).ok).toBe(true);
    expect(f.calls).toEqual([COINPAPRIKA_GLOBAL_URL]);
  });
});

describe('CoinLore /api/global/', () => {
  const body = (btc_d: unknown) => [
    { coins_count: 14000, active_markets: 30000, total_mcap: 2.67e12, total_volume: 9.2e10, btc_d, eth_d: '10.44' },
  ];

  it('reads [0].btc_d (a string), dated at the fetch time', () => {
    expect(parseCoinloreGlobal(body('58.11'), { now: NOW })).toEqual({
      ok: true,
      value: { value: 58.11, at: NOW, date: '2026-04-24', source: 'CoinLore BTC dominance' },
    });
  });

  it('rejects non-numbers, out-of-range values and an empty array; never returns 0', () => {
    for (const v of ['', 'NaN', '-1', '101', null, '0', '0.00']) {
      expect(parseCoinloreGlobal(body(v), { now: NOW })).toMatchObject({
        ok: false,
        error: { kind: 'schema', path: '0.btc_d' },
      });
    }
    expect(parseCoinloreGlobal([], { now: NOW })).toMatchObject({ ok: false, error: { kind: 'schema', path: '' } });
  });

  it('fetches the documented URL', async () => {
    const f = fakeFetch(() => json(body('57.9')));
    const r = await fetchCoinloreDominance(f, { now: NOW, http: instant });
    expect(f.calls).toEqual([COINLORE_GLOBAL_URL]);
    expect(r.ok && r.value.value).toBe(57.9);
  });
});
