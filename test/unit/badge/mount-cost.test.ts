/**
 * What mounting the badge costs the host page, as counts (never times, see docs/BENCHMARKS.md §1):
 * no layout read during the mount (each would force a synchronous layout of the whole page), no getMessage
 * at all (the worker translated the view) and no Intl.NumberFormat (the worker formatted the numbers).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readTheme } from '../../../components/badge/page';
import { defaultPosition, HOME } from '../../../lib/badge/drag';
import type { BadgeLayout } from '../../../lib/badge/state';
import { anyCoverageSettings, realSnapshot } from '../../support/snapshot';
import { BADGE_SIZE, click, layoutFrame, mountUi, settle, setupDom, shown, VIEWPORT } from './dom';

// the ASI of 12 coins accepted, for a number to format
const snap = realSnapshot('2026-08-21', undefined, anyCoverageSettings());

/** Layout reads (the ones the badge could make): counted while `fn` runs. */
function layoutReads(fn: () => void): string[] {
  const reads: string[] = [];
  const proto = (globalThis as unknown as { HTMLElement: typeof HTMLElement }).HTMLElement.prototype;
  const restore: (() => void)[] = [];
  const watch = (obj: object, prop: string) => {
    const d = Object.getOwnPropertyDescriptor(obj, prop);
    if (d?.get) {
      const get = d.get;
      Object.defineProperty(obj, prop, {
        configurable: true,
        get() {
          reads.push(prop);
          return get.call(this);
        },
      });
    } else {
      const f =
        (obj as Record<string, (...a: unknown[]) => unknown>)[prop] ??
        (() => ({ width: 0, height: 0, x: 0, y: 0, top: 0, left: 0, right: 0, bottom: 0 }));
      Object.defineProperty(obj, prop, {
        configurable: true,
        writable: true,
        value(this: unknown, ...a: unknown[]) {
          reads.push(prop);
          return f.apply(this, a);
        },
      });
    }
    restore.push(() => (d ? Object.defineProperty(obj, prop, d) : delete (obj as Record<string, unknown>)[prop]));
  };
  for (const p of [
    'offsetWidth',
    'offsetHeight',
    'clientWidth',
    'clientHeight',
    'getBoundingClientRect',
    'getClientRects',
    'scrollWidth',
    'scrollHeight',
  ])
    watch(proto, p);
  watch(globalThis, 'getComputedStyle');
  try {
    fn();
  } finally {
    restore.forEach((r) => r());
  }
  return reads;
}

describe('mounting the badge', () => {
  beforeAll(() => setupDom());

  const app = (layout: BadgeLayout | null = null) =>
    shown({ snapshot: snap, now: snap.computedAt + 60_000 }, { layout });
  const style = (root: HTMLElement) => {
    const s = root.querySelector<HTMLElement>('.badge')!.style;
    return { left: s.left || '', top: s.top || '', right: s.right || '', visibility: s.visibility || '' };
  };

  it('reads no layout and writes nothing after it: CSS anchors the default place, the ResizeObserver brings the size', () => {
    const m = mountUi();
    const x = app();
    const anchored = { left: '', top: `${HOME.top}px`, right: `${HOME.right}px`, visibility: '' };
    expect(layoutReads(() => m.ui.show(x, 'light'))).toEqual([]);
    expect(style(m.root)).toEqual(anchored);
    layoutFrame();
    expect(style(m.root)).toEqual(anchored);
    // The same place in left/top terms: what a drag or a collapse starts from.
    const home = defaultPosition(BADGE_SIZE, VIEWPORT);
    expect(home).toEqual({ x: VIEWPORT.width - BADGE_SIZE.width - HOME.right, y: HOME.top });
    expect(m.ui.here()).toEqual(home);
    // A window too narrow for the default place: clamped in left/top terms.
    m.ui.vp = { width: 250, height: 720 };
    m.ui.place();
    expect(style(m.root)).toEqual({ left: '8px', top: `${HOME.top}px`, right: '', visibility: '' });
    m.dispose();
  });

  it("collapsed at the default place, the dot stays at the pill's left edge, and that place is stored", () => {
    const stored: BadgeLayout[] = [];
    const m = mountUi();
    const root = m.show(shown({ snapshot: snap, now: snap.computedAt + 60_000 }, { onLayout: (l) => stored.push(l) }));
    click(root.querySelector('button.collapse'));
    const home = defaultPosition(BADGE_SIZE, VIEWPORT);
    expect(stored).toEqual([{ ...home, collapsed: true }]);
    expect(style(m.root)).toMatchObject({ left: `${home.x}px`, top: `${home.y}px`, right: '' });
    m.dispose();
  });

  it('reads no layout with a stored place either (clamped once the size is known)', () => {
    const m = mountUi();
    const x = app({ x: 5000, y: 30, collapsed: false });
    expect(layoutReads(() => m.ui.show(x, 'light'))).toEqual([]);
    expect(style(m.root)).toMatchObject({ left: '5000px', top: '30px', right: '' });
    layoutFrame();
    expect(style(m.root)).toMatchObject({ left: `${VIEWPORT.width - BADGE_SIZE.width - 8}px`, top: '30px', right: '' });
    m.dispose();
  });

  it('paints a live update (a new view) without a layout read, patching the same host', () => {
    const m = mountUi();
    m.show(app());
    const badge = m.root.querySelector('.badge');
    const next = shown({ snapshot: realSnapshot('2025-09-19'), now: snap.computedAt });
    expect(layoutReads(() => m.ui.show(next, 'light'))).toEqual([]);
    expect(m.root.querySelector('.badge')).toBe(badge);
    expect(badge!.getAttribute('data-stage')).toBe('altseason');
    m.dispose();
  });

  it("listens to the page's presses only while the panel is open (to close it on a press outside)", async () => {
    const added: string[] = [];
    const real = document.addEventListener.bind(document);
    document.addEventListener = ((type: string, ...rest: [EventListener, AddEventListenerOptions]) => (
      added.push(type),
      real(type, ...rest)
    )) as typeof document.addEventListener;
    const press = (el: Element) => el.dispatchEvent(new window.Event('pointerdown', { bubbles: true, composed: true }));
    try {
      const m = mountUi();
      const root = m.show(app());
      expect(added).toEqual([]);
      click(root.querySelector('button.main'));
      expect(added).toEqual(['pointerdown']);
      await settle(); // the panel's module and data
      press(root.querySelector('.panel')!); // inside: stays open
      expect(root.querySelector('.panel')).not.toBeNull();
      press(document.body);
      expect(root.querySelector('.panel')).toBeNull();
      expect(root.querySelector('button.main')!.getAttribute('aria-expanded')).toBe('false');
      m.dispose();
    } finally {
      document.addEventListener = real;
    }
  });

  it("adds the panel's stylesheet when the panel first opens, once", async () => {
    const m = mountUi();
    const root = m.show(app());
    const styles = () => [...root.querySelectorAll('style')].map((s) => s.textContent);
    expect(styles()).toEqual([]);
    const main = root.querySelector('button.main');
    click(main);
    await settle();
    expect(styles()).toHaveLength(1);
    expect(styles()[0]).toContain('.panel {');
    click(main); // closed
    click(main); // open again
    await settle();
    expect(root.querySelector('.panel')).not.toBeNull();
    expect(styles()).toHaveLength(1);
    m.dispose();
  });

  it("asks for the OS colour scheme only where the site's theme rule uses it (never on TradingView)", () => {
    const asked: string[] = [];
    const w = window as unknown as { matchMedia: unknown };
    const real = w.matchMedia;
    w.matchMedia = (q: string) => (asked.push(q), { matches: true });
    try {
      expect(readTheme('tradingview')).toBe('light'); // its own class alone: none on <html> here
      expect(asked).toEqual([]);
      expect(readTheme('binance')).toBe('dark'); // no marker on the page: the OS preference (dark here)
      expect(asked).toEqual(['(prefers-color-scheme: dark)']);
    } finally {
      w.matchMedia = real;
    }
  });

  it('constructs no Intl.NumberFormat and formats nothing on the page (the worker did)', () => {
    const x = app();
    const Real = Intl.NumberFormat;
    let made = 0;
    Intl.NumberFormat = new Proxy(Real, { construct: (T, args) => (made++, Reflect.construct(T, args)) });
    const m = mountUi();
    try {
      m.show(x);
    } finally {
      Intl.NumberFormat = Real;
    }
    expect(m.root.querySelector('.kv .v')!.textContent).toBe(x.view.asi.text);
    expect(x.view.asi.text).toMatch(/^\d+$/);
    expect(made).toBe(0);
    m.dispose();
  });
});
