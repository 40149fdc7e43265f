/** @jsxRuntime classic */
/** @jsx h */
import css from '@/components/badge/badge.css?inline';
import { h, render } from 'preact';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { BadgeApp } from '@/components/badge/BadgeApp';
import { startBadgeController } from '@/lib/badge/controller';
import { BADGE_MATCHES, siteOfPage } from '@/lib/badge/sites';
import { makeTranslate } from '@/lib/i18n/translate';
import { createHost, readTheme, removeStaleHosts, watchTheme } from './page';

// Thin wiring: the browser into lib/badge/controller (what to show, when), one shadow-root UI out.
export default defineContentScript({
  matches: BADGE_MATCHES,
  // Styles go into the badge's shadow root only (inlined, see createHost), never into the page.
  cssInjectionMode: 'ui',
  async main(ctx) {
    removeStaleHosts();
    const { i18n, runtime, storage } = browser;
    const t = makeTranslate((key, subs) =>
      (i18n as unknown as { getMessage(key: string, subs?: string[]): string }).getMessage(key, subs),
    );
    const locale = i18n.getUILanguage();
    const { host, root } = createHost(css);
    const hide = () => (render(null, root), host.remove());
    ctx.onInvalidated(hide);
    const badge = await startBadgeController(
      {
        local: storage.local,
        sync: storage.sync,
        send: (command) => runtime.sendMessage(command),
        isValid: () => ctx.isValid,
        hide,
        show: (view) => {
          // After <body>, so the site's body styles and re-renders never reach it.
          if (!host.isConnected) document.documentElement.append(host);
          render(<BadgeApp {...view} theme={readTheme(view.site)} t={t} locale={locale} />, root);
        },
      },
      location.href,
    );
    storage.onChanged.addListener(badge.onChanged);
    ctx.onInvalidated(() => {
      try {
        storage.onChanged.removeListener(badge.onChanged);
      } catch {
        // The extension is gone already; so is the listener.
      }
    });
    const site = siteOfPage(location.href);
    if (site) watchTheme(site, () => badge.update(), ctx.signal);
    // WXT announces an SPA navigation before `location` changes: the event's URL is the one to use.
    ctx.addEventListener(window, 'wxt:locationchange', (e) => badge.update(e.newUrl.href));
    // Chrome tells an orphaned content script nothing when its extension reloads: ctx.isInvalid
    // checks the runtime id and, once it is gone, invalidates the context (removing the badge).
    const poll = setInterval(() => ctx.isInvalid && clearInterval(poll), 2_000);
    badge.update();
  },
});
