/** The toolbar (action) badge (lib/toolbar.ts): ASI as text, stage colour, summary as title. */
import { describe, expect, it } from 'vitest';
import { STAGE_COLOR } from '../../../lib/badge/stage-style';
import { loadLocales } from '../../../lib/i18n/node';
import { translateFrom } from '../../../lib/i18n/translate';
import { dayMs } from '../../../lib/series/dates';
import { toolbarBadge } from '../../../lib/toolbar';
import { realSnapshot } from '../../support/snapshot';

const t = translateFrom(loadLocales().en!);
const snap = realSnapshot('2025-09-19');
const sameDay = snap.computedAt + 5 * 60_000;

describe('toolbarBadge', () => {
  it('fresh: the ASI on the stage colour, the summary as the title', () => {
    expect(toolbarBadge(snap, t, sameDay)).toEqual({
      text: '79',
      color: STAGE_COLOR.altseason,
      title: 'Regime Lens: Altcoin season · ASI 79 · BTC.D ? · R2K ▲ breakout · updated 5 min ago',
    });
  });

  it('no snapshot, or a malformed one: "?" on the "No data" colour, never 0', () => {
    for (const s of [null, { version: 1 } as never]) {
      const b = toolbarBadge(s, t, sameDay);
      expect(b.text).toBe('?');
      expect(b.color).toBe(STAGE_COLOR.unknown);
      expect(b.title).toContain('No data');
    }
  });

  it('an unknown ASI is "?"', () => {
    const s = realSnapshot('2025-09-19', (x) => ((x.evaluation.asi as { value: unknown }).value = null));
    expect(toolbarBadge(s, t, dayMs('2025-09-19')).text).toBe('?');
  });
});
