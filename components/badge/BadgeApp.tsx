/** @jsxRuntime classic */
/** @jsx h */
/** @jsxFrag Fragment */
import { Component, createRef, Fragment, h, type JSX } from 'preact';
import {
  clampPosition,
  defaultPosition,
  dragPosition,
  HOME,
  isDrag,
  panelPosition,
  type Point,
  type Size,
} from '@/lib/badge/drag';
import { badgeModel, panelModel, type StoredSettings } from '@/lib/badge/model';
import type { BadgeLayout } from '@/lib/badge/state';
import type { Theme } from '@/lib/badge/theme';
import type { Translate } from '@/lib/i18n/translate';
import type { Snapshot } from '@/lib/snapshot/types';
import { toDay } from '@/lib/series/dates';
import { Panel, Stale, Value } from './Panel';
import { StageIcon } from './StageIcon';

export interface BadgeAppProps {
  snapshot: Snapshot | null;
  /** Thresholds and max ages (from settings) the badge shows and judges freshness by. */
  settings: StoredSettings;
  opacity: number;
  theme: Theme;
  /** Where this site's badge was left, or null for the default place. */
  layout: BadgeLayout | null;
  t: Translate;
  /** The browser's UI language (browser.i18n.getUILanguage()), for numbers and dates. */
  locale?: string;
  /** Called when the user dropped or collapsed/expanded the badge (to persist it). */
  onLayout(layout: BadgeLayout): void;
  onDetails(): void;
  now?: () => number;
}

interface State {
  open: boolean;
  collapsed: boolean;
  pos: Point | null;
  panelAt: Point | null;
}

const PANEL_ID = 'panel';

function viewport(): Size {
  const el = document.documentElement;
  return { width: el.clientWidth || innerWidth, height: el.clientHeight || innerHeight };
}

const same = (a: Point | null, b: Point | null) => a?.x === b?.x && a?.y === b?.y;
const sizeOf = (el: HTMLElement): Size => ({ width: el.offsetWidth, height: el.offsetHeight });

/**
 * The on-page badge: a draggable pill (or dot) showing the stage, ASI, dominance and the Russell,
 * with a mini-panel. Pure view: data, text and persistence come in as props. (A class, not hooks:
 * preact/hooks would cost the content script 1 KB of its budget.)
 */
export class BadgeApp extends Component<BadgeAppProps, State> {
  override state: State = {
    open: false,
    collapsed: this.props.layout?.collapsed ?? false,
    pos: this.props.layout ? { x: this.props.layout.x, y: this.props.layout.y } : null,
    panelAt: null,
  };
  badge = createRef<HTMLDivElement>();
  main = createRef<HTMLButtonElement>();
  panel = createRef<HTMLElement>();
  drag: { start: Point; p0: Point; moved: boolean } | null = null;
  suppressClick = false;
  focusMain = false;
  timer?: ReturnType<typeof setInterval>;
  /**
   * The badge's border box and the window, as last measured: by the ResizeObserver (after the
   * browser's own layout, so no read forces one) and on resize. Null before the first layout.
   */
  size: Size | null = null;
  vp: Size = { width: 0, height: 0 };
  ro?: ResizeObserver;

  rerender = () => this.forceUpdate();

  onResize = () => {
    this.vp = viewport();
    this.rerender();
  };

  /** A press outside the badge and panel closes the panel (without stealing focus). */
  onDocDown = (e: PointerEvent) => {
    const path = e.composedPath();
    if (this.state.open && !path.includes(this.badge.current!) && !path.includes(this.panel.current!))
      this.setState({ open: false, panelAt: null });
  };

  /**
   * Nothing is measured here: a layout read during the mount would force a synchronous layout of the
   * whole host page. CSS places the first paint (the stored place, or HOME); the ResizeObserver reports
   * the badge's size after the browser's next layout, before that frame is painted, and place() then
   * clamps it into the window (or turns HOME into a left/top position, for dragging).
   */
  override componentDidMount() {
    // Ages ("updated 3 min ago") move on with the clock; a resize re-clamps the badge into the window.
    this.timer = setInterval(this.rerender, 60_000);
    addEventListener('resize', this.onResize);
    document.addEventListener('pointerdown', this.onDocDown, true);
    this.ro = new ResizeObserver(([e]) => {
      const b = e!.borderBoxSize?.[0];
      this.size = b ? { width: b.inlineSize, height: b.blockSize } : sizeOf(e!.target as HTMLElement);
      this.vp = viewport();
      this.place();
    });
    this.ro.observe(this.badge.current!, { box: 'border-box' });
  }

  override componentWillUnmount() {
    clearInterval(this.timer);
    this.ro?.disconnect();
    removeEventListener('resize', this.onResize);
    document.removeEventListener('pointerdown', this.onDocDown, true);
    this.follow(false);
  }

  override componentDidUpdate(prev: BadgeAppProps, prevState: State) {
    const l = this.props.layout;
    const p = prev.layout;
    // A layout stored from another tab (or the first read) moves the badge, unless it is being dragged;
    // a reset (options: "Reset badge positions", the layout gone) puts it back to the default place, expanded.
    if (!this.drag && (l?.x !== p?.x || l?.y !== p?.y || l?.collapsed !== p?.collapsed)) {
      this.setState({ pos: l && { x: l.x, y: l.y }, collapsed: !!l?.collapsed });
      return;
    }
    // A dot and a pill differ in size: wait for the ResizeObserver's new size rather than place by the old one.
    if (prevState.collapsed !== this.state.collapsed) this.size = null;
    this.place();
    // Focus follows the panel: into it once placed (hidden before), back to the badge when closed.
    const s = this.state;
    if (s.open && s.panelAt && !prevState.panelAt) this.panel.current?.focus();
    if (!s.open && this.focusMain) {
      this.focusMain = false;
      this.main.current?.focus();
    }
  }

  /** Places the badge (default spot, or kept inside the viewport) and the panel beside it; not before its first layout. */
  place() {
    const { size, vp } = this;
    if (!size) return;
    const { pos, open, panelAt } = this.state;
    const next = pos ? clampPosition(pos, size, vp) : defaultPosition(size, vp);
    const panel = this.panel.current;
    // The panel is measured when the user opens it (it is laid out hidden first).
    const at = open && panel ? panelPosition({ ...next, ...size }, sizeOf(panel), vp) : panelAt;
    if (!same(next, pos) || !same(at, panelAt)) this.setState({ pos: next, panelAt: at });
  }

  close = () => {
    this.focusMain = true;
    this.setState({ open: false, panelAt: null });
  };

  onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && this.state.open) {
      e.preventDefault();
      this.close();
    }
  };

  /** Where a drag puts the badge, kept inside the viewport. */
  dragTo(d: NonNullable<BadgeApp['drag']>, at: Point): Point {
    return clampPosition(dragPosition(d.start, d.p0, at), this.size ?? sizeOf(this.badge.current!), this.vp);
  }

  follow(on: boolean) {
    for (const type of ['pointermove', 'pointerup', 'pointercancel'])
      (on ? addEventListener : removeEventListener)(type, this.onPointer as EventListener, true);
  }

  /**
   * Drag by pointer: a press that travels a few pixels moves the badge (and is not a click). Moves are
   * followed on the window (capture phase), so a quick flick off the badge, or a page that stops
   * propagation, does not lose the drag.
   */
  onPointer = (e: PointerEvent) => {
    const d = this.drag;
    const at = { x: e.clientX, y: e.clientY };
    const { pos, collapsed } = this.state;
    if (e.type === 'pointerdown') {
      this.suppressClick = false;
      if (e.button || !pos || (e.target as Element).closest('.collapse')) return;
      this.vp = viewport();
      this.drag = { start: pos, p0: at, moved: false };
      this.follow(true);
    } else if (d && e.type === 'pointermove') {
      if (!d.moved) {
        if (!isDrag(d.p0, at)) return;
        d.moved = true;
        // From here on the page (e.g. a chart's crosshair) does not see this pointer.
        this.badge.current!.setPointerCapture(e.pointerId);
      }
      this.setState({ pos: this.dragTo(d, at), open: false, panelAt: null });
    } else if (d) {
      this.drag = null;
      this.follow(false);
      if (d.moved && e.type === 'pointerup') {
        const end = this.dragTo(d, at);
        this.suppressClick = true;
        this.setState({ pos: end });
        this.props.onLayout({ ...end, collapsed });
      }
    }
  };

  setCollapsed(collapsed: boolean) {
    this.focusMain = true;
    this.setState({ collapsed, open: false, panelAt: null });
    if (this.state.pos) this.props.onLayout({ ...this.state.pos, collapsed });
  }

  onMainClick = () => {
    if (this.suppressClick) return void (this.suppressClick = false);
    const { collapsed, open } = this.state;
    if (collapsed) this.setCollapsed(false);
    else if (open) this.close();
    else this.setState({ open: true });
  };

  override render(p: BadgeAppProps, { open, collapsed, pos, panelAt }: State): JSX.Element {
    const t = p.t;
    const now = (p.now ?? Date.now)();
    const m = badgeModel(p.snapshot, t, now, p.settings, p.locale);
    const xy = (at: Point | null) => ({
      left: `${at?.x ?? 0}px`,
      top: `${at?.y ?? 0}px`,
      visibility: at ? 'visible' : 'hidden',
    });
    // Before its first layout, an unarranged badge is anchored to the window's top right by CSS alone.
    const home = { right: `${HOME.right}px`, top: `${HOME.top}px` };
    return (
      <div class={`app st-${m.stage}`} data-theme={p.theme} onKeyDown={this.onKeyDown}>
        <div
          ref={this.badge}
          class="badge"
          data-stage={m.stage}
          data-collapsed={String(collapsed)}
          data-stale={String(m.stale !== null)}
          style={{ ...(pos ? { left: `${pos.x}px`, top: `${pos.y}px` } : home), '--op': String(p.opacity) }}
          onPointerDown={this.onPointer}
        >
          {collapsed ? (
            <button
              ref={this.main}
              type="button"
              class="dot"
              aria-label={t('badge_expand', m.stageLabel)}
              title={m.summary}
              onClick={this.onMainClick}
            >
              <StageIcon stage={m.stage} size={10} />
            </button>
          ) : (
            <>
              <button
                ref={this.main}
                type="button"
                class="main"
                aria-expanded={open ? 'true' : 'false'}
                aria-controls={PANEL_ID}
                title={`${m.summary}\n${t('badge_drag_hint')}`}
                onClick={this.onMainClick}
              >
                <StageIcon stage={m.stage} />
                <span class="stage">{m.stageLabel}</span>
                <span class="kv">
                  <span class="k">{t('badge_asi')}</span>
                  <Value cell={m.asi} class="b" />
                </span>
                <span class="kv">
                  <span class="k">{t('badge_dom')}</span>
                  <Value cell={m.dominance} />
                </span>
                <Value cell={m.russell} />
                {m.confirming && (
                  <span class="chip" title={m.confirming.title}>
                    {m.confirming.text}
                  </span>
                )}
                <Stale mark={m.stale} />
              </button>
              <button
                type="button"
                class="collapse"
                aria-label={t('badge_collapse')}
                title={t('badge_collapse')}
                onClick={() => this.setCollapsed(true)}
              >
                –
              </button>
            </>
          )}
        </div>
        {open && (
          <Panel
            id={PANEL_ID}
            model={panelModel(p.snapshot, t, now, p.settings, p.locale)}
            stage={m.stage}
            end={p.snapshot?.evaluation.today ?? toDay(now)}
            t={t}
            panelRef={this.panel}
            style={xy(panelAt)}
            onClose={this.close}
            onDetails={p.onDetails}
          />
        )}
      </div>
    );
  }
}
