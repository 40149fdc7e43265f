/**
 * Hostile data for the XSS tests (issue 6): a snapshot whose coin symbols, source names, provider
 * names, error kinds and messages and reason texts all carry an HTML/script payload, as a compromised
 * API (or a hand-edited storage) could deliver them. Every view must show them as text.
 */
import type { PhaseLogEntry, Snapshot } from '../../lib/snapshot/types';
import { realSnapshot } from './snapshot';

export const XSS = '<img src=x onerror=alert(1)>';

export function hostileSnapshot(day = '2025-09-19', base: Snapshot = realSnapshot(day)): Snapshot {
  const s = structuredClone(base);
  const e = s.evaluation as unknown as Record<string, { source?: string } | null>;
  for (const k of ['russell', 'asi', 'dominance', 'ethbtc', 'total3', 'fearGreed']) {
    const sig = e[k];
    if (sig && typeof sig === 'object' && 'source' in sig) sig.source = `${XSS} ${k}`;
  }
  const asi = s.evaluation.asi;
  if (asi && asi.value !== null) {
    asi.coins[0]!.symbol = XSS;
    asi.coins[1]!.symbol = `${XSS}2`;
    asi.excluded.push({ symbol: `${XSS}x`, reason: 'exclusion-list', why: XSS } as (typeof asi.excluded)[number]);
  }
  // The first reason as an older version stored it (no parameters: its text is shown); the second
  // with the payload in a parameter of its sentence.
  s.evaluation.phase.reasons = s.evaluation.phase.reasons.map((r, i) =>
    i === 0
      ? { ...withoutArgs(r), text: `${XSS} reason`, source: XSS }
      : i === 1 && r.args
        ? { ...r, args: [`${XSS} arg`, ...r.args.slice(1)] }
        : r,
  );
  s.sources = {
    ...s.sources,
    [XSS]: { lastSuccess: null, lastError: { at: s.computedAt - 60_000, kind: XSS, message: `${XSS} provider` } },
    binance: {
      lastSuccess: s.computedAt - 3_600_000,
      lastError: { at: s.computedAt - 60_000, kind: 'http', message: `HTTP 500 from data-api.binance.vision: ${XSS}` },
    },
  };
  s.served = { ...s.served, coins: { provider: `${XSS} served`, fetchedAt: s.computedAt - 60_000 } };
  return s;
}

export function hostileLog(s: Snapshot): PhaseLogEntry[] {
  return [
    {
      day: s.evaluation.today,
      from: 'alt-rotation',
      to: 'altseason',
      at: s.computedAt,
      reasons: [{ ...withoutArgs(s.evaluation.phase.reasons[0]!), text: `${XSS} logged` }],
    },
  ];
}

function withoutArgs<T extends { args?: unknown }>(r: T): Omit<T, 'args'> {
  const { args: _, ...rest } = r;
  return rest;
}
