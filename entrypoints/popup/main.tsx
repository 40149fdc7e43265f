import '@/components/shared/base.css';
import './popup.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup } from '@/components/popup/Popup';
import { chartDataFromCache } from '@/lib/charts/from-cache';
import { evidenceFromCache } from '@/lib/evidence/from-cache';
import { makeTranslate } from '@/lib/i18n/translate';
import { asRefreshReply } from '@/lib/refresh/outcome';
import { defaultSettings } from '@/lib/settings/defaults';
import { settingsOrDefaults } from '@/lib/settings/validate';
import { isSnapshot } from '@/lib/snapshot/validate';
import {
  evidenceLogItem,
  phaseLogItem,
  seriesCacheItem,
  settingsItem,
  snapshotItem,
  universesItem,
} from '@/lib/platform/items';
import { normalizeLiveLog } from '@/lib/evidence/live-log-types';

// Wiring only: read and watch storage, render, and send the refresh command. The first paint uses the
// snapshot alone; full chart histories are built after it (see lib/charts) so the popup never waits.
const root = document.getElementById('app')!;
const t = makeTranslate((key, subs) => browser.i18n.getMessage(key as never, subs));
document.documentElement.lang = t('popup_html_lang');
const s = {
  snapshot: null as unknown,
  settings: defaultSettings(),
  log: [] as never[],
  charts: null as ReturnType<typeof chartDataFromCache>,
  evidence: undefined as ReturnType<typeof evidenceFromCache> | undefined,
  evidenceLog: undefined as ReturnType<typeof normalizeLiveLog> | undefined,
};
const snap = () => (isSnapshot(s.snapshot) ? s.snapshot : null);
const draw = () =>
  render(
    <Popup
      t={t}
      locale={browser.i18n.getUILanguage()}
      now={Date.now()}
      snapshot={snap()}
      settings={s.settings}
      charts={s.charts}
      evidence={s.evidence}
      evidenceLog={s.evidenceLog}
      phaseLog={s.log}
      onRefresh={() => browser.runtime.sendMessage({ type: 'refresh-now' }).then(asRefreshReply)}
      onOpenOptions={() => void browser.runtime.openOptionsPage()}
    />,
    root,
  );
const charts = async () => {
  const today = snap()?.evaluation.today;
  if (!today) return;
  const [cache, universes] = await Promise.all([seriesCacheItem.getValue(), universesItem.getValue()]);
  s.charts = chartDataFromCache(cache, universes, s.settings, today);
  draw();
  // The evidence scans the whole history (about a second at most): after the charts, off the first paint.
  setTimeout(() => ((s.evidence = evidenceFromCache(cache, universes, s.settings, today)), draw()), 0);
};
// The Evidence tab's forward log: read after the first paint and the charts, like the evidence.
const forwardLog = async () => {
  s.evidenceLog = normalizeLiveLog(await evidenceLogItem.getValue());
  draw();
};
const settings = (v: unknown) => (s.settings = settingsOrDefaults(v));
void Promise.all([snapshotItem.getValue(), settingsItem.getValue(), phaseLogItem.getValue()]).then(([a, b, c]) => {
  [s.snapshot, s.log] = [a, (Array.isArray(c) ? c : []) as never[]];
  settings(b);
  draw();
  requestAnimationFrame(() => setTimeout(() => void charts().finally(forwardLog), 0));
});
snapshotItem.watch((v) => ((s.snapshot = v), draw(), void charts()));
settingsItem.watch((v) => (settings(v), void charts()));
phaseLogItem.watch((v) => ((s.log = (Array.isArray(v) ? v : []) as never[]), draw()));
evidenceLogItem.watch((v) => ((s.evidenceLog = normalizeLiveLog(v)), draw()));
