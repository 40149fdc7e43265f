/**
 * The Evidence tab rendered into a DOM (linkedom) in both languages: every text through the
 * fragments, events and misses stated, pending shown as "not yet known" and missing data as a dash.
 * The canvas chart is replaced by a stub that records what it was given (charts run in the e2e tests).
 */
import { parseHTML } from 'linkedom';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { Evidence } from '../../../components/popup/Evidence';
import type { ViewCtx } from '../../../components/popup/context';
import { Popup } from '../../../components/popup/Popup';
import { computeEvidence } from '../../../lib/evidence/compute';
import type { LiveLog } from '../../../lib/evidence/live-log';
import { SHIPPED_HISTORY } from '../../../lib/evidence/shipped-history';
import type { EvidenceResult } from '../../../lib/evidence/types';
import { makeFormat } from '../../../lib/format/format';
import { loadLocales } from '../../../lib/i18n/node';
import { translateFrom, type Translate } from '../../../lib/i18n/translate';
import type { SeriesSet } from '../../../lib/series/types';
import { defaultSettings } from '../../../lib/settings/defaults';
import { realSeries } from '../../support/fixtures';
import { realSnapshot } from '../../support/snapshot';

vi.mock('../../../components/shared/TimeChart', () => ({
  TimeChart: (p: { id: string; series: { points: unknown[]; markers?: { time: string; text: string }[] }[] }) =>
    h('div', {
      'data-chart': p.id,
      'data-points': p.series[0]!.points.length,
      'data-markers': JSON.stringify(p.series[0]!.markers ?? []),
    }),
}));

const RAW_KEY = /\b(?:evidence|popup)_[a-z0-9_]+\b/i;
let t: { en: Translate; zh: Translate };
let ev: EvidenceResult;
let pending: EvidenceResult;

beforeAll(() => {
  const { window, document } = parseHTML('<!doctype html><html><body><main id="app"></main></body></html>');
  Object.assign(globalThis, {
    window,
    document,
    Node: window.Node,
    Element: window.Element,
    HTMLElement: window.HTMLElement,
    Event: window.Event,
  });
  const l = loadLocales();
  t = { en: translateFrom(l.en!), zh: translateFrom(l.zh_CN!) };
  const set = realSeries();
  ev = computeEvidence(set, defaultSettings(), '2026-08-21')!;
  // Coins (and the ETH/BTC derived from them) cut at 2025-12-01: the 2025 breakout's +90 and +180 days
  // are not yet known.
  const cut: SeriesSet = {
    ...set,
    ethbtc: { ...set.ethbtc!, points: set.ethbtc!.points.filter((p) => p.date <= '2025-12-01') },
    coins: Object.fromEntries(
      Object.entries(set.coins!).map(([k, c]) => [
        k,
        { ...c, closes: { ...c.closes, points: c.closes.points.filter((p) => p.date <= '2025-12-01') } },
      ]),
    ),
  };
  pending = computeEvidence(cut, defaultSettings(), '2026-08-21')!;
});

function mount(node: preact.ComponentChild): HTMLElement {
  const root = document.createElement('div');
  act(() => render(node, root));
  return root;
}

describe.each([
  [
    'en',
    'en-US',
    {
      summary: '2 breakouts and 2 weekly confirmations',
      pending: 'not yet known',
      day: 'Nov 13, 2020',
      eth: '+163.7%',
      none: 'No data (unknown, not 0)',
      held: 'Nov 13, 2020: held. Altcoin season came (ASI 98 on Apr 16, 2021',
      not: 'Sep 18, 2025: did not hold. No altcoin season (ASI peak 39, our ASI',
      yes98: 'yes · 98',
      no39: 'no · 39',
      base: '38.1% of 992 days',
      since: 'No event since install on Mar 19, 2026',
      live: 'Mixed → Alts rotating',
      chance: 'p 0.053 to 0.615, 10,000 sets each',
      small: 'The smallest p is 0.010, but 4 claims were tested on 3 breakouts',
    },
  ],
  [
    'zh',
    'zh-CN',
    {
      summary: '共有 2 次突破和 2 次周线确认',
      pending: '尚不可知',
      day: '2020年11月13日',
      eth: '+163.7%',
      none: '无数据（未知，不是 0）',
      held: '2020年11月13日：应验。 山寨季到来（ASI 于 2021年4月16日 达 98',
      not: '2025年9月18日：未应验。 未出现山寨季（ASI 最高 39，本扩展的 ASI',
      yes98: '是 · 98',
      no39: '否 · 39',
      base: '992 天中的 38.1%',
      since: '自 2026年3月19日 安装以来尚无事件',
      live: '混合 → 山寨币轮动',
      chance: 'p 为 0.053 至 0.615，每项 10,000 组',
      small: '最小的 p 为 0.010，但共检验了 4 项论点、仅 3 次突破',
    },
  ],
] as const)('Evidence view in %s', (lang, locale, want) => {
  const ctx = (): ViewCtx => ({ t: t[lang], f: makeFormat(locale), now: Date.parse('2026-08-22T12:00:00Z') });

  it('Russell chart with event markers, summary, distribution per horizon with misses, events table', () => {
    const root = mount(<Evidence evidence={ev} locale={locale} ctx={ctx()} />);
    const chart = root.querySelector('[data-chart="evidence-rut"]')!;
    expect(Number(chart.getAttribute('data-points'))).toBe(2552);
    // The 2020 breakout was a Friday: its weekly confirmation shares the marker.
    expect(JSON.parse(chart.getAttribute('data-markers')!).map((m: { time: string }) => m.time)).toEqual([
      '2020-11-13',
      '2025-09-18',
      '2025-09-19',
    ]);
    expect(root.querySelector('[data-testid="evidence-summary"]')!.textContent).toContain(want.summary);
    expect(root.querySelectorAll('table.evidence-dist')).toHaveLength(3);
    const row = root.querySelector('table[data-horizon="180"] tr[data-metric="ethbtc"]')!;
    expect(row.querySelector('[data-testid="misses"]')!.textContent).toBe('1');
    expect(root.querySelector('table[data-horizon="180"] tr[data-metric="total3"]')).toBeNull();
    expect(root.querySelector('[data-testid="evidence-missing"]')!.textContent).toContain(want.none);
    const events = root.querySelector('[data-testid="evidence-events"]')!;
    expect(events.querySelectorAll('tbody tr')).toHaveLength(4);
    const first = events.querySelector('tr[data-event="2020-11-13"][data-kind="breakout"]')!;
    expect(first.textContent).toContain(want.day);
    expect(first.textContent).toContain(want.eth);
    expect(root.querySelector('[data-testid="evidence-strip"] svg')!.getAttribute('aria-label')).toMatch(/180/);
    expect(root.querySelector('[data-testid="evidence-asi"]')!.textContent).toContain('80');
    expect(root.textContent).not.toMatch(RAW_KEY);
  });

  it('a horizon past the data reads "not yet known"; no data reads as a dash, never 0', () => {
    const root = mount(<Evidence evidence={pending} locale={locale} ctx={ctx()} />);
    const cells = [...root.querySelectorAll('tr[data-event="2025-09-18"][data-kind="breakout"] td[data-status]')];
    expect(cells.map((c) => c.getAttribute('data-status'))).toEqual(['known', 'pending', 'pending']);
    expect(cells[1]!.textContent).toBe(want.pending);
    const old = mount(
      <Evidence
        evidence={{
          ...ev,
          events: ev.events.map((e) => ({
            ...e,
            outcomes: {
              ...e.outcomes,
              ethbtc: {
                30: { status: 'unknown', why: 'x' },
                90: { status: 'unknown', why: 'x' },
                180: { status: 'unknown', why: 'x' },
              },
            },
          })),
        }}
        locale={locale}
        ctx={ctx()}
      />,
    );
    const dash = old.querySelector('tr[data-event="2020-11-13"] td[data-status="unknown"]')!;
    expect(dash.textContent).toBe('—');
    expect(root.textContent).not.toMatch(RAW_KEY);
  });

  it('the thesis on the shipped history: the summary, then each breakout with claim, value and base rate', () => {
    const root = mount(<Evidence evidence={ev} live={null} locale={locale} ctx={ctx()} />);
    const summary = root.querySelector('[data-testid="evidence-thesis-summary"]')!;
    expect([...summary.querySelectorAll('li[data-verdict]')].map((li) => li.getAttribute('data-verdict'))).toEqual([
      'held',
      'held',
      'not',
    ]);
    expect(summary.querySelector('li[data-date="2020-11-13"]')!.textContent).toContain(want.held);
    expect(summary.querySelector('li[data-date="2025-09-18"]')!.textContent).toContain(want.not);
    expect(summary.querySelector('[data-testid="evidence-thesis-macd"]')!.textContent).toMatch(/6/);
    const table = root.querySelector('[data-testid="evidence-thesis-table"]')!;
    expect(table.querySelectorAll('tbody tr')).toHaveLength(6);
    const row = (d: string) => [...table.querySelectorAll(`tr[data-breakout="${d}"] td`)];
    expect(row('2020-11-13')[0]!.textContent).toBe(want.yes98);
    expect(row('2025-09-18')[0]!.textContent).toBe(want.no39);
    expect(row('2025-09-18').map((c) => c.getAttribute('data-held'))).toEqual(['false', 'false', 'false', 'false']);
    // Before any series: a dash, never "no".
    expect(row('2004-04-05').map((c) => c.getAttribute('data-status'))).toEqual([
      'unknown',
      'unknown',
      'unknown',
      'unknown',
    ]);
    expect(row('2004-04-05')[0]!.textContent).toBe('—');
    expect(table.querySelector('tr[data-row="base"] td')!.textContent).toBe(want.base);
    expect(table.querySelector('tr[data-row="p"] td')!.textContent).toMatch(/^0\.615.*1\/2/);
    expect(summary.querySelector('[data-testid="evidence-thesis-chance"]')!.textContent).toContain(want.chance);
    // A small p is never called chance-sized: with one of 0.01 among four claims, the Bonferroni bound instead.
    const small = structuredClone(SHIPPED_HISTORY);
    small.thesis.claims[1]!.permutation!.p = 0.01;
    const s2 = mount(<Evidence evidence={ev} history={small} live={null} locale={locale} ctx={ctx()} />);
    expect(s2.querySelector('[data-testid="evidence-thesis-chance"]')!.textContent).toContain(want.small);
    expect(root.textContent).not.toMatch(RAW_KEY);
  });

  it('since install: none yet, then the events with their outcomes as known, the rest "not yet known"', () => {
    const empty: LiveLog = { version: 1, since: '2026-03-19', events: [] };
    const none = mount(<Evidence evidence={ev} live={empty} locale={locale} ctx={ctx()} />);
    expect(none.querySelector('[data-testid="evidence-live-none"]')!.textContent).toContain(want.since);
    const log: LiveLog = {
      version: 1,
      since: '2026-03-19',
      events: [
        {
          kind: 'stage-change',
          day: '2026-04-02',
          at: 0,
          detail: { from: 'mixed', to: 'alt-rotation' },
          values: {
            asOf: '2026-04-02',
            rut: 2500,
            asi: 52,
            dominance: 58,
            ethbtc: 0.03,
            total3: null,
            stage: 'alt-rotation',
          },
          outcomes: {
            ethbtc: {
              30: { status: 'known', value: 0.1, source: 'Binance ETHBTC', from: '2026-04-02', to: '2026-05-02' },
            },
          },
        },
      ],
    };
    const root = mount(<Evidence evidence={ev} live={log} locale={locale} ctx={ctx()} />);
    const tr = root.querySelector('[data-testid="evidence-live-events"] tr[data-live="stage-change"]')!;
    expect(tr.textContent).toContain(want.live);
    const cells = [...tr.querySelectorAll('td[data-status]')];
    expect(cells.map((c) => c.getAttribute('data-status'))).toEqual(['known', 'pending', 'pending']);
    expect(cells[0]!.textContent).toBe('+10.0%');
    expect(cells[1]!.textContent).toBe(want.pending);
    expect(root.textContent).not.toMatch(RAW_KEY);
  });

  it('fewer than 5 events: each one with its day instead of a median', () => {
    const root = mount(<Evidence evidence={ev} live={null} locale={locale} ctx={ctx()} />);
    const cell = root.querySelector('table[data-horizon="180"] tr[data-metric="ethbtc"] [data-testid="event-values"]')!;
    expect(cell.textContent).toContain(`${want.eth} (${want.day})`);
  });

  it('before it is computed, and without any Russell history', () => {
    expect(mount(<Evidence evidence={undefined} locale={locale} ctx={ctx()} />).textContent).not.toMatch(RAW_KEY);
    const none = mount(<Evidence evidence={null} locale={locale} ctx={ctx()} />);
    expect(none.querySelector('[data-testid="evidence-none"]')).not.toBeNull();
    expect(none.querySelector('[data-chart="evidence-rut"]')!.getAttribute('data-points')).toBe('0');
  });
});

it('the popup has an Evidence tab right after Charts', async () => {
  const snap = realSnapshot('2025-09-19');
  const root = mount(
    <Popup
      t={t.en}
      locale="en-US"
      now={snap.computedAt}
      snapshot={snap}
      settings={defaultSettings()}
      charts={null}
      evidence={ev}
      phaseLog={[]}
      onRefresh={async () => ({ ok: true, failed: [], answered: 1 })}
      onOpenOptions={() => {}}
    />,
  );
  const tabs = [...root.querySelectorAll('[role="tab"]')].map((b) => b.id);
  expect(tabs.slice(0, 3)).toEqual(['tab-signals', 'tab-charts', 'tab-evidence']);
  expect(root.querySelector('[role="tab"]#tab-evidence')!.textContent).toBe('Evidence');
  // Built when first opened (its code loads then): empty before, the events after.
  expect(root.querySelector('#panel-evidence')!.childNodes.length).toBe(0);
  act(() => (root.querySelector('#tab-evidence') as HTMLButtonElement).click());
  await vi.waitFor(() => expect(root.querySelector('#panel-evidence [data-testid="evidence-events"]')).not.toBeNull());
});
