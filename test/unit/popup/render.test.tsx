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
import { realSnapshot } from '../../support/snapshot';

const RAW_KEY = /\b(?:popup|options|alerts|stage)_[a-z0-9_]+\b/i;
let snap: Snapshot;
let t: { en: Translate; zh: Translate };

beforeAll(() => {
  const { window, document } = parseHTML('<!doctype html><html><body><main id="app"></main></body></html>');
  Object.assign(globalThis, { window, document, Node: window.Node, Element: window.Element, HTMLElement: window.HTMLElement, Event: window.Event });
  snap = realSnapshot('2025-09-19', (s) => {
    s.crossCheck = { cmcAsi: 61, asOf: '2025-09-18' };
    s.sources.coingecko = { lastSuccess: null, lastError: { at: s.computedAt - 3_600_000, kind: 'http-429', message: 'Too Many Requests' } };
  });
  const l = loadLocales();
  t = { en: translateFrom(l.en!), zh: translateFrom(l.zh_CN!) };
});

function html(node: preact.ComponentChild): string {
  const root = document.createElement('div');
  act(() => render(node, root));
  return root.textContent ?? '';
}

const log: PhaseLogEntry[] = [{ day: '2025-09-19', from: 'alt-rotation', to: 'altseason', at: Date.parse('2025-09-19T12:00:00Z'), reasons: [] }];

describe.each([
  ['en', 'en-US', { stage: 'Altcoin season', day: 'Sep 19, 2025', russell: '2,448.77', cmc: "CoinMarketCap's index: 61" }],
  ['zh', 'zh-CN', { stage: '山寨季', day: '2025年9月19日', russell: '2,448.77', cmc: 'CoinMarketCap 指数：61' }],
] as const)('popup views in %s', (lang, locale, want) => {
  const ctx = (): ViewCtx => ({ t: t[lang], f: makeFormat(locale), now: snap.computedAt + 5 * 60_000 });

  it('header: stage, setup and reasons, no raw keys', () => {
    const text = html(<Header snapshot={snap} ctx={ctx()} />);
    expect(text).toContain(want.stage);
    expect(text).toContain(want.day);
    expect(text).toContain('ASI 79 ≥ 75 → Altcoin season');
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
    expect(root.querySelector('[data-tile="asi"] [data-testid="cross-check"]')!.textContent).toContain(want.cmc);
    expect(root.querySelector('[data-tile="russell"] .source')!.textContent).toContain('rut.csv');
    expect(root.textContent).not.toMatch(RAW_KEY);
  });

  it('coin table, sources and log', () => {
    const coins = html(<CoinTable snapshot={snap} ctx={ctx()} />);
    expect(coins).toContain('ASTER');
    expect(coins).not.toMatch(RAW_KEY);
    const sources = html(<Sources snapshot={snap} ctx={ctx()} />);
    expect(sources).toContain('http-429');
    expect(sources).toContain('Too Many Requests');
    expect(sources).not.toMatch(RAW_KEY);
    const phase = html(<PhaseLog log={log} ctx={ctx()} />);
    expect(phase).toContain(want.stage);
    expect(phase).not.toMatch(RAW_KEY);
  });
});

describe('options view', () => {
  it.each([
    ['en', 'en-US', 'Altcoin Season Index', 'Return window'],
    ['zh', 'zh-CN', '山寨季指数', '收益计算窗口'],
  ] as const)('renders every label in %s', (lang, locale, section, field) => {
    const text = html(<Options t={t[lang]} locale={locale} settings={defaultSettings()} now={() => 0} onSave={async () => {}} onResetBadgePositions={async () => {}} />);
    expect(text).toContain(section);
    expect(text).toContain(field);
    expect(text).not.toMatch(RAW_KEY);
  });
});
