import { detectAlerts } from '../alerts/detect';
import { normalizeAlertState } from '../alerts/state';
import type { Settings } from '../settings/defaults';
import type { Snapshot } from '../snapshot/types';
import { alertStateItem } from './items';
import { toolbarBadge } from '../toolbar';
import type { Shell } from './shell';

/**
 * What follows a saved snapshot: the toolbar badge, then the alerts. Notifications are created before
 * the detector's state is saved: if the worker dies in between, the next run raises the same event
 * ids again, and a notification created again under its id replaces itself (never shown twice).
 */
export async function publish(
  shell: Shell,
  x: { previous: Snapshot | null; next: Snapshot | null; settings: Settings; now: number },
  log: (msg: string) => void,
): Promise<void> {
  await shell
    .setToolbar(toolbarBadge(x.next, shell.t, x.now, x.settings, shell.locale))
    .catch((e) => log(`Regime Lens: toolbar badge not set: ${String(e)}`));
  if (!x.next) return;
  const { notifications, state } = detectAlerts({
    previous: x.previous,
    next: x.next,
    alerts: x.settings.alerts,
    state: normalizeAlertState(await alertStateItem.getValue()),
    now: x.now,
    t: shell.t,
    locale: shell.locale,
    // Quiet hours are the user's hours: the browser's own time zone.
    localHour: new Date(x.now).getHours(),
  });
  for (const n of notifications)
    await shell.notify(n).catch((e) => log(`Regime Lens: notification ${n.id} not shown: ${String(e)}`));
  await alertStateItem.setValue(state);
}
