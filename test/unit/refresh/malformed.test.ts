/**
 * Malformed payloads through the whole refresh (issue 6, guarantee 5), against the API emulator with
 * the real fixture data: for each kind of bad answer — an HTML challenge page served with 200,
 * truncated JSON, NaN values, negative values, future-dated points, a 10 MB body, shape drift — from
 * one provider, that provider is marked failed with a readable one-line reason of the right kind, and
 * every other provider and every signal it does not serve come out exactly as in a clean refresh.
 * (The layers below are covered on their own: test/unit/net/http.test.ts for the HTTP classification,
 * test/unit/emulator/emulator.test.ts "faults" for the parsers on each fault, test/unit/property for
 * every parser under arbitrary drift.)
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emptyRefreshState, runRefresh, type RefreshResult, type RefreshState } from '../../../lib/refresh/run';
import { defaultSettings } from '../../../lib/settings/defaults';
import type { Fault } from '../../support/emulator/types';
import { startEmulator, type Emulator } from '../../support/emulator';
import { emulatorDeps } from '../../support/refresh';

const T0 = Date.parse('2026-03-19T12:00:00Z');
let emu: Emulator;
let clean: RefreshResult;

const fresh = (): RefreshState => emptyRefreshState(defaultSettings());
const refresh = () => runRefresh(fresh(), emulatorDeps(emu, T0));

beforeAll(async () => {
  emu = await startEmulator({ now: T0 });
  clean = await refresh();
}, 60_000);
afterAll(() => emu.close());
beforeEach(() => {
  emu.clearFaults();
  emu.resetLog();
  emu.setNow(T0);
});

type J = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const FUTURE_S = Math.floor((T0 + 30 * 86_400_000) / 1000);

interface Target {
  provider: string;
  hosts: string[];
  /** Signals this provider serves (they may differ from the clean run); every other one must not. */
  serves: string[];
  negative: (j: J) => J;
  future: (j: J) => J;
}

const TARGETS: Target[] = [
  {
    provider: 'alternative.me',
    hosts: ['api.alternative.me'],
    serves: ['fearGreed'],
    negative: (j) => ((j.data[0].value = '-5'), j),
    future: (j) => ((j.data[0].timestamp = String(FUTURE_S)), j),
  },
  {
    provider: 'yahoo',
    hosts: ['query1.finance.yahoo.com', 'query2.finance.yahoo.com'],
    serves: ['russell'],
    negative: (j) => {
      const close = j.chart.result[0].indicators.quote[0].close as (number | null)[];
      close[close.length - 10] = -2400.5;
      return j;
    },
    future: (j) => {
      const r = j.chart.result[0];
      r.timestamp.push(FUTURE_S);
      r.indicators.quote[0].close.push(2500);
      return j;
    },
  },
];

const FAULTS: { name: string; fault: (t: Target) => Fault; kind: string; reason: RegExp }[] = [
  {
    name: 'an HTML challenge page with HTTP 200',
    fault: () => ({ kind: 'challenge' }),
    kind: 'challenge',
    reason: /sent a Cloudflare\/captcha challenge page instead of JSON/,
  },
  {
    name: 'truncated JSON',
    fault: () => ({ kind: 'truncated' }),
    kind: 'schema',
    reason: /sent invalid or truncated JSON/,
  },
  { name: 'NaN and negative values', fault: () => ({ kind: 'nan' }), kind: 'schema', reason: /must be|NaN|invalid/ },
  {
    name: 'a negative value',
    fault: (t) => ({ kind: 'drift', transform: t.negative }),
    kind: 'schema',
    reason: /must be (within 0\.\.100|a positive price)/,
  },
  {
    name: 'a future-dated point',
    fault: (t) => ({ kind: 'drift', transform: t.future }),
    kind: 'schema',
    reason: /is in the future/,
  },
  {
    name: 'a 10 MB body',
    fault: () => ({ kind: 'huge', bytes: 10 * 1024 * 1024 }),
    kind: 'too-large',
    reason: /is larger than 5 MB/,
  },
  { name: 'shape drift', fault: () => ({ kind: 'drift' }), kind: 'schema', reason: /must be|missing|invalid/ },
];

const SIGNALS = ['russell', 'asi', 'dominance', 'ethbtc', 'total3', 'fearGreed'] as const;
const valueOf = (r: RefreshResult, k: (typeof SIGNALS)[number]) => {
  const s = r.snapshot.evaluation[k] as { value?: number | null; close?: number | null; source?: string } | null;
  return s === null ? null : { value: s.value ?? null, close: s.close ?? null, source: s.source ?? null };
};

describe('a malformed answer fails only its own source, with a readable reason', { timeout: 120_000 }, () => {
  it('the clean run is complete (the baseline)', () => {
    for (const k of SIGNALS)
      expect([k, valueOf(clean, k)?.value ?? valueOf(clean, k)?.close]).toEqual([k, expect.any(Number)]);
    for (const [p, st] of Object.entries(clean.snapshot.sources)) expect([p, st.lastError]).toEqual([p, null]);
  });

  for (const target of TARGETS) {
    it.each(FAULTS)(`${target.provider}: $name`, async ({ fault, kind, reason }) => {
      for (const h of target.hosts) emu.setFault(h, fault(target));
      const r = await refresh();
      // the provider is marked failed, with a typed, readable reason
      const err = r.snapshot.sources[target.provider]?.lastError;
      expect(err?.kind).toBe(kind);
      expect(err!.message).toMatch(reason);
      expect(err!.message).toMatch(/^[^\r\n]{10,240}$/);
      expect(err!.message).not.toMatch(/TypeError|RangeError|undefined|\[object/);
      // every other provider is as in the clean run
      for (const [p, st] of Object.entries(r.snapshot.sources))
        if (p !== target.provider) expect([p, st.lastError]).toEqual([p, null]);
      // every signal the provider does not serve is exactly as in the clean run; its own is never a made-up number
      for (const k of SIGNALS) {
        if (target.serves.includes(k)) {
          const v = valueOf(r, k);
          // served by a fallback, labelled as such
          if (v !== null) expect(v.source).not.toBe(valueOf(clean, k)?.source);
        } else expect([k, valueOf(r, k)]).toEqual([k, valueOf(clean, k)]);
      }
      // nothing of the bad answer reached the caches
      const bad = Object.values(r.cache.macro)
        .flatMap((bySource) => Object.values(bySource ?? {}))
        .filter((c) => c.provider === target.provider);
      expect(bad).toEqual([]);
    });
  }
});
