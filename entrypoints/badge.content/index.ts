/*
 * The badge on trading pages: storage → views. The worker's badge view (lib/platform/badge-view.ts) becomes one
 * static-DOM shadow-root badge (components/badge). Thin wiring: one storage read, no request, no logic here.
 */
import css from '@/components/badge/badge.css?inline';
import { badgeHost, quietly } from '@/components/badge/page';
import { startBadgeController } from '@/lib/badge/controller';
import { PANEL_MODULE } from '@/lib/badge/panel-module';
import { BADGE_MATCHES } from '@/lib/badge/sites';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';

export default defineContentScript({
  matches: BADGE_MATCHES,
  cssInjectionMode: 'ui', // styles go into the badge's shadow root only (inlined), never into the page
  noScriptStartedPostMessage: true, // WXT's started signal as a DOM event only: no page message listener runs
  async main(ctx) {
    const { runtime, storage } = browser;
    const { show, hide } = badgeHost(css, ctx.signal, runtime.getURL(PANEL_MODULE));
    ctx.onInvalidated(hide);
    const [send, isValid] = [(c: unknown) => runtime.sendMessage(c), () => ctx.isValid];
    const badge = await startBadgeController({ local: storage.local, send, isValid, hide, show }, location.href);
    storage.onChanged.addListener(badge.onChanged);
    ctx.onInvalidated(quietly(() => storage.onChanged.removeListener(badge.onChanged)));
    ctx.addEventListener(window, 'wxt:locationchange', (e) => badge.update(e.newUrl.href)); // URL before `location`
    const poll = setInterval(() => ctx.isInvalid && clearInterval(poll), 2_000); // orphaned after a reload: unmount
    badge.update();
  },
});
