/**
 * The popup's wiring (components/popup/mount.tsx, #18.2): the first paint reads the small items only and renders
 * the header and the Signals tab; the series cache (780 KB) is read after that paint, and the other tabs are not
 * built until opened. Storage items are fakes that count their reads.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadLocales } from '../../../lib/i18n/node';
import { translateFrom } from '../../../lib/i18n/translate';
import { defaultSettings } from '../../../lib/settings/defaults';
import { extendStageHistory } from '../../../lib/snapshot/stage-history';
import { realSeries } from '../../support/fixtures';
import { fakeItems, installPopupDom } from '../../support/popup-mount';
import { realSnapshot } from '../../support/snapshot';

// No canvas here: the chart library is a stub (TimeChart's own contract is in chart-lifecycle.test.tsx).
vi.mock('lightweight-charts', () => ({}));
const { mountPopup } = await import('../../../components/popup/mount');

const DAY = '2025-09-19';

beforeAll(installPopupDom);

describe('mountPopup', () => {
  it('paints the stage, ribbon and Signals tab from the small items, and reads the series cache after that paint', async () => {
    const snapshot = realSnapshot(DAY);
    const history = extendStageHistory(null, realSeries(), defaultSettings(), DAY).history;
    const items = fakeItems(snapshot, history);
    let painted: (() => void) | null = null;
    const root = document.getElementById('app')!;
    const { ready } = mountPopup(root, {
      t: translateFrom(loadLocales().en!),
      locale: 'en',
      now: () => snapshot.computedAt,
      items,
      refresh: async () => ({ ok: true, failed: [], answered: 0 }),
      openOptions: () => {},
      afterPaint: (fn) => (painted = fn),
    });
    await vi.waitFor(() => expect(painted).not.toBeNull());
    // First paint: the stage, the year's ribbon, What changed and the Signals tab.
    expect(root.querySelector('[data-testid="stage"]')!.getAttribute('data-stage')).toBe('altseason');
    expect(root.querySelectorAll('.ribbon-seg').length).toBeGreaterThan(0);
    expect(root.querySelector('[data-testid="what-changed"]')!.textContent).toContain('ASI');
    // Six signal tiles and the ETF flows tile (#16).
    expect(root.querySelectorAll('[data-tile]').length).toBe(7);
    // Not built: the other tabs' panels are empty until opened.
    expect(root.querySelector('#panel-charts')!.childNodes.length).toBe(0);
    expect(root.querySelector('#panel-coins')!.childNodes.length).toBe(0);
    // Read so far: the four small items, once each; the cache not at all.
    expect([items.snapshot, items.settings, items.phaseLog, items.stageHistory].map((i) => i.reads)).toEqual([
      1, 1, 1, 1,
    ]);
    expect(items.seriesCache.reads + items.universes.reads + items.evidenceLog.reads).toBe(0);
    painted!();
    await ready;
    expect(items.seriesCache.reads).toBe(1);
    expect(items.evidenceLog.reads).toBe(1);
    // A new stage history (the worker's next refresh) redraws the ribbon.
    const shorter = { ...history, days: history.days.slice(-10) };
    items.stageHistory.watchers.forEach((w) => w(shorter));
    await vi.waitFor(() =>
      expect(root.querySelector('[data-testid="ribbon"]')!.getAttribute('aria-label')).toBe('Stage, last 10 days'),
    );
  });
});
