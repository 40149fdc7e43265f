/**
 * The popup's and options page's views rendered into a DOM (linkedom) in both languages: every text
 * goes through the fragments (no raw keys on screen), dates and numbers follow the locale, and an
 * unknown value shows a dash, never 0. Charts (canvas) are covered by the e2e tests in Chromium.
 */
import { parseHTML } from 'linkedom';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { Options } from '../../../components/options/Options';
import { CoinTable } from '../../../components/popup/CoinTable';
import type { ViewCtx } from '../../../components/popup/context';
import { Header } from '../../../components/popup/Header';
import { PhaseLog, Sources } from '../../../components/popup/Sources';
import { Tiles } from '../../../components/popup/Tiles';
import { makeFormat } from '../../../lib/format/format';
import { loadLocales } from '../../../lib/i18n/node';
import { translateFrom, type Translate } from '../../../lib/i18n/translate';
import { defaultSettings } from '../../../lib/settings/defaults';
import type { PhaseLogEntry, Snapshot } from '../../../lib/snapshot/types';
import { realSeriesStaleEthBtc } from '../../support/fixtures';
import { realSnapshot } from '../../support/snapshot';

const RAW_KEY = /\b(?:popup|options|alerts|stage)_[a-z0-9_]+\b/i;
let snap: Snapshot;
/** Before the first BTC close of the fixture: the ASI is unknown. */
let early: Snapshot;
let lowCoverage: Snapshot;
let t: { en: Translate; zh: Translate };

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
  // ETH/BTC as ethbtc.csv alone: a signal stale since 2024-02-29, for the stale marks
  snap = realSnapshot(
    '2025-09-19',
    (s) => {
      s.crossCheck = { cmcAsi: 61, asOf: '2025-09-18' };
      s.sources.coingecko = {
        lastSuccess: null,
        lastError: { at: s.computedAt - 3_600_000, kind: 'http-429', message: 'Too Many Requests' },
      };
    },
    undefined,
    realSeriesStaleEthBtc(),
  );
  early = realSnapshot('2023-12-20');
  // 2026-08-31: only 12 of the 76 altcoins have closes (CoinMarketCap's value as the worker would have it)
  lowCoverage = realSnapshot('2026-08-31', (s) => (s.crossCheck = { cmcAsi: 28, asOf: '2026-08-30' }));
  const l = loadLocales();
  t = { en: translateFrom(l.en!), zh: translateFrom(l.zh_CN!) };
});

function html(node: preact.ComponentChild): string {
  const root = document.createElement('div');
  act(() => render(node, root));
  return root.textContent ?? '';
}

/** A logged change as the worker records it: the reasons that made it. */
const log = (): PhaseLogEntry[] => [
  {
    day: '2025-09-19',
    from: 'alt-rotation',
    to: 'altseason',
    at: Date.parse('2025-09-19T12:00:00Z'),
    reasons: snap.evaluation.phase.reasons.filter((r) => r.rule === 'stage.altseason'),
  },
];

describe.each([
  [
    'en',
    'en-US',
    {
      stage: 'Altcoin season',
      day: 'Sep 19, 2025',
      russell: '2,448.77',
      cmc: 'CoinMarketCap: 61 (ours 79, −18) · Sep 18, 2025, for comparison only',
      cmcOursUnknown: 'CoinMarketCap: 28 (ours unknown) · Aug 30, 2026, for comparison only',
      coverage: 'Counted 71 of 76 coins of the universe (93%)',
      lowCoverage: 'ASI unknown: counted 12 of 76 coins, below the 80% coverage needed',
      reason: 'ASI 79 ≥ 75 → Altcoin season',
      stale: 'ETH & majors lead not tested: ETH/BTC 30-day change not used, 568 days old',
      asiUnknown: 'ASI unknown: no BTC close on or before 2023-12-20',
    },
  ],
  [
    'zh',
    'zh-CN',
    {
      stage: '山寨季',
      day: '2025年9月19日',
      russell: '2,448.77',
      cmc: 'CoinMarketCap：61（本扩展 79，差 −18）· 2025年9月18日，仅供对照',
      cmcOursUnknown: 'CoinMarketCap：28（本扩展未知）· 2026年8月30日，仅供对照',
      coverage: '计入样本中 76 个币里的 71 个（93%）',
      lowCoverage: '山寨季指数未知：仅计入 76 个币中的 12 个，低于所需的 80% 覆盖率',
      reason: '山寨季指数 79 ≥ 75 → 山寨季',
      stale: '未检验ETH 与主流币领涨：ETH/BTC 30 日变化已有 568 天 未更新，未使用',
      asiUnknown: '山寨季指数未知：2023-12-20 及之前没有 BTC 收盘价',
    },
  ],
] as const)('popup views in %s', (lang, locale, want) => {
  const ctx = (): ViewCtx => ({ t: t[lang], f: makeFormat(locale), now: snap.computedAt + 5 * 60_000 });

  it('header: stage, setup and reasons, no raw keys', () => {
    const text = html(<Header snapshot={snap} ctx={ctx()} />);
    expect(text).toContain(want.stage);
    expect(text).toContain(want.day);
    expect(text).toContain(want.reason);
    expect(text).toContain(want.stale);
    if (lang === 'zh') {
      // every reason in Chinese: none of the engine's English sentences is left
      for (const r of snap.evaluation.phase.reasons) expect(text).not.toContain(r.text);
      expect(text).not.toMatch(/not tested|not used|stale|season|not a setup/);
    }
    expect(text).not.toMatch(RAW_KEY);
  });

  it('tiles: values with source and age; unknown dominance is a dash, never 0', () => {
    const root = document.createElement('div');
    act(() => render(<Tiles snapshot={snap} settings={defaultSettings()} ctx={ctx()} />, root));
    const value = (id: string) => root.querySelector(`[data-tile="${id}"] [data-testid="value"]`)!.textContent!;
    expect(value('russell')).toBe(want.russell);
    expect(value('asi')).toBe('79');
    expect(value('dominance').startsWith('—')).toBe(true);
    expect(value('total3').startsWith('—')).toBe(true);
    expect(root.querySelector('[data-tile="ethbtc"] [data-testid="stale"]')).not.toBeNull();
    expect(root.querySelector('[data-tile="asi"] [data-testid="cross-check"]')!.textContent).toBe(want.cmc);
    expect(root.querySelector('[data-tile="asi"] [data-testid="asi-coverage"]')!.textContent).toBe(want.coverage);
    expect(root.querySelector('[data-tile="russell"] .source')!.textContent).toContain('rut.csv');
    expect(root.textContent).not.toMatch(RAW_KEY);
  });

  it('coin table, sources and log', () => {
    const coins = html(<CoinTable snapshot={snap} ctx={ctx()} />);
    expect(coins).toContain('ASTER');
    // why a coin was left out (a title), in the page's language
    const table = document.createElement('div');
    act(() => render(<CoinTable snapshot={snap} ctx={ctx()} />, table));
    const young = table.querySelector('[data-reason="too-young"] span')!.getAttribute('title')!;
    expect(young).toMatch(
      lang === 'zh'
        ? /^上市太晚：首个收盘价在 \d{4}-\d\d-\d\d，需在 \d{4}-\d\d-\d\d 前就有$/
        : /^too young: first close \d{4}-\d\d-\d\d, needs one by \d{4}-\d\d-\d\d$/,
    );
    expect(coins).not.toMatch(RAW_KEY);
    const sources = html(<Sources snapshot={snap} ctx={ctx()} />);
    expect(sources).toContain('http-429');
    expect(sources).toContain('Too Many Requests');
    expect(sources).not.toMatch(RAW_KEY);
    const phase = html(<PhaseLog log={log()} ctx={ctx()} />);
    expect(phase).toContain(want.stage);
    expect(phase).toContain(want.reason);
    expect(phase).not.toMatch(RAW_KEY);
  });

  it('an ASI counted on too few coins is unknown with that reason; CoinMarketCap’s index stays beside it', () => {
    expect(lowCoverage.evaluation.asi).toMatchObject({ value: null, code: 'low-coverage' });
    const root = document.createElement('div');
    act(() => render(<Tiles snapshot={lowCoverage} settings={defaultSettings()} ctx={ctx()} />, root));
    const tile = root.querySelector('[data-tile="asi"]')!;
    expect(tile.querySelector('[data-testid="value"]')!.textContent!.startsWith('—')).toBe(true);
    expect(tile.textContent).toContain(want.lowCoverage);
    expect(tile.querySelector('[data-testid="cross-check"]')!.textContent).toBe(want.cmcOursUnknown);
    expect(tile.textContent).not.toMatch(RAW_KEY);
  });

  it('an unknown ASI says why, in the language of the page', () => {
    expect(early.evaluation.asi?.value).toBeNull();
    const tiles = html(<Tiles snapshot={early} settings={defaultSettings()} ctx={ctx()} />);
    expect(tiles).toContain(want.asiUnknown);
    expect(html(<CoinTable snapshot={early} ctx={ctx()} />)).toContain(want.asiUnknown);
    expect(html(<Header snapshot={early} ctx={ctx()} />)).not.toMatch(lang === 'zh' ? /no BTC close/ : /BTC 收盘价/);
  });
});

describe('the thesis clock in the popup', () => {
  const ctxFor = (snapshot: Snapshot): ViewCtx => ({ t: t.en, f: makeFormat('en'), now: snapshot.computedAt });
  const line = (day: string) => {
    const s = realSnapshot(day);
    const root = document.createElement('div');
    act(() => render(<Header snapshot={s} ctx={ctxFor(s)} />, root));
    return root.querySelector('[data-testid="thesis"]');
  };

  it('counts down to the window, counts its days, and gives the verdict once it closed (real 2025-09-18 breakout)', () => {
    expect(line('2025-09-19')!.textContent).toContain('the spill-over window opens in 89 days');
    const open = line('2026-01-09')!;
    expect(open.getAttribute('data-status')).toBe('open');
    expect(open.textContent).toContain('day 113 of the 90–180-day spill-over window after the Sep 18, 2025 breakout');
    const closed = line('2026-03-20')!;
    expect(closed.getAttribute('data-status')).toBe('closed');
    expect(closed.textContent).toContain('closed on Mar 17, 2026: highest ASI 39 on Jan 8, 2026, no altseason');
  });
});

describe('options view', () => {
  it.each([
    ['en', 'en-US', 'Altcoin Season Index', 'Return window'],
    ['zh', 'zh-CN', '山寨季指数', '收益计算窗口'],
  ] as const)('renders every label in %s', (lang, locale, section, field) => {
    const text = html(
      <Options
        t={t[lang]}
        locale={locale}
        settings={defaultSettings()}
        now={() => 0}
        onSave={async () => {}}
        onResetBadgePositions={async () => {}}
      />,
    );
    expect(text).toContain(section);
    expect(text).toContain(field);
    expect(text).not.toMatch(RAW_KEY);
  });
});
