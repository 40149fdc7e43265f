import type { AlertNotification } from '../../lib/alerts/detect';
import { loadLocales } from '../../lib/i18n/node';
import { translateFrom } from '../../lib/i18n/translate';
import type { Shell } from '../../lib/platform/shell';

/** A worker shell that records what the browser would show: toolbar states, notifications, details opened. */
export function recordingShell(locale: 'en' | 'zh_CN' = 'en') {
  const rec = {
    toolbar: [] as { text: string; color: string; title: string }[],
    notified: [] as AlertNotification[],
    cleared: [] as string[],
    detailsOpened: 0,
  };
  const shell: Shell = {
    t: translateFrom(loadLocales()[locale]!),
    locale: locale === 'en' ? 'en' : 'zh-CN',
    setToolbar: async (b) => void rec.toolbar.push(b),
    notify: async (n) => void rec.notified.push(n),
    clearNotification: async (id) => void rec.cleared.push(id),
    openDetails: async () => void rec.detailsOpened++,
  };
  return { shell, rec };
}
