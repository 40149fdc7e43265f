/**
 * The chain runner (lib/refresh/chain.ts) on its own: which links of a macro series' chain it asks, in what
 * order, and where it stores their answers, with the chains of lib/cache/chains.ts and stub asks.
 */
import { describe, expect, it } from 'vitest';
import { MACRO_CHAINS, PREFERENCE } from '../../../lib/cache/chains';
import { emptySeriesCache, storeMacro, type MacroKey } from '../../../lib/cache/series-cache';
import { runChain, type Answer, type Asking, type Asks } from '../../../lib/refresh/chain';
import { emptyMeta, type TaskContext } from '../../../lib/refresh/context';
import type { ProviderGate } from '../../../lib/refresh/gate';
import { dominanceAsks } from '../../../lib/refresh/tasks/dominance';
import { ethBtcAsks } from '../../../lib/refresh/tasks/ethbtc';
import { fearGreedAsks } from '../../../lib/refresh/tasks/fear-greed';
import { russellAsks } from '../../../lib/refresh/tasks/russell';
import { total3Asks } from '../../../lib/refresh/tasks/total3';
import { addDays } from '../../../lib/series/dates';
import type { Day } from '../../../lib/series/types';
import { defaultSettings } from '../../../lib/settings/defaults';

/** Thursday 2026-03-19, 12:00 UTC: yesterday's crypto close is expected, the US session of the 18th. */
const NOW = Date.parse('2026-03-19T12:00:00Z');
const TODAY = '2026-03-19';
const YESTERDAY = '2026-03-18';
const HOUR = 3_600_000;
const [CMC, COINGECKO, COINPAPRIKA, COINLORE] = PREFERENCE.btcDominance as [string, string, string, string];

interface Asked {
  source: string;
  last: Day | null;
  expected: Day;
  /** The providers its `call` went to. */
  called: string[];
}

/** A context whose gate only records the provider of each call, and asks that answer as `answers` says. */
function setup(answers: Record<string, Answer | 'call-fails'>) {
  const ctx: TaskContext = {
    gate: {
      call: (provider: string) => (
        calledNow.push(provider),
        Promise.resolve({ ok: false, error: { kind: 'schema', message: 'stub' } })
      ),
    } as never,
    now: NOW,
    settings: defaultSettings(), // staleness: crypto 2 days, Russell 4
    cache: emptySeriesCache(),
    universes: {},
    pending: [],
    meta: emptyMeta(),
  };
  let calledNow: string[] = [];
  const asked: Asked[] = [];
  const asks = (key: MacroKey): Asks =>
    Object.fromEntries(
      PREFERENCE[key].map((source) => [
        source,
        async (a: Asking) => {
          calledNow = [];
          const answer = answers[source] ?? null;
          if (answer === 'call-fails')
            await a.call(async () => ({ ok: false, error: { kind: 'timeout', message: '' } }));
          asked.push({ source, last: a.last, expected: a.expected, called: calledNow });
          return answer === 'call-fails' ? null : answer;
        },
      ]),
    );
  /** Caches a series ending `ageDays` before today, fetched `fetchedAgo` ms before NOW. */
  const cached = (key: MacroKey, source: string, ageDays: number, fetchedAgo = 20 * 60_000) =>
    storeMacro(
      ctx.cache,
      key,
      'cached',
      {
        source,
        points: [
          { date: addDays(TODAY, -ageDays - 1), value: 1 },
          { date: addDays(TODAY, -ageDays), value: 2 },
        ],
      },
      NOW - fetchedAgo,
      4000,
    );
  return { ctx, asked, asks, cached, run: (key: MacroKey) => runChain(ctx, key, asks(key)) };
}

const point = (source: string, date: Day = TODAY): Answer => ({ series: { source, points: [{ date, value: 3 }] } });
const sources = (asked: Asked[]) => asked.map((a) => a.source);

describe('the chain runner', () => {
  it('a primary that has the expected day is not asked, nor is any fallback', async () => {
    const s = setup({});
    s.cached('btcDominance', CMC, 1);
    await s.run('btcDominance');
    expect(s.asked).toEqual([]);
  });

  it('a primary fetched less than 15 minutes ago is not asked again, even without the expected day', async () => {
    const s = setup({});
    s.cached('btcDominance', CMC, 5, 10 * 60_000);
    await s.run('btcDominance');
    expect(s.asked).toEqual([]);
  });

  it('a due primary that answers is stored as its own series; no fallback is asked', async () => {
    const s = setup({ [CMC]: point(CMC, YESTERDAY) });
    s.cached('btcDominance', CMC, 3);
    await s.run('btcDominance');
    expect(s.asked).toEqual([{ source: CMC, last: addDays(TODAY, -3), expected: YESTERDAY, called: [] }]);
    const cmc = s.ctx.cache.macro.btcDominance![CMC]!;
    expect(cmc.points.map(([d]) => d)).toEqual([addDays(TODAY, -4), addDays(TODAY, -3), YESTERDAY]);
    expect([cmc.provider, cmc.fetchedAt]).toEqual(['cmc', NOW]);
  });

  it('primary failing and stale: the first fallback is asked through its own provider and stored apart', async () => {
    const s = setup({ [CMC]: 'call-fails', [COINGECKO]: point(COINGECKO), [COINPAPRIKA]: point(COINPAPRIKA) });
    s.cached('btcDominance', CMC, 3); // older than the 2 days crypto series may be
    await s.run('btcDominance');
    expect(s.asked.map((a) => [a.source, a.called])).toEqual([
      [CMC, ['cmc']],
      [COINGECKO, []],
    ]);
    const by = s.ctx.cache.macro.btcDominance!;
    expect(Object.keys(by)).toEqual([CMC, COINGECKO]);
    expect(by[COINGECKO]).toEqual({ provider: 'coingecko', source: COINGECKO, points: [[TODAY, 3]], fetchedAt: NOW });
    expect(by[CMC]!.points).toHaveLength(2); // the primary's history untouched
  });

  it('fallbacks are asked in the table’s order until one answers', async () => {
    const s = setup({
      [CMC]: 'call-fails',
      [COINGECKO]: null,
      [COINPAPRIKA]: 'call-fails',
      [COINLORE]: point(COINLORE),
    });
    await s.run('btcDominance'); // nothing cached: missing counts as stale
    expect(s.asked.map((a) => [a.source, a.called])).toEqual([
      [CMC, ['cmc']],
      [COINGECKO, []],
      [COINPAPRIKA, ['coinpaprika']],
      [COINLORE, []],
    ]);
    expect(s.ctx.cache.macro.btcDominance![COINLORE]!.provider).toBe('coinlore');
  });

  it('primary failing but not stale: no fallback is asked (the engine would not read it)', async () => {
    const s = setup({ [CMC]: 'call-fails', [COINGECKO]: point(COINGECKO) });
    s.cached('btcDominance', CMC, 2); // due (lacks yesterday) but within the 2 days
    await s.run('btcDominance');
    expect(sources(s.asked)).toEqual([CMC]);
    expect(Object.keys(s.ctx.cache.macro.btcDominance!)).toEqual([CMC]);
  });

  it('a fallback that already has the expected day, or was asked 15 minutes ago, is not asked again', async () => {
    const s = setup({ [CMC]: 'call-fails', [COINGECKO]: point(COINGECKO) });
    s.cached('btcDominance', CMC, 5);
    s.cached('btcDominance', COINPAPRIKA, 1);
    await s.run('btcDominance');
    expect(sources(s.asked)).toEqual([CMC]);
    const t = setup({ [CMC]: 'call-fails', [COINGECKO]: point(COINGECKO) });
    t.cached('btcDominance', CMC, 5);
    t.cached('btcDominance', COINGECKO, 2, 5 * 60_000);
    await t.run('btcDominance');
    expect(sources(t.asked)).toEqual([CMC]);
  });

  it('each chain asks for its own expected day: the US session for the Russell, today for Fear & Greed', async () => {
    const s = setup({});
    s.cached('rut', PREFERENCE.rut[0]!, 1); // the session of the 18th closed: nothing due
    await s.run('rut');
    expect(s.asked).toEqual([]);
    const f = setup({ [PREFERENCE.fearGreed[0]!]: 'call-fails', [PREFERENCE.fearGreed[1]!]: point('x') });
    f.cached('fearGreed', PREFERENCE.fearGreed[0]!, 1); // today's value is expected; 1 day old is not stale
    await f.run('fearGreed');
    expect(f.asked.map((a) => a.expected)).toEqual([TODAY]);
    const r = setup({ [PREFERENCE.rut[0]!]: point('y', YESTERDAY) });
    r.ctx.now = NOW - 12 * HOUR + 22 * HOUR; // 22:00 UTC: today's US session has closed
    r.cached('rut', PREFERENCE.rut[0]!, 1);
    await r.run('rut');
    expect(r.asked.map((a) => a.expected)).toEqual([TODAY]);
  });
});

describe('the tasks’ asks', () => {
  it('cover every link of their chain, and no other', () => {
    const global = { get: () => Promise.reject(new Error('not asked')) };
    // ETF flows fill two series from one request: their own task (test/unit/refresh/etf-flows.test.ts).
    const asks: Record<Exclude<MacroKey, 'etfFlowsBtc' | 'etfFlowsEth'>, Asks> = {
      rut: russellAsks(),
      btcDominance: dominanceAsks(global),
      ethbtc: ethBtcAsks(),
      fearGreed: fearGreedAsks(),
      total3: total3Asks(global),
    };
    for (const [key, chain] of Object.entries(MACRO_CHAINS) as [keyof typeof asks, (typeof MACRO_CHAINS)[MacroKey]][])
      if (key in asks) expect(Object.keys(asks[key]).sort(), key).toEqual(chain.links.map((l) => l.source).sort());
  });
});
