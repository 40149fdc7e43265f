/**
 * The panel loads on demand (components/badge/ui.ts): its module (content-scripts/badge-panel.js on the page) and
 * the view's panel part are fetched at the first open, never at mount; an open, close or update while they load
 * never shows a stale or unwanted panel; a failed load leaves the badge closed and is tried again at the next open.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { panelKit, type PanelKit } from '../../../components/badge/panel';
import { BadgeUi } from '../../../components/badge/ui';
import { splitBadgeView, type BadgePanelPart } from '../../../lib/badge/view';
import { deferred } from '../../support/async';
import { realSnapshot } from '../../support/snapshot';
import { click, layoutFrame, settle, setupDom, shown } from './dom';

const now = realSnapshot('2025-09-19').computedAt + 60_000;

/** A badge whose panel module and panel part come from `kit()` and `part()`, each call counted. */
function badge(kit: () => Promise<PanelKit>, part?: () => Promise<BadgePanelPart | null>) {
  const root = document.createElement('div');
  document.body.append(root);
  const calls = { kit: 0, part: 0 };
  const ui = new BadgeUi(root, new AbortController().signal, () => (calls.kit++, kit()));
  const x = shown({ snapshot: realSnapshot('2025-09-19'), now });
  const show = (s = x) => {
    const p = part ?? s.panel;
    ui.show({ ...s, panel: () => (calls.part++, p()) }, 'light');
    layoutFrame();
  };
  show();
  const main = () => root.querySelector('button.main');
  return { root, ui, calls, show, main, panel: () => root.querySelector('.panel'), x };
}

describe('the badge panel, loaded on demand', () => {
  beforeAll(() => void setupDom());

  it('loads its module and the panel part at the first open only, never at mount', async () => {
    const b = badge(async () => panelKit);
    expect(b.calls).toEqual({ kit: 0, part: 0 });
    click(b.main());
    expect(b.main()!.getAttribute('aria-expanded')).toBe('true'); // said at once, while it loads
    await settle();
    expect(b.panel()?.querySelector('h2')?.textContent).toBe('Altcoin season');
    click(b.main()); // closed
    click(b.main()); // open again: the module is at hand (the part is the controller's to cache)
    await settle();
    expect(b.panel()).not.toBeNull();
    expect(b.calls.kit).toBe(1);
  });

  it('closed before the module came: no panel appears when it does', async () => {
    const k = deferred<PanelKit>();
    const b = badge(() => k.promise);
    click(b.main());
    click(b.main()); // closed again, the module still loading
    k.resolve(panelKit);
    await settle();
    expect(b.panel()).toBeNull();
    expect(b.main()!.getAttribute('aria-expanded')).toBe('false');
  });

  it('a failed import leaves the badge closed, and the next open tries again', async () => {
    let fail = true;
    const b = badge(async () => {
      if (fail) throw new TypeError('Failed to fetch dynamically imported module');
      return panelKit;
    });
    click(b.main());
    await settle();
    expect(b.panel()).toBeNull();
    expect(b.main()!.getAttribute('aria-expanded')).toBe('false');
    fail = false;
    click(b.main());
    await settle();
    expect(b.panel()).not.toBeNull();
    expect(b.calls.kit).toBe(2);
  });

  it('no usable panel part stored (yet): the panel stays closed', async () => {
    const b = badge(
      async () => panelKit,
      async () => null,
    );
    click(b.main());
    await settle();
    expect(b.panel()).toBeNull();
    expect(b.main()!.getAttribute('aria-expanded')).toBe('false');
  });

  it('an update while the part loads: the newer build wins, the slower older one is dropped', async () => {
    const reads = [deferred<BadgePanelPart | null>(), deferred<BadgePanelPart | null>()];
    let n = 0;
    const b = badge(
      async () => panelKit,
      () => reads[n++]!.promise,
    );
    click(b.main()); // opening: read 1
    const newer = shown({ snapshot: realSnapshot('2026-05-04'), now });
    b.show(newer); // a live update while open: read 2
    const { part: newPart } = splitBadgeView(newer.view as never);
    reads[1]!.resolve(newPart);
    await settle();
    const shownTop = () => [...b.panel()!.querySelectorAll('h3 + ul li')].map((li) => li.textContent);
    expect(shownTop()).toEqual(newPart.panel.top);
    // The first read comes last, with the older view's part: it is not shown over the newer.
    reads[0]!.resolve(splitBadgeView(b.x.view as never).part);
    await settle();
    expect(shownTop()).toEqual(newPart.panel.top);
    expect(newPart.panel.top).not.toEqual(splitBadgeView(b.x.view as never).part.panel.top);
  });
});
