/**
 * XSS (issue 6, guarantee 6): a coin symbol, a source or provider name, an error kind or message, or
 * a reason carrying `<img src=x onerror=alert(1)>` renders as TEXT in every view — the badge and its
 * panel, the popup's views, and the options page (stored settings and an imported file). Each test
 * asserts the payload is on screen literally and that no <img> (or any element with an on* handler
 * attribute) was created. Rendered into a DOM (linkedom) with Preact, as the extension renders them.
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
import { defaultSettings, type Settings } from '../../../lib/settings/defaults';
import type { Snapshot } from '../../../lib/snapshot/types';
import { hostileLog, hostileSnapshot, XSS } from '../../support/hostile';
import { FakeResizeObserver, layoutFrame, mountUi, settle, shown } from '../badge/dom';

let snap: Snapshot;
let t: Translate;
let win: Window & typeof globalThis;

beforeAll(() => {
  const dom = parseHTML('<!doctype html><html><body><main id="app"></main></body></html>');
  win = dom.window as unknown as Window & typeof globalThis;
  Object.assign(globalThis, {
    window: dom.window,
    document: dom.document,
    Node: dom.window.Node,
    Element: dom.window.Element,
    HTMLElement: dom.window.HTMLElement,
    Event: dom.window.Event,
    innerWidth: 1280,
    innerHeight: 720,
    addEventListener: () => {},
    removeEventListener: () => {},
    ResizeObserver: FakeResizeObserver,
  });
  // Layout sizes (linkedom does no layout): the badge places itself from them.
  for (const [prop, value] of [
    ['offsetWidth', 200],
    ['offsetHeight', 32],
    ['clientWidth', 1280],
    ['clientHeight', 720],
  ] as const) {
    Object.defineProperty(dom.window.HTMLElement.prototype, prop, { configurable: true, get: () => value });
  }
  (dom.window.HTMLElement.prototype as unknown as { setPointerCapture(): void }).setPointerCapture = () => {};
  snap = hostileSnapshot();
  t = translateFrom(loadLocales().en!);
});

const ctx = (): ViewCtx => ({ t, f: makeFormat('en-US'), now: snap.computedAt + 5 * 60_000 });

function mount(node: preact.ComponentChild): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  act(() => render(node, root));
  layoutFrame();
  return root;
}

/** The payload is shown as text, and nothing of it became markup. */
function expectInert(root: Element, times = 1) {
  expect(root.querySelectorAll('img')).toHaveLength(0);
  const withHandlers = [...root.querySelectorAll('*')].filter((el) =>
    [...el.attributes].some((a) => /^on/i.test(a.name)),
  );
  expect(withHandlers.map((el) => el.outerHTML)).toEqual([]);
  const text = root.textContent ?? '';
  expect(text.split(XSS).length - 1).toBeGreaterThanOrEqual(times);
  // serialized, the payload is escaped
  expect(root.innerHTML).toMatch(/&lt;img src=x onerror=alert\(1\)(&gt;|>)/);
}

describe('hostile text renders as text', () => {
  it('popup header: reason text and its source', () => {
    const root = mount(<Header snapshot={snap} ctx={ctx()} />);
    expectInert(root, 2);
    expect(root.querySelector('[data-testid="reasons"]')!.textContent).toContain(`${XSS} reason`);
    // a payload in a parameter of the translated sentence is text too
    expect(root.querySelector('[data-testid="reasons"]')!.textContent).toContain(`${XSS} arg`);
  });

  it('popup tiles: every signal’s source name', () => {
    const root = mount(<Tiles snapshot={snap} settings={defaultSettings()} ctx={ctx()} />);
    expectInert(root, 3);
    expect(root.querySelector('[data-tile="russell"] .source')!.textContent).toContain(`${XSS} russell`);
  });

  it('popup coin table: coin symbols and exclusion reasons', () => {
    const root = mount(<CoinTable snapshot={snap} ctx={ctx()} />);
    expectInert(root, 3);
    expect(root.querySelector('[data-testid="coin-table"] tbody tr[data-coin] th')!.textContent).toBe(XSS);
    // the exclusion's plain-words reason is a title attribute: an attribute value, not markup
    const excluded = [...root.querySelectorAll('[data-testid="excluded"] span')].find(
      (s) => s.textContent === `${XSS}x`,
    );
    expect(excluded?.getAttribute('title')).toBe(XSS);
  });

  it('popup sources: provider names, error kinds, error messages and the serving provider', () => {
    const root = mount(<Sources snapshot={snap} ctx={ctx()} />);
    expectInert(root, 4);
    const row = [...root.querySelectorAll('tr[data-source]')].find((r) => r.getAttribute('data-source') === XSS)!;
    expect(row.querySelector('th')!.textContent).toContain(XSS);
    expect(root.querySelector('tr[data-source="binance"]')!.textContent).toContain(
      `HTTP 500 from data-api.binance.vision: ${XSS}`,
    );
    expect(root.querySelector('.served')!.textContent).toContain(`${XSS} served`);
  });

  it('popup phase log: logged reasons', () => {
    const root = mount(<PhaseLog log={hostileLog(snap)} ctx={ctx()} />);
    expectInert(root);
  });

  it('badge and its open panel (static DOM from the worker’s view): reasons, arguments, the coin line', async () => {
    // An excluded coin whose reason carries the payload: the coin-on-screen line shows it as text.
    const s = structuredClone(snap);
    (s.evaluation.asi as { excluded: unknown[] }).excluded.push({ symbol: 'ABC', reason: 'gone', why: `${XSS} coin` });
    const href = 'https://www.tradingview.com/chart/AbC123/?symbol=BINANCE%3AABCUSDT';
    const x = shown({ snapshot: s, settings: defaultSettings(), now: snap.computedAt + 60_000 }, { href });
    const m = mountUi();
    const root = m.show(x);
    expect(root.querySelector('.panel')).toBeNull();
    root.querySelector<HTMLButtonElement>('button.main')!.dispatchEvent(new win.Event('click', { bubbles: true }));
    await settle(); // the panel's module and data
    const panel = root.querySelector('.panel');
    expect(panel).not.toBeNull();
    expectInert(root, 3);
    expect(panel!.textContent).toContain(`${XSS} reason`);
    expect(panel!.textContent).toContain(`${XSS} arg`);
    expect(panel!.querySelector('.coin')!.textContent).toBe(`ABC: not in the ASI universe (${XSS} coin)`);
    m.dispose();
  });

  it('badge: an unknown ASI’s reason ("why") from storage', async () => {
    const s = structuredClone(snap);
    s.evaluation.asi = { value: null, why: XSS, asOf: null, excluded: [] };
    const m = mountUi();
    const root = m.show(shown({ snapshot: s, settings: defaultSettings(), now: s.computedAt }));
    root.querySelector('button.main')!.dispatchEvent(new win.Event('click', { bubbles: true }));
    await settle();
    expect(root.querySelector('.panel')).not.toBeNull();
    expectInert(root);
    m.dispose();
  });

  it('options page: hostile stored settings (a tampered sync storage) show as text with their errors', () => {
    const stored = defaultSettings();
    stored.asi.excludeSymbols = [XSS, 'USDT'];
    stored.asi.excludeCategories = [XSS];
    const root = mount(
      <Options
        t={t}
        locale="en-US"
        settings={stored as Settings}
        now={() => 0}
        onSave={async () => {}}
        onResetBadgePositions={async () => {}}
      />,
    );
    expect(root.querySelectorAll('img')).toHaveLength(0);
    // the list shows what is stored, as the textarea's value (text)
    expect(root.querySelector<HTMLTextAreaElement>('textarea[name="asi.excludeSymbols"]')!.value).toContain(XSS);
    // each bad item (the list splits on spaces) is named in its field's error message, as text
    const errors = [...root.querySelectorAll('.field-error p')].map((e) => e.textContent ?? '').join('\n');
    expect(errors).toContain('“<img”');
    expect(errors).toContain('“onerror=alert(1)>”');
    // (linkedom serializes a textarea's text unescaped, so the check is on elements, not on innerHTML)
    expect(root.querySelectorAll('img')).toHaveLength(0);
    const withHandlers = [...root.querySelectorAll('*')].filter((el) =>
      [...el.attributes].some((a) => /^on/i.test(a.name)),
    );
    expect(withHandlers).toEqual([]);
  });

  it('options page: importing a file whose keys and values carry the payload lists the errors as text', async () => {
    const saved: unknown[] = [];
    const root = mount(
      <Options
        t={t}
        locale="en-US"
        settings={defaultSettings()}
        now={() => 0}
        onSave={async (s) => void saved.push(s)}
        onResetBadgePositions={async () => {}}
      />,
    );
    const input = root.querySelector<HTMLInputElement>('#f-import')!;
    const body = JSON.stringify({ [XSS]: XSS, asi: { excludeSymbols: [XSS] } });
    Object.defineProperty(input, 'files', {
      value: [new File([body], 'evil.json', { type: 'application/json' })],
      configurable: true,
    });
    await act(async () => {
      input.dispatchEvent(new win.Event('change', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 20));
    });
    const list = root.querySelector('[data-testid="import-errors"]')!;
    const lines = [...list.querySelectorAll('li')].map((l) => l.textContent);
    expect(lines).toContain(`${XSS}: ${t('options_err_unknown_key')}`);
    expect(saved).toEqual([]);
    expectInert(list);
  });
});
