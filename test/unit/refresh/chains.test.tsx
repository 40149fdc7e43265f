/**
 * The fallback-chain table (lib/cache/chains.ts) is the one place the chains are written: what the engine
 * reads, the snapshot's `served` and the popup's sources tab must follow it, chain by chain.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { Sources } from '../../../components/popup/Sources';
import { CHAINS, MACRO_CHAINS, PREFERENCE, SOURCES_TAB, type ServedKey } from '../../../lib/cache/chains';
import { emptySeriesCache, storeMacro, type MacroKey, type SeriesCache } from '../../../lib/cache/series-cache';
import { engineSeries } from '../../../lib/cache/series-set';
import { makeFormat } from '../../../lib/format/format';
import { loadLocales } from '../../../lib/i18n/node';
import { translateFrom } from '../../../lib/i18n/translate';
import { emptyMeta } from '../../../lib/refresh/context';
import { servedFrom } from '../../../lib/refresh/run';
import { addDays } from '../../../lib/series/dates';
import { defaultSettings } from '../../../lib/settings/defaults';
import { realSnapshot } from '../../support/snapshot';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const TODAY = '2026-03-19';
/** Distinct staleness limits, so a chain reading the wrong one is caught. */
const settings = () => {
  const s = defaultSettings();
  s.staleness = { cryptoMaxAgeDays: 3, russellMaxAgeDays: 6, etfFlowsMaxAgeDays: 5 };
  return s;
};
const macroChains = Object.entries(MACRO_CHAINS) as [MacroKey, (typeof MACRO_CHAINS)[MacroKey]][];

/** One cached series per source, its newest point `ageDays` before TODAY. */
function cacheWith(key: MacroKey, series: { source: string; provider: string; ageDays: number }[]): SeriesCache {
  const cache = emptySeriesCache();
  for (const s of series) {
    const points = [{ date: addDays(TODAY, -s.ageDays), value: 1 }];
    storeMacro(cache, key, s.provider, { source: s.source, points }, 1, 4000);
  }
  return cache;
}

describe('the chain table', () => {
  it('maps each macro series to its own chain; PREFERENCE is each chain’s sources, primary first', () => {
    for (const [key, chain] of macroChains) {
      expect(chain.macro).toBe(key);
      expect(Object.values(CHAINS)).toContain(chain);
      expect(PREFERENCE[key]).toEqual(chain.links.map((l) => l.source));
    }
    const macros = Object.values(CHAINS).filter((c) => c.macro);
    expect(macros).toHaveLength(macroChains.length);
  });

  it.each(macroChains)(
    '%s: the engine reads the first link that is not stale, by the staleness the table names',
    (key, chain) => {
      const s = settings();
      const maxAge = s.staleness[chain.maxAge];
      const links = chain.links.map((l) => ({ ...l, ageDays: 0 }));
      // Every link current: the table's order decides, whatever order they were stored in.
      const read = (c: SeriesCache) => engineSeries(c, {}, s, TODAY)[key]?.source;
      for (let i = 0; i < links.length; i++)
        expect(read(cacheWith(key, links.slice(i).reverse())), `without the first ${i}`).toBe(links[i]!.source);
      // A series outside the chain stands in last.
      const outsider = { source: 'not in the chain', provider: 'x', ageDays: 0 };
      const next = links[1]?.source ?? outsider.source;
      expect(read(cacheWith(key, [outsider, ...links.slice(1), { ...links[0]!, ageDays: maxAge }]))).toBe(
        links[0]!.source,
      );
      expect(read(cacheWith(key, [outsider, ...links.slice(1), { ...links[0]!, ageDays: maxAge + 1 }]))).toBe(next);
    },
  );

  it('the snapshot’s `served` lists every chain in the table’s order, naming who served what the engine read', () => {
    let cache = emptySeriesCache();
    for (const [key, chain] of macroChains) {
      const fresh = cacheWith(
        key,
        chain.links.map((l) => ({ source: l.source, provider: `${l.provider} for ${key}`, ageDays: 0 })),
      );
      cache = { ...cache, macro: { ...cache.macro, ...fresh.macro } };
    }
    cache.coins.BTC = { provider: 'binance', source: 'Binance closes', points: [[TODAY, 1]], fetchedAt: 2 };
    const universes = { [TODAY]: { coins: [{ symbol: 'BTC', marketCap: 1 }], provider: 'coingecko', fetchedAt: 3 } };
    const meta = { ...emptyMeta(), crossCheck: { cmcAsi: 30, asOf: TODAY }, crossCheckServedAt: 4 };
    const served = servedFrom(cache, engineSeries(cache, universes, settings(), TODAY), universes, meta);
    expect(Object.keys(served)).toEqual(Object.keys(CHAINS));
    for (const [key, chain] of macroChains) {
      const servedKey = (Object.keys(CHAINS) as ServedKey[]).find((k) => CHAINS[k] === chain)!;
      expect(served[servedKey]).toEqual({ provider: `${chain.links[0]!.provider} for ${key}`, fetchedAt: 1 });
    }
    expect(served.crossCheck).toEqual({ provider: CHAINS.crossCheck.links[0]!.provider, fetchedAt: 4 });
  });

  it('the popup’s sources tab lists who served each signal in the table’s tab order', () => {
    expect(SOURCES_TAB).toEqual((Object.keys(CHAINS) as ServedKey[]).sort((a, b) => CHAINS[a].tab - CHAINS[b].tab));
    // The tiles' order, the universe beside the coins, the cross-check last: as before the table.
    expect(SOURCES_TAB).toEqual([
      'russell',
      'coins',
      'universe',
      'dominance',
      'ethbtc',
      'total3',
      'fearGreed',
      'crossCheck',
      'etfFlowsBtc',
      'etfFlowsEth',
    ]);
    const { window, document } = parseHTML('<!doctype html><html><body></body></html>');
    Object.assign(globalThis, { window, document, Node: window.Node, Element: window.Element });
    const snap = realSnapshot('2025-09-19', (s) => {
      s.served = Object.fromEntries(Object.keys(CHAINS).map((k) => [k, { provider: `by-${k}`, fetchedAt: 0 }]));
    });
    const root = document.createElement('div');
    const t = translateFrom(loadLocales().en!);
    act(() => render(<Sources snapshot={snap} ctx={{ t, f: makeFormat('en-US'), now: 0 }} />, root));
    const lines = [...root.querySelectorAll('.served li')].map((li) => /by-(\w+)/.exec(li.textContent ?? '')?.[1]);
    expect(lines).toEqual(SOURCES_TAB);
  });

  it('the popup loads no refresh pipeline: run.ts and the tasks stay out of its bundle', () => {
    const seen = runtimeImports(join(ROOT, 'entrypoints/popup/main.tsx'));
    const files = [...seen].map((f) => relative(ROOT, f));
    expect(files).toContain('lib/cache/chains.ts');
    expect(files.filter((f) => f === 'lib/refresh/run.ts' || f.startsWith('lib/refresh/tasks/'))).toEqual([]);
  });
});

/** The project files `entry` loads at run time (type-only imports are erased), transitively. */
function runtimeImports(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const text = readFileSync(entry, 'utf8');
  // Static imports, and dynamic ones (the popup loads its tabs' code on demand: still part of its bundle).
  const specs = [
    ...text.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^;]*?\s+from\s+)?'([^']+)'/gm),
    ...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g),
  ];
  for (const m of specs) {
    const spec = m[1]!;
    const base = spec.startsWith('@/')
      ? join(ROOT, spec.slice(2))
      : spec.startsWith('.')
        ? join(dirname(entry), spec)
        : null;
    if (!base || /\.(css|json)(\?|$)/.test(spec)) continue;
    const file = ['.ts', '.tsx', '/index.ts', '/index.tsx'].map((x) => base + x).find((f) => exists(f));
    if (file) runtimeImports(file, seen);
  }
  return seen;
}

function exists(f: string): boolean {
  try {
    readFileSync(f);
    return true;
  } catch {
    return false;
  }
}
