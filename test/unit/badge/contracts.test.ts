/**
 * The promises lib/badge makes to the rest of the extension: the few settings defaults it copies
 * (MODEL_DEFAULTS, lib/badge/model.ts) equal defaultSettings(), and the storage keys it reads raw
 * (KEYS, lib/badge/keys.ts) are the keys of the items declared in lib/platform/items.ts.
 */
import { describe, expect, it } from 'vitest';
import { MODEL_DEFAULTS } from '../../../lib/badge/model';
import { KEYS } from '../../../lib/badge/keys';
import { defaultSettings } from '../../../lib/settings/defaults';
import { badgeLayoutItem, badgePanelItem, badgeViewItem } from '../../../lib/platform/items';

describe('badge contracts', () => {
  it('MODEL_DEFAULTS equal the documented defaults of defaultSettings()', () => {
    const d = defaultSettings();
    expect(MODEL_DEFAULTS).toEqual({
      // The badge reads these two max ages; ETF flows carry their own stale mark in the snapshot.
      staleness: { cryptoMaxAgeDays: d.staleness.cryptoMaxAgeDays, russellMaxAgeDays: d.staleness.russellMaxAgeDays },
      stage: { btcSeasonMax: d.stage.btcSeasonMax, altseasonMin: d.stage.altseasonMin },
      dominance: { zones: d.dominance.zones },
    });
  });

  it('KEYS are the storage items of lib/platform/items.ts, in the areas the content script reads them from', () => {
    // The content script reads the worker's badge view (its pill, and its panel part when the panel opens) and the
    // layouts from storage.local, nothing else.
    expect(badgeViewItem.key).toBe(`local:${KEYS.view}`);
    expect(badgePanelItem.key).toBe(`local:${KEYS.panel}`);
    expect(badgeLayoutItem.key).toBe(`local:${KEYS.layouts}`);
    expect(Object.keys(KEYS).sort()).toEqual(['layouts', 'panel', 'view']);
  });
});
