/** @jsxRuntime classic */
/** @jsx h */
import css from '@/components/badge/badge.css?inline';
import { h, render } from 'preact';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { BadgeApp } from '@/components/badge/BadgeApp';
import { BADGE_MATCHES, siteFromUrl } from '@/lib/badge/sites';
import { applyChanges, badgeOpacity, badgeSite, KEYS, layoutFor, usableSnapshot, type StoredState } from '@/lib/badge/state';
import { makeTranslate } from '@/lib/i18n/translate';
import type { Command } from '@/lib/messages';
import { createHost, readTheme, removeStaleHosts, watchTheme } from './page';

// Thin wiring: storage in, one shadow-root UI out; what the badge shows is decided in lib/badge.
// Storage is read raw (keys pinned to lib/storage/items.ts by a unit test): WXT's storage layer
// alone would take a quarter of the content script's 16 KB budget.
export default defineContentScript({
  matches: BADGE_MATCHES,
  // Styles go into the badge's shadow root only (inlined, see createHost), never into the page.
  cssInjectionMode: 'ui',
  async main(ctx) {
    removeStaleHosts();
    const i18n = browser.i18n as unknown as { getMessage(key: string, subs?: string[]): string };
    const t = makeTranslate((key, subs) => i18n.getMessage(key, subs));
    const locale = browser.i18n.getUILanguage();
    const { local, sync, onChanged } = browser.storage;
    const [l, s] = await Promise.all([local.get([KEYS.snapshot, KEYS.layouts]), sync.get(KEYS.settings)]);
    const st: StoredState = { snapshot: l[KEYS.snapshot], layouts: l[KEYS.layouts], settings: s[KEYS.settings] as StoredState["settings"] };
    const { host, root } = createHost(css);
    const unmount = () => {
      render(null, root);
      host.remove();
    };
    ctx.onInvalidated(unmount);
    const saveLayout = (site: string, layout: unknown) =>
      ctx.isValid &&
      void local.get(KEYS.layouts).then((v) => local.set({ [KEYS.layouts]: { ...(v[KEYS.layouts] as object), [site]: layout } })).catch(() => {});
    const openDetails = () => ctx.isValid && void browser.runtime.sendMessage({ type: 'open-details' } satisfies Command).catch(() => {});

    // WXT announces an SPA navigation before `location` changes: the event's URL is the one to use.
    let href = location.href;
    const update = () => {
      const site = badgeSite(href, st.settings);
      if (!site || ctx.isInvalid) return unmount();
      // After <body>, so the site's body styles and re-renders never reach it.
      if (!host.isConnected) document.documentElement.append(host);
      render(
        <BadgeApp
          snapshot={usableSnapshot(st.snapshot)}
          settings={st.settings}
          opacity={badgeOpacity(st.settings)}
          theme={readTheme(site)}
          layout={layoutFor(st.layouts, site)}
          t={t}
          locale={locale}
          onLayout={(layout) => saveLayout(site, layout)}
          onDetails={openDetails}
        />,
        root,
      );
    };

    const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => applyChanges(st, changes, area) && update();
    onChanged.addListener(onStorage);
    ctx.onInvalidated(() => {
      try {
        onChanged.removeListener(onStorage);
      } catch {
        // The extension is gone already; so is the listener.
      }
    });
    const site = siteFromUrl(location.href);
    if (site) watchTheme(site, update, ctx.signal);
    ctx.addEventListener(window, 'wxt:locationchange', (e) => ((href = e.newUrl.href), update()));
    // Chrome tells an orphaned content script nothing when its extension reloads: ctx.isInvalid
    // checks the runtime id and, once it is gone, invalidates the context (removing the badge).
    const poll = setInterval(() => ctx.isInvalid && clearInterval(poll), 2_000);
    update();
  },
});
