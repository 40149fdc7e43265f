import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';

// Thin entrypoint: listeners are registered synchronously at the top level of main(),
// so the MV3 service worker sees them on every wake-up. Logic lives in lib/.
export default defineBackground({
  main() {
    browser.runtime.onInstalled.addListener(() => {
      // Scheduling and the first refresh are wired in with the live-data issue.
    });
  },
});
