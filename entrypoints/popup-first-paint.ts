/*
 * The popup's first paint: a classic async script at the top of popup.html, run as soon as it has loaded, before the
 * popup's modules (Preact, the views) have loaded and run. One storage read, then the stage line
 * (components/popup/first-paint.ts). Bundled without webextension-polyfill, as the content script (wxt.config.ts).
 */
import { paintFirstStage } from '@/components/popup/first-paint';
import { KEYS } from '@/lib/badge/keys';
import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';

export default defineUnlistedScript(() => {
  const t = (key: string) => browser.i18n.getMessage(key as never);
  void browser.storage.local.get(KEYS.view).then((got) => {
    const paint = () => {
      const root = document.getElementById('app');
      if (root) paintFirstStage(root, got[KEYS.view], t);
    };
    // The reply normally comes after the parser has reached #app; if not, as soon as it has (before the modules run).
    if (document.readyState !== 'loading') paint();
    else document.addEventListener('readystatechange', paint, { once: true });
  });
});
