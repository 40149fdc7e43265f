import { useMemo, useState } from 'preact/hooks';
import type { ChartData } from '@/lib/charts/build';
import type { LiveLog } from '@/lib/evidence/live-log-types';
import type { EvidenceResult } from '@/lib/evidence/types';
import type { RefreshReply } from '@/lib/refresh/outcome';
import { makeFormat } from '@/lib/format/format';
import type { Translate } from '@/lib/i18n/translate';
import type { Settings } from '@/lib/settings/defaults';
import type { StageHistoryDay } from '@/lib/snapshot/stage-history';
import type { PhaseLogEntry, Snapshot } from '@/lib/snapshot/types';
import { lazyView } from '../shared/lazy';
import { Tabs } from '../shared/Tabs';
import type { ViewCtx } from './context';
import { Header } from './Header';
import { Tiles } from './Tiles';

// The first paint shows the header and the Signals tab; the other tabs' code loads when they open (the Charts tab's
// also right after the first paint, see mount.tsx).
export const Charts = lazyView(() => import('./Charts').then((m) => m.Charts));
const Evidence = lazyView(() => import('./Evidence').then((m) => m.Evidence));
const CoinTable = lazyView(() => import('./CoinTable').then((m) => m.CoinTable));
const Sources = lazyView(() => import('./Sources').then((m) => m.Sources));
const PhaseLog = lazyView(() => import('./Sources').then((m) => m.PhaseLog));

export interface PopupProps {
  t: Translate;
  /** UI language for numbers and dates (browser.i18n.getUILanguage()). */
  locale: string;
  now: number;
  snapshot: Snapshot | null;
  settings: Settings;
  /** Full chart histories, once built (null: the snapshot's sparklines are drawn meanwhile). */
  charts: ChartData | null;
  phaseLog: PhaseLogEntry[];
  /** The stored stage history's days, oldest first (the ribbon and "What changed"); empty before one exists. */
  history?: StageHistoryDay[];
  /** What followed past Russell breakouts; undefined until computed (after first paint), null without Russell
   * history. */
  evidence?: EvidenceResult | null;
  /** The Evidence tab's forward log since install; undefined until read. */
  evidenceLog?: LiveLog | null;
  /** Asks the worker for a refresh; resolves to its outcome (which providers failed). */
  onRefresh: () => Promise<RefreshReply>;
  onOpenOptions: () => void;
}

type RefreshUi = 'idle' | 'running' | RefreshReply;

/** The status line after "Refresh now": refreshed, refreshed with some sources failing, not refreshed, or failed. */
function refreshStatus(r: RefreshReply, t: Translate): string {
  const names = r.failed.join(', ');
  if (r.failed.length === 0) return t(r.ok ? 'popup_refresh_ok' : 'popup_refresh_failed');
  return t(r.ok ? 'popup_refresh_partial' : 'popup_refresh_none', names);
}

/** The popup: stage and reasons, signal tiles, charts, the ASI's coins, sources and the phase log. */
export function Popup(p: PopupProps) {
  const f = useMemo(() => makeFormat(p.locale), [p.locale]);
  const ctx: ViewCtx = useMemo(() => ({ t: p.t, f, now: p.now }), [p.t, f, p.now]);
  const [refresh, setRefresh] = useState<RefreshUi>('idle');
  const { t } = p;

  const onRefresh = async () => {
    setRefresh('running');
    setRefresh(await p.onRefresh().catch((): RefreshReply => ({ ok: false, failed: [], answered: 0 })));
  };
  // A fresh element per place it appears (a Preact vnode must not be mounted twice).
  const refreshButton = () => (
    <button type="button" onClick={onRefresh} disabled={refresh === 'running'} aria-describedby="refresh-status">
      {refresh === 'running' ? t('popup_refreshing') : t('popup_refresh_now')}
    </button>
  );

  return (
    <>
      <header class="topbar">
        <h1>Regime Lens</h1>
        <div class="actions">
          {refreshButton()}
          <button type="button" class="link" onClick={p.onOpenOptions}>
            {t('popup_open_options')}
          </button>
        </div>
      </header>
      <p id="refresh-status" class="small muted" role="status" aria-live="polite">
        {typeof refresh === 'string' ? '' : refreshStatus(refresh, t)}
      </p>
      {p.snapshot === null ? (
        <p data-testid="placeholder">{t('popup_first_refresh')}</p>
      ) : (
        <>
          <Header snapshot={p.snapshot} history={p.history} ctx={ctx} />
          <Tabs
            label={t('popup_tabs_label')}
            tabs={[
              {
                id: 'signals',
                label: t('popup_tab_signals'),
                panel: <Tiles snapshot={p.snapshot} settings={p.settings} ctx={ctx} />,
              },
              {
                id: 'charts',
                label: t('popup_tab_charts'),
                panel: (
                  <Charts snapshot={p.snapshot} settings={p.settings} charts={p.charts} locale={f.locale} ctx={ctx} />
                ),
              },
              {
                id: 'evidence',
                label: t('evidence_tab'),
                panel: <Evidence evidence={p.evidence} live={p.evidenceLog} locale={f.locale} ctx={ctx} />,
              },
              { id: 'coins', label: t('popup_tab_coins'), panel: <CoinTable snapshot={p.snapshot} ctx={ctx} /> },
              {
                id: 'sources',
                label: t('popup_tab_sources'),
                panel: (
                  <>
                    <Sources snapshot={p.snapshot} ctx={ctx} />
                    <p>{refreshButton()}</p>
                  </>
                ),
              },
              { id: 'log', label: t('popup_tab_log'), panel: <PhaseLog log={p.phaseLog} ctx={ctx} /> },
            ]}
          />
        </>
      )}
    </>
  );
}
