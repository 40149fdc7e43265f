import type { BadgeShow } from '@/lib/badge/controller';
import {
  clampPosition,
  defaultPosition,
  dragPosition,
  HOME,
  homeAnchor,
  isDrag,
  panelPosition,
  type Point,
  type Size,
} from '@/lib/badge/drag';
import type { BadgeLayout } from '@/lib/badge/state';
import { addDays } from '@/lib/series/dates';
import type { Theme } from '@/lib/badge/theme';
import { h, PANEL_ID, stageIcon, staleChip, value } from './dom';
import type { PanelKit } from './panel';

const viewport = (): Size => {
  const el = document.documentElement;
  return { width: el.clientWidth || innerWidth, height: el.clientHeight || innerHeight };
};
const sizeOf = (el: HTMLElement): Size => ({ width: el.offsetWidth, height: el.offsetHeight });
const px = (n: number) => `${n}px`;

/**
 * The on-page badge as static DOM: a draggable pill (or dot) with the stage, its days and 30-day strip, the ASI
 * and its 7-day change, dominance and the Russell; the mini-panel is built only when opened. Nothing is measured
 * while mounting (a layout read would force one of the whole host page): CSS places the first paint, and a
 * ResizeObserver reports the size after the browser's own layout, when the badge is clamped into the window.
 */
export class BadgeUi {
  app = h('div', { class: 'app' });
  badge = h('div', { class: 'badge' });
  main: HTMLButtonElement | null = null;
  panel: HTMLElement | null = null;
  x!: BadgeShow;
  theme: Theme = 'light';
  /** Where the user (or a stored layout) put it; null at the default place, which CSS anchors to the right edge. */
  pos: Point | null = null;
  collapsed = false;
  open = false;
  size: Size | null = null;
  vp: Size = { width: 0, height: 0 };
  drag: { start: Point; p0: Point; moved: boolean } | null = null;
  suppressClick = false;
  stored: BadgeLayout | null | undefined = undefined;
  /** The panel's stylesheet, once it has opened. */
  panelCss: HTMLElement | null = null;
  /** Ends the page-wide listener of an open panel. */
  outside: AbortController | null = null;
  /** The panel's module, loading or loaded (first open on). */
  kit: Promise<PanelKit> | null = null;
  /** Counts panel builds asked for: a build whose data came after a newer one was asked for is dropped. */
  builds = 0;
  ro = new ResizeObserver(([e]) => {
    const b = e!.borderBoxSize?.[0];
    this.size = b ? { width: b.inlineSize, height: b.blockSize } : sizeOf(this.badge);
    this.vp = viewport();
    this.place();
  });

  constructor(
    root: HTMLElement,
    signal: AbortSignal,
    /** Loads the panel's module (an import of content-scripts/badge-panel.js on the page). */
    private loadKit: () => Promise<PanelKit>,
  ) {
    this.app.append(this.badge);
    root.append(this.app);
    this.badge.addEventListener('pointerdown', this.onPointer);
    this.app.addEventListener('keydown', (e) => e.key === 'Escape' && this.open && (e.preventDefault(), this.close()));
    addEventListener('resize', () => ((this.vp = viewport()), this.place()), { signal });
    signal.addEventListener('abort', () => (this.ro.disconnect(), this.follow(false), this.outside?.abort()));
  }

  /** Shows `x` (first paint, a live update, another page of the site): the pill is rebuilt, the rest patched. */
  show(x: BadgeShow, theme: Theme) {
    // Observed from the first show, when the host is in the page: observed before, the detached badge would report
    // a 0×0 size first, a callback for nothing.
    if (!this.x) this.ro.observe(this.badge, { box: 'border-box' });
    this.x = x;
    this.theme = theme;
    const l = x.layout;
    // A layout stored from another tab (or the first read) moves the badge, unless it is being dragged; a reset
    // (options: "Reset badge positions", the layout gone) puts it back to the default place, expanded.
    const s = this.stored;
    if (!this.drag && (s === undefined || l?.x !== s?.x || l?.y !== s?.y || l?.collapsed !== s?.collapsed)) {
      this.pos = l && { x: l.x, y: l.y };
      if (this.collapsed !== !!l?.collapsed) this.size = null;
      this.collapsed = !!l?.collapsed;
      if (this.collapsed) this.open = false;
    }
    this.stored = l;
    this.paint();
  }

  paint() {
    const { view: v } = this.x;
    const a = this.app;
    a.className = `app`;
    a.dataset.theme = this.theme;
    a.style.setProperty('--st', v.colors[v.stage]);
    const b = this.badge;
    b.dataset.stage = v.stage;
    b.dataset.collapsed = String(this.collapsed);
    b.dataset.stale = String(v.stale !== null);
    b.style.setProperty('--op', String(v.opacity));
    this.move();
    const t = v.text;
    const focused = this.active();
    const hadFocus = !!focused && b.contains(focused);
    if (this.collapsed) {
      const dot = h(
        'button',
        { type: 'button', class: 'dot', 'aria-label': t.expand, title: v.summary },
        stageIcon(v.stage),
      );
      dot.onclick = this.onMainClick;
      b.replaceChildren(dot);
      this.main = dot as HTMLButtonElement;
    } else {
      const main = h(
        'button',
        {
          type: 'button',
          class: 'main',
          'aria-expanded': String(this.open),
          'aria-controls': PANEL_ID,
          title: `${v.summary}\n${t.dragHint}`,
        },
        stageIcon(v.stage),
        h('span', { class: 'stage' }, v.label),
        v.days && h('span', { class: 'k days', title: v.daysTitle }, v.days),
        v.strip.length > 0 &&
          h(
            'span',
            { class: 'strip', role: 'img', 'aria-label': v.stripLabel },
            ...v.strip.map((st, n) => {
              const date = addDays(v.stripFrom!, n);
              const i = h('i', { title: `${date}: ${v.names[st]}`, 'data-date': date, 'data-stage': st });
              i.style.background = v.colors[st];
              return i;
            }),
          ),
        h(
          'span',
          { class: 'kv' },
          h('span', { class: 'k' }, t.asi),
          // Compact on the page: "≈" before a number over part of the universe; the title says k of N.
          v.asiPartial && h('span', { class: 'part', title: v.asiPartial.title }, '≈'),
          value(v.asi, 'b'),
          v.asi7 && h('span', { class: 'k d7', title: v.asi7Title }, v.asi7),
        ),
        h('span', { class: 'kv' }, h('span', { class: 'k' }, t.dom), value(v.dom)),
        value(v.russell),
        v.confirming && h('span', { class: 'chip', title: v.confirming.title }, v.confirming.text),
        staleChip(v.stale),
      );
      main.onclick = this.onMainClick;
      const collapse = h(
        'button',
        { type: 'button', class: 'collapse', 'aria-label': t.collapse, title: t.collapse },
        '–',
      );
      collapse.onclick = () => this.setCollapsed(true);
      b.replaceChildren(main, collapse);
      this.main = main as HTMLButtonElement;
    }
    if (hadFocus) this.main.focus();
    // An open panel follows the data too.
    if (this.open) void this.showPanel(false);
  }

  /** The focused element of the badge's root (its shadow root, or the document in tests). */
  active(): Element | null {
    return (this.app.getRootNode() as Document | ShadowRoot).activeElement ?? null;
  }

  /** Positions the badge: its place (left/top) once known, else anchored top right by CSS alone. */
  move() {
    const s = this.badge.style;
    const p = this.pos;
    s.left = p ? px(p.x) : '';
    s.top = px(p ? p.y : HOME.top);
    s.right = p ? '' : px(HOME.right);
  }

  /** Where the badge is now in left/top terms, once its size is known. */
  here(): Point | null {
    return this.pos ?? (this.size && defaultPosition(this.size, this.vp));
  }

  /**
   * Clamps the badge into the window and places an open panel. The default place is left to CSS (nothing written,
   * no second style pass after the first layout) unless the window is too small for it.
   */
  place() {
    const size = this.size;
    if (!size) return;
    const anchor = homeAnchor(size, this.vp);
    const home = clampPosition(anchor, size, this.vp);
    if (this.pos || home.x !== anchor.x || home.y !== anchor.y) {
      this.pos = this.pos ? clampPosition(this.pos, size, this.vp) : home;
      this.move();
    }
    const next = this.pos ?? home;
    const panel = this.panel;
    if (panel) {
      const at = panelPosition({ ...next, ...size }, sizeOf(panel), this.vp);
      Object.assign(panel.style, { left: px(at.x), top: px(at.y), visibility: 'visible' });
    }
  }

  /**
   * Builds the open panel for the shown view: on opening (focus moves into it) and on each update while open. Its
   * module and the view's panel part are loaded first (from the second time on, both are at hand).
   */
  async showPanel(focus: boolean) {
    const x = this.x;
    const n = ++this.builds;
    const got = await Promise.all([(this.kit ??= this.loadKit()), x.panel()]).catch(() => {
      this.kit = null; // a failed import is tried again at the next open
      return null;
    });
    if (n !== this.builds || !this.open) return; // closed meanwhile, or a newer build is on its way
    // Nothing to show (no panel part stored yet, or the extension was reloaded): the panel stays closed.
    if (!got?.[1]) return this.close(focus);
    const [kit, part] = got;
    const next = kit.build({ ...x.view, ...part }, x, Date.now(), () => this.close(), x.onDetails);
    const old = this.panel;
    if (!this.panelCss) this.app.before((this.panelCss = kit.style()));
    next.style.visibility = old?.style.visibility || 'hidden';
    // A live update keeps focus where it was: in the panel when it was there.
    if (old && old.contains(this.active())) focus = true;
    if (old) old.replaceWith(next);
    else this.app.append(next);
    this.panel = next;
    // Laid out hidden first, measured (a user action: one layout is fine), then placed and shown.
    this.vp = viewport();
    this.place();
    if (focus) next.focus();
  }

  /**
   * While the panel is open, a press outside the badge and panel closes it (without stealing focus). Listened to on
   * the page's document only then: a closed badge runs nothing on the page's presses.
   */
  watchOutside() {
    if (this.outside) return;
    const stop = (this.outside = new AbortController());
    const onPress = (e: PointerEvent) => {
      const path = e.composedPath();
      if (!path.includes(this.badge) && !(this.panel && path.includes(this.panel))) this.close(false);
    };
    document.addEventListener('pointerdown', onPress, { capture: true, signal: stop.signal });
  }

  close(focusMain = true) {
    this.outside?.abort();
    this.outside = null;
    this.open = false;
    this.panel?.remove();
    this.panel = null;
    this.main?.setAttribute('aria-expanded', 'false');
    if (focusMain) this.main?.focus();
  }

  setCollapsed(collapsed: boolean) {
    this.close(false);
    // Stored where it is, the default place included: the dot stays at the pill's left edge.
    this.pos = this.here();
    this.collapsed = collapsed;
    this.size = null;
    if (this.pos) this.x.onLayout({ ...this.pos, collapsed });
    this.paint();
    this.main?.focus();
  }

  onMainClick = () => {
    if (this.suppressClick) return void (this.suppressClick = false);
    if (this.collapsed) this.setCollapsed(false);
    else if (this.open) this.close();
    else {
      this.open = true;
      this.watchOutside();
      this.main?.setAttribute('aria-expanded', 'true');
      void this.showPanel(true);
    }
  };

  follow(on: boolean) {
    for (const type of ['pointermove', 'pointerup', 'pointercancel'])
      (on ? addEventListener : removeEventListener)(type, this.onPointer as EventListener, true);
  }

  /**
   * Drag by pointer: a press that travels a few pixels moves the badge (and is not a click). Moves are followed on
   * the window (capture phase), so a quick flick off the badge, or a page that stops propagation, keeps the drag.
   */
  onPointer = (e: PointerEvent) => {
    const d = this.drag;
    const at = { x: e.clientX, y: e.clientY };
    if (e.type === 'pointerdown') {
      this.suppressClick = false;
      this.vp = viewport();
      const start = this.here();
      if (e.button || !start || (e.target as Element).closest('.collapse')) return;
      this.drag = { start, p0: at, moved: false };
      this.follow(true);
    } else if (d && e.type === 'pointermove') {
      if (!d.moved) {
        if (!isDrag(d.p0, at)) return;
        d.moved = true;
        // From here on the page (e.g. a chart's crosshair) does not see this pointer.
        this.badge.setPointerCapture(e.pointerId);
        if (this.open) this.close(false);
      }
      this.pos = this.dragTo(d, at);
      this.move();
    } else if (d) {
      this.drag = null;
      this.follow(false);
      if (d.moved && e.type === 'pointerup') {
        this.pos = this.dragTo(d, at);
        this.move();
        this.suppressClick = true;
        this.x.onLayout({ ...this.pos, collapsed: this.collapsed });
      }
    }
  };

  dragTo(d: NonNullable<BadgeUi['drag']>, at: Point): Point {
    return clampPosition(dragPosition(d.start, d.p0, at), this.size ?? sizeOf(this.badge), this.vp);
  }
}
