/*
 * The popup: storage → views (snapshot, stage history, caches into components/popup/mount.tsx). Wiring only: the
 * storage items, translations and commands handed in.
 */
import '@/components/shared/base.css';
import './popup.css';
import { browser } from 'wxt/browser';
import { mountPopup } from '@/components/popup/mount';
import { makeTranslate } from '@/lib/i18n/translate';
import { asRefreshReply } from '@/lib/refresh/outcome';
import * as items from '@/lib/platform/items';

const t = makeTranslate((key, subs) => browser.i18n.getMessage(key as never, subs));
document.documentElement.lang = t('popup_html_lang');
mountPopup(document.getElementById('app')!, {
  t,
  locale: browser.i18n.getUILanguage(),
  now: Date.now,
  items: {
    snapshot: items.snapshotItem,
    settings: items.settingsItem,
    phaseLog: items.phaseLogItem,
    stageHistory: items.stageHistoryItem,
    seriesCache: items.seriesCacheItem,
    universes: items.universesItem,
    evidenceLog: items.evidenceLogItem,
  },
  refresh: () => browser.runtime.sendMessage({ type: 'refresh-now' }).then(asRefreshReply),
  openOptions: () => void browser.runtime.openOptionsPage(),
});
