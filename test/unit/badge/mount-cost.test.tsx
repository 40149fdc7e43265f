/**
 * What mounting the badge costs the host page, as counts (never times, see docs/BENCHMARKS.md §1):
 * no layout read during the mount (each would force a synchronous layout of the whole page), one
 * getMessage per label per page (not per render), and no Intl.NumberFormat for an en-US browser.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { BadgeApp } from '../../../components/badge/BadgeApp';
import { defaultPosition, HOME } from '../../../lib/badge/drag';
import type { BadgeLayout } from '../../../lib/badge/state';
import { loadLocales } from '../../../lib/i18n/node';
import { makeTranslate, translateFrom, type Translate } from '../../../lib/i18n/translate';
import { anyCoverageSettings, realSnapshot } from '../../support/snapshot';
import { BADGE_SIZE, layoutFrame, setupDom, VIEWPORT } from './dom';

// the ASI of 12 coins accepted, for a number to format
const snap = realSnapshot('2026-08-21', undefined, anyCoverageSettings());
const en = translateFrom(loadLocales().en!);

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

  const app = (t: Translate, layout: BadgeLayout | null = null) => (
    <BadgeApp
      snapshot={snap}
      settings={undefined}
      opacity={0.95}
      theme="light"
      layout={layout}
      t={t}
      locale="en-US"
      now={() => snap.computedAt + 60_000}
      onLayout={() => {}}
      onDetails={() => {}}
    />
  );
  const style = (root: HTMLElement) => {
    const s = root.querySelector<HTMLElement>('.badge')!.style;
    return { left: s.left || '', top: s.top || '', right: s.right || '', visibility: s.visibility || '' };
  };
  const fresh = () => {
    const root = document.createElement('div');
    document.body.append(root);
    return root;
  };

  it('reads no layout: CSS anchors it at the default place; its size comes from the ResizeObserver after the first layout', () => {
    const root = fresh();
    expect(layoutReads(() => act(() => render(app(en), root)))).toEqual([]);
    expect(style(root)).toEqual({ left: '', top: `${HOME.top}px`, right: `${HOME.right}px`, visibility: '' });
    layoutFrame();
    const home = defaultPosition(BADGE_SIZE, VIEWPORT);
    // The same place, now in left/top terms (what a drag starts from).
    expect(home).toEqual({ x: VIEWPORT.width - BADGE_SIZE.width - HOME.right, y: HOME.top });
    expect(style(root)).toEqual({ left: `${home.x}px`, top: `${home.y}px`, right: '', visibility: '' });
    act(() => render(null, root));
  });

  it('reads no layout with a stored place either (clamped once the size is known)', () => {
    const root = fresh();
    expect(layoutReads(() => act(() => render(app(en, { x: 5000, y: 30, collapsed: false }), root)))).toEqual([]);
    expect(style(root)).toMatchObject({ left: '5000px', top: '30px', right: '' });
    layoutFrame();
    expect(style(root)).toMatchObject({ left: `${VIEWPORT.width - BADGE_SIZE.width - 8}px`, top: '30px', right: '' });
    act(() => render(null, root));
  });

  it('asks getMessage once per label per page: the second render and the placing re-render ask nothing', () => {
    const keys: string[] = [];
    const t = makeTranslate((key, subs) => (keys.push(key), en(key, ...(subs ?? []))));
    const root = fresh();
    act(() => render(app(t), root));
    const first = keys.length;
    expect(first).toBeGreaterThan(5);
    // Each (key, arguments) once: the badge_sig_* labels and stage names are asked for a single time.
    expect(new Set(keys).size).toBe(first);
    layoutFrame();
    act(() => render(app(t), root));
    expect(keys.length).toBe(first);
    act(() => render(null, root));
  });

  it('constructs no Intl.NumberFormat (en-US)', () => {
    const Real = Intl.NumberFormat;
    let made = 0;
    Intl.NumberFormat = new Proxy(Real, { construct: (T, args) => (made++, Reflect.construct(T, args)) });
    const root = fresh();
    try {
      act(() => render(app(en), root));
      layoutFrame();
    } finally {
      Intl.NumberFormat = Real;
    }
    expect(root.querySelector('.kv .v')!.textContent).toMatch(/^\d+$/);
    expect(made).toBe(0);
    act(() => render(null, root));
  });
});
