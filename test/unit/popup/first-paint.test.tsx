/**
 * The popup's first paint (components/popup/first-paint.ts, #18.2): the stage line from the worker's badge view,
 * painted by a classic script before the popup's modules run, then replaced by the popup's own first render.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { buildBadgeView } from '../../../lib/badge/view';
import { loadLocales } from '../../../lib/i18n/node';
import { translateFrom } from '../../../lib/i18n/translate';
import type { Snapshot } from '../../../lib/snapshot/types';
import { fakeItems, installPopupDom } from '../../support/popup-mount';
import { realSnapshot } from '../../support/snapshot';

vi.mock('lightweight-charts', () => ({}));
const { paintFirstStage } = await import('../../../components/popup/first-paint');
const { mountPopup } = await import('../../../components/popup/mount');

const DAY = '2025-09-19';
const locales = loadLocales();
const en = translateFrom(locales.en!);
const zh = translateFrom(locales.zh_CN!);
const viewOf = (snapshot: Snapshot | null, t = en) =>
  buildBadgeView({ snapshot, history: null, settings: null, t, locale: 'en-US', now: snapshot?.computedAt ?? 0 });

let root: HTMLElement;
beforeEach(() => {
  installPopupDom();
  root = document.getElementById('app')!;
});

const stageEl = () => root.querySelector('[data-testid="stage"]');

describe('paintFirstStage', () => {
  it("paints the stored view's stage in the popup's language, place and tone", () => {
    const snapshot = realSnapshot(DAY);
    const stage = snapshot.evaluation.phase.stage;
    expect(paintFirstStage(root, viewOf(snapshot), zh)).toBe(true);
    expect(stageEl()!.getAttribute('data-stage')).toBe(stage);
    expect(stageEl()!.textContent).toBe(zh(`stage_${stage.replace(/-/g, '_')}`));
    expect(stageEl()!.className).toBe('stage chip ok'); // altseason's tone, as the header's chip
    expect(root.querySelector('.stage-line .muted')!.textContent).toBe(zh('popup_stage_label'));
    // Where the header puts it: after the topbar and the refresh status line.
    expect([...root.children].map((e) => e.localName)).toEqual(['header', 'p', 'section']);
  });

  it('paints nothing without a usable view with data, or once the popup has rendered', () => {
    const view = viewOf(realSnapshot(DAY));
    expect(paintFirstStage(root, undefined, en)).toBe(false);
    expect(paintFirstStage(root, { ...view, v: 1 }, en)).toBe(false); // another version: the worker rewrites it
    expect(paintFirstStage(root, viewOf(null), en)).toBe(false); // before the first refresh: no stage to show
    expect(root.childNodes.length).toBe(0);
    root.append(document.createElement('p'));
    expect(paintFirstStage(root, view, en)).toBe(false);
    expect(stageEl()).toBeNull();
  });
});

describe("the popup's first render", () => {
  it('takes the place of the first paint: one stage, the full header, nothing of the first paint left', async () => {
    const snapshot = realSnapshot(DAY);
    // A view one stage behind the snapshot (the worker had not rebuilt it yet): the render shows the snapshot's.
    const stale = { ...viewOf(snapshot), stage: 'mixed' as const };
    expect(paintFirstStage(root, stale, en)).toBe(true);
    mountPopup(root, {
      t: en,
      locale: 'en',
      now: () => snapshot.computedAt,
      items: fakeItems(snapshot, null),
      refresh: async () => ({ ok: true, failed: [], answered: 0 }),
      openOptions: () => {},
      afterPaint: () => {},
    });
    await vi.waitFor(() => expect(root.querySelector('[data-testid="setup"]')).not.toBeNull());
    expect(root.querySelectorAll('[data-testid="stage"]').length).toBe(1);
    expect(stageEl()!.getAttribute('data-stage')).toBe(snapshot.evaluation.phase.stage);
    expect(root.querySelectorAll('[data-first-paint]').length).toBe(0);
  });
});
