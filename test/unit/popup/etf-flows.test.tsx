/**
 * ETF flows where the trader sees them: the mini-panel line (lib/badge/etf-line.ts), the popup tile, the
 * 90-session histogram data and the setup switch, on the real series-full flows.
 */
import { parseHTML } from 'linkedom';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ViewCtx } from '../../../components/popup/context';
import { EvidenceFlows } from '../../../components/popup/EvidenceFlows';
import { Tiles } from '../../../components/popup/Tiles';
import { flowsEvidence } from '../../../lib/evidence/etf-flows';
import { findEvents } from '../../../lib/evidence/events';
import { etfFlowsLine } from '../../../lib/badge/etf-line';
import { buildChartData } from '../../../lib/charts/build';
import { loadSeriesDir } from '../../../lib/cli/load-dir';
import { evaluateDay } from '../../../lib/engine/evaluate';
import { makeFormat } from '../../../lib/format/format';
import { loadLocales } from '../../../lib/i18n/node';
import { translateFrom, type Translate } from '../../../lib/i18n/translate';
import { isUsSession } from '../../../lib/series/us-market';
import type { SeriesSet } from '../../../lib/series/types';
import { defaultSettings } from '../../../lib/settings/defaults';
import type { Snapshot } from '../../../lib/snapshot/types';
import { realSeries } from '../../support/fixtures';
import { REAL_SERIES_FULL } from '../../support/paths';
import { realSnapshot } from '../../support/snapshot';

let set: SeriesSet;
let t: { en: Translate; zh: Translate };
beforeAll(() => {
  const full = loadSeriesDir(REAL_SERIES_FULL);
  set = { ...realSeries(), etfFlowsBtc: full.etfFlowsBtc, etfFlowsEth: full.etfFlowsEth };
  const l = loadLocales();
  t = { en: translateFrom(l.en!), zh: translateFrom(l.zh_CN!) };
  const { window, document } = parseHTML('<!doctype html><html><body></body></html>');
  Object.assign(globalThis, { window, document, Node: window.Node, Element: window.Element });
});

const flowsOn = (day: string, today = day) => evaluateDay(set, defaultSettings(), day, today).evaluation.etfFlows;

describe('the mini-panel line', () => {
  it('says the 20-session sums and the rotation, in both languages', () => {
    // 2025-02-24: BTC −947.8, ETH +272.2 over 20 sessions (pinned in test/unit/engine/etf-flows.test.ts).
    const f = flowsOn('2025-02-24');
    expect(etfFlowsLine(f, t.en, 'en-US')).toBe('ETF flows, 20 sessions: BTC −947.8 m · ETH +272.2 m · rotating');
    expect(etfFlowsLine(flowsOn('2025-09-18'), t.en, 'en-US')).toBe(
      'ETF flows, 20 sessions: BTC +3,461.3 m · ETH +2,070.9 m · not rotating',
    );
    expect(etfFlowsLine(f, t.zh, 'zh-CN')).toBe(
      'ETF 资金流，近 20 个交易日：BTC −947.8 百万 · ETH +272.2 百万 · 轮动中',
    );
    expect(etfFlowsLine(f, t.en, 'de-DE')).toContain('BTC −947,8 m');
  });

  it('stale flows say their age, not numbers; no flows, no line; a malformed stored value shows dashes', () => {
    expect(etfFlowsLine(flowsOn('2025-02-24', '2025-03-04'), t.en, 'en-US')).toBe('ETF flows: not used, 8 d old');
    expect(etfFlowsLine(null, t.en)).toBeNull();
    expect(etfFlowsLine(undefined, t.en)).toBeNull();
    const junk = { rotation: 'yes', btc: { long: 'x' }, eth: null } as never;
    expect(etfFlowsLine(junk, t.en, 'en-US')).toBe('ETF flows, — sessions: BTC — · ETH — · rotation unknown');
  });
});

describe('the popup', () => {
  const ctx = (tr: Translate, locale: string, now: number): ViewCtx => ({ t: tr, f: makeFormat(locale), now });
  const tile = (snap: Snapshot, tr = t.en, locale = 'en-US') => {
    const root = document.createElement('div');
    act(() =>
      render(<Tiles snapshot={snap} settings={defaultSettings()} ctx={ctx(tr, locale, snap.computedAt)} />, root),
    );
    return root.querySelector('[data-tile="etfFlows"]')!;
  };

  it('a tile with the rotation, per asset the last session, the 5/20-session sums and the streak', () => {
    const snap = realSnapshot('2025-02-24', undefined, defaultSettings(), set);
    const el = tile(snap);
    expect(el.querySelector('[data-testid="value"]')!.textContent).toBe('Rotating');
    expect(el.querySelector('[data-testid="etf-BTC"]')!.textContent).toBe(
      'BTC: last −565.9 m USD (Feb 24, 2025) · 5 sessions −1,125.5 m USD · 20 sessions −947.8 m USD · ' +
        '5 sessions of outflow',
    );
    expect(el.querySelector('[data-testid="etf-ETH"]')!.textContent).toContain('3 sessions of outflow');
    const zh = tile(snap, t.zh, 'zh-CN').textContent!;
    expect(zh).toContain('轮动中');
    expect(zh).not.toMatch(/popup_|\$/);
  });

  it('without flows the tile says unknown, with the reason of the last failed request', () => {
    const snap = realSnapshot('2025-02-24', (s) => {
      s.etfFlowsError = {
        at: s.computedAt,
        kind: 'schema',
        message: 'CoinMarketCap ETF flows: API error 500 "System busy"',
      };
    });
    const el = tile(snap);
    expect(el.querySelector('[data-testid="value"]')!.textContent).toContain('—');
    expect(el.querySelector('[data-testid="etf-error"]')!.textContent).toBe(
      'Not current: CoinMarketCap ETF flows: API error 500 "System busy"',
    );
    // A snapshot from before ETF flows existed: no field at all, still unknown rather than a crash.
    const old = realSnapshot('2025-02-24', (s) => {
      delete (s.evaluation as Partial<typeof s.evaluation>).etfFlows;
      delete s.etfFlowsError;
    });
    expect(tile(old).querySelector('[data-testid="value"]')!.textContent).toContain('—');
  });

  it('the histogram: the last 90 sessions of each asset, holiday rows left out, ending on the day', () => {
    const c = buildChartData(set, defaultSettings(), '2025-09-19').etfFlows!;
    expect(c.btc).toHaveLength(90);
    expect(c.btc.at(-1)).toEqual(['2025-09-19', 222.6]);
    expect(c.btc.every(([d]) => isUsSession(d))).toBe(true);
    expect(c.eth.map(([d]) => d)).toEqual(c.btc.map(([d]) => d));
    expect(buildChartData(realSeries(), defaultSettings(), '2025-09-19').etfFlows).toBeNull();
  });
});

describe('the setup switch', () => {
  it('off by default: the flows are a confirmation line; on: a leg of the setup', () => {
    const s = defaultSettings();
    const off = evaluateDay(set, s, '2025-09-18', '2025-09-18').evaluation.phase;
    const line = off.reasons.find((r) => r.rule === 'confirm.etf-flows')!;
    expect([line.passed, line.decisive ?? false]).toEqual([false, false]);
    s.etfFlows.inSetup = true;
    const on = evaluateDay(set, s, '2025-09-18', '2025-09-18').evaluation.phase;
    expect(on.reasons.find((r) => r.rule === 'confirm.etf-flows')).toMatchObject({ passed: false, decisive: true });
    expect(on.setup.state).toBe('no');
    // On series-full: 2025-10-07 is a setup by the other legs, but the flows do not rotate (BTC takes inflows);
    // 2026-01-27 is one with the flows rotating, so the switch keeps it.
    const full = loadSeriesDir(REAL_SERIES_FULL);
    const at = (d: string, x: typeof s) => evaluateDay(full, x, d, d).evaluation;
    const plain = defaultSettings();
    expect([at('2025-10-07', plain).phase.setup.state, at('2025-10-07', s).phase.setup.state]).toEqual(['yes', 'no']);
    expect(at('2026-01-27', plain).etfFlows?.rotation).toBe(true);
    expect([at('2026-01-27', plain).phase.setup.state, at('2026-01-27', s).phase.setup.state]).toEqual(['yes', 'yes']);
  });
});

describe('the evidence: flows around each Russell event beside every session', () => {
  it('the 2025-09-18 breakout: the 20-session sums to it and after it, and the base rate over all sessions', () => {
    const events = findEvents(set.rut!.points, defaultSettings().russell.breakoutBaseDays, '2026-07-25').events;
    const ev = flowsEvidence(set, events, defaultSettings().etfFlows)!;
    // Only the events inside the flows (both products listed from 2024-07-23): the 2025 breakout and its week.
    expect(ev.events.map((e) => [e.kind, e.date])).toEqual([
      ['breakout', '2025-09-18'],
      ['weekly', '2025-09-19'],
    ]);
    // The same sums as the signal on that day (pinned by hand in test/unit/engine/etf-flows.test.ts).
    const sig = flowsOn('2025-09-18')!;
    expect(ev.events[0]!.before).toEqual({
      from: '2025-08-21',
      to: '2025-09-18',
      btc: sig.btc!.long.value,
      eth: sig.eth!.long.value,
      rotation: false,
    });
    // After: the 20 sessions from 2025-09-19 are the signal's sums on the 20th of them.
    const after = flowsOn('2025-10-16')!;
    expect(ev.events[0]!.after).toMatchObject({ from: '2025-09-19', to: '2025-10-16', btc: after.btc!.long.value });
    // The base rate: one window per session from the 20th session after 2024-07-23 to 2026-07-24.
    expect(ev.base.windows).toBe(484);
    expect(ev.base.btc.n).toBe(484);
    const rotating = ev.base.rotationShare! * ev.base.windows;
    expect(rotating).toBeCloseTo(Math.round(rotating), 9);
    expect(ev.base.rotationShare).toBeGreaterThan(0);
    const root = document.createElement('div');
    const c = { t: t.en, f: makeFormat('en-US'), now: 0 };
    act(() => render(<EvidenceFlows flows={ev} ctx={c} />, root));
    const row = root.querySelector('[data-flows-event="2025-09-18"]')!.textContent!;
    expect(row).toContain('+3,461.3');
    expect(row).toContain('+2,070.9');
    expect(root.querySelector('[data-testid="evidence-flows-base"]')!.textContent).toContain('484 windows');
    act(() => render(<EvidenceFlows flows={null} ctx={c} />, root));
    expect(root.textContent).toBe('ETF flows around the events: no flow data.');
  });
});
