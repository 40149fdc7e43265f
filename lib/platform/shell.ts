import { browser } from 'wxt/browser';
import type { AlertNotification } from '../alerts/detect';
import { makeTranslate, type Translate } from '../i18n/translate';

/**
 * The worker's visible side effects, behind one interface so its behaviour is testable without a
 * browser (fakeBrowser has no action or i18n); `browserShell` is the real one.
 */
export interface Shell {
  t: Translate;
  locale: string;
  setToolbar(b: { text: string; color: string; title: string }): Promise<void>;
  notify(n: AlertNotification): Promise<void>;
  clearNotification(id: string): Promise<void>;
  /** The popup's details: the popup itself where the browser allows it, else the same page in a tab. */
  openDetails(): Promise<void>;
}

export function browserShell(): Shell {
  return {
    t: makeTranslate((key, subs) => browser.i18n.getMessage(key as never, subs)),
    get locale() {
      return browser.i18n.getUILanguage();
    },
    async setToolbar({ text, color, title }) {
      await Promise.all([
        browser.action.setBadgeText({ text }),
        browser.action.setBadgeBackgroundColor({ color }),
        browser.action.setTitle({ title }),
      ]);
    },
    async notify(n) {
      // The id is the event's id: a repeated create replaces, so a retried alert never shows twice.
      await browser.notifications.create(n.id, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: n.title,
        message: n.message,
      });
    },
    async clearNotification(id) {
      await browser.notifications.clear(id);
    },
    async openDetails() {
      // openPopup needs a focused normal window (and, in Firefox, a user action); a tab always works.
      try {
        await browser.action.openPopup();
      } catch {
        await browser.tabs.create({ url: browser.runtime.getURL('/popup.html') });
      }
    },
  };
}
