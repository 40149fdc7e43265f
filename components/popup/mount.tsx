import { render } from 'preact';
import type { ChartData } from '@/lib/charts/build';
import type { LiveLog } from '@/lib/evidence/live-log-types';
import { normalizeLiveLog } from '@/lib/evidence/live-log-types';
import type { EvidenceResult } from '@/lib/evidence/types';
import type { Translate } from '@/lib/i18n/translate';
import type { RefreshReply } from '@/lib/refresh/outcome';
import { defaultSettings } from '@/lib/settings/defaults';
import { settingsOrDefaults } from '@/lib/settings/validate';
import type { StageHistoryDay } from '@/lib/snapshot/stage-history';
import type { PhaseLogEntry } from '@/lib/snapshot/types';
import { isSnapshot } from '@/lib/snapshot/validate';
import { loadChartLib } from '../shared/TimeChart';
import { Charts, Popup } from './Popup';

/** A stored value the popup reads and follows (a storage item; the entrypoint passes them in). */
export interface Stored {
  getValue(): Promise<unknown>;
  watch(cb: (v: unknown) => void): unknown;
}

export interface PopupIo {
  t: Translate;
  locale: string;
  now: () => number;
  items: Record<
    'snapshot' | 'settings' | 'phaseLog' | 'stageHistory' | 'seriesCache' | 'universes' | 'evidenceLog',
    Stored
  >;
  refresh: () => Promise<RefreshReply>;
  openOptions: () => void;
  /** Runs `fn` after the next paint (rAF then a task); injectable for tests. */
  afterPaint?: (fn: () => void) => void;
}

/** The stored history's days, or none when it is missing or of another shape. */
export function historyDays(v: unknown): StageHistoryDay[] {
  const days = (v as { days?: unknown } | null)?.days;
  return Array.isArray(days) ? (days as StageHistoryDay[]) : [];
}

/**
 * The popup's state and wiring. The first paint needs only the small items (snapshot, settings, phase log, stage
 * history, about 40 KB); after it, lightweight-charts is loaded, then the series cache (780 KB) is read for the full
 * chart histories, then the evidence is computed. Each later step renders again; watches keep it current.
 */
export function mountPopup(root: Element, io: PopupIo): { ready: Promise<void> } {
  const afterPaint = io.afterPaint ?? ((fn) => requestAnimationFrame(() => setTimeout(fn, 0)));
  const it = io.items;
  const s = {
    snapshot: null as unknown,
    settings: defaultSettings(),
    log: [] as PhaseLogEntry[],
    history: [] as StageHistoryDay[],
    charts: null as ChartData | null,
    evidence: undefined as EvidenceResult | null | undefined,
    evidenceLog: undefined as LiveLog | null | undefined,
  };
  const snap = () => (isSnapshot(s.snapshot) ? s.snapshot : null);
  const draw = () =>
    render(
      <Popup
        t={io.t}
        locale={io.locale}
        now={io.now()}
        snapshot={snap()}
        settings={s.settings}
        charts={s.charts}
        evidence={s.evidence}
        evidenceLog={s.evidenceLog}
        phaseLog={s.log}
        history={s.history}
        onRefresh={io.refresh}
        onOpenOptions={io.openOptions}
      />,
      root,
    );
  // Full histories: the engine's modules and the 780 KB cache, both after the first paint.
  const charts = async () => {
    const today = snap()?.evaluation.today;
    if (!today) return;
    const [cache, universes, fromCache] = await Promise.all([
      it.seriesCache.getValue(),
      it.universes.getValue(),
      import('@/lib/charts/from-cache'),
    ]);
    s.charts = fromCache.chartDataFromCache(cache as never, universes as never, s.settings, today);
    draw();
    // The evidence scans the whole history (about a second at most): after the charts, off their paint.
    const { evidenceFromCache } = await import('@/lib/evidence/from-cache');
    await new Promise<void>((res) => setTimeout(res, 0));
    s.evidence = evidenceFromCache(cache as never, universes as never, s.settings, today);
    draw();
  };
  const forwardLog = async () => {
    s.evidenceLog = normalizeLiveLog(await it.evidenceLog.getValue());
    draw();
  };
  const setSettings = (v: unknown) => (s.settings = settingsOrDefaults(v));
  const asLog = (v: unknown) => (Array.isArray(v) ? (v as PhaseLogEntry[]) : []);
  const ready = Promise.all([
    it.snapshot.getValue(),
    it.settings.getValue(),
    it.phaseLog.getValue(),
    it.stageHistory.getValue(),
  ]).then(
    ([a, b, c, d]) =>
      new Promise<void>((res) => {
        [s.snapshot, s.log, s.history] = [a, asLog(c), historyDays(d)];
        setSettings(b);
        draw();
        // Asked for right after the first render, not before: evaluating the chart library (200 KB) ahead of the
        // storage replies would delay the stage. The Charts tab then finds its code loaded or on its way.
        const charting = Promise.all([loadChartLib(), Charts.preload()]);
        afterPaint(() => void charting.finally(() => void charts().finally(() => void forwardLog().then(res))));
      }),
  );
  it.snapshot.watch((v) => ((s.snapshot = v), draw(), void charts()));
  it.settings.watch((v) => (setSettings(v), void charts()));
  it.phaseLog.watch((v) => ((s.log = asLog(v)), draw()));
  it.stageHistory.watch((v) => ((s.history = historyDays(v)), draw()));
  it.evidenceLog.watch((v) => ((s.evidenceLog = normalizeLiveLog(v)), draw()));
  return { ready };
}
