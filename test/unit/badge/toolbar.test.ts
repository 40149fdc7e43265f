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
      // The real ASI of that day counted 71 of its 76 altcoins, and says so (#13).
      title: 'Regime Lens: Altcoin season · ASI 79 (71/76) · BTC.D ? · R2K ▲ breakout · updated 5 min ago',
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

  describe('a stale ASI (SIGNALS §4: the stage is unknown then)', () => {
    // The worker marked it stale (its evaluation day was 3 days after the data), or the clock did.
    const markedStale = realSnapshot('2025-09-19', (x) => {
      (x.evaluation.asi as { stale: boolean }).stale = true;
      x.evaluation.phase.stage = 'unknown';
    });
    const threeDaysLater = dayMs('2025-09-22') + 3_600_000;

    it('shows the last ASI marked "!" on the "No data" colour, never a plain number', () => {
      for (const [s, now] of [
        [markedStale, sameDay],
        [snap, threeDaysLater],
      ] as const) {
        const b = toolbarBadge(s, t, now);
        expect(b.text).toBe('79!');
        expect(b.color).toBe(STAGE_COLOR.unknown);
      }
    });

    it('the title says the ASI is stale, of which day and how old', () => {
      const b = toolbarBadge(snap, t, threeDaysLater, undefined, 'en-US');
      expect(b.title).toContain('· stale 3 d');
      expect(b.title).toContain('Altcoin Season Index: data of Sep 19, 2025, 3 d old');
    });

    it('follows the user’s max age: not stale at 2 of 5 days', () => {
      const b = toolbarBadge(snap, t, dayMs('2025-09-21') + 3_600_000, { staleness: { cryptoMaxAgeDays: 5 } });
      expect(b).toMatchObject({ text: '79', color: STAGE_COLOR.altseason });
      expect(b.title).not.toContain('stale');
    });

    it('a stale Russell or dominance alone leaves the ASI and the stage as they are (the title says what is stale)', () => {
      const s = realSnapshot('2025-09-19', (x) => ((x.evaluation.russell as { stale: boolean }).stale = true));
      const b = toolbarBadge(s, t, sameDay, undefined, 'en-US');
      expect(b).toMatchObject({ text: '79', color: STAGE_COLOR.altseason });
      expect(b.title).toContain('Russell 2000: data of Sep 19, 2025, 0 d old');
    });
  });
});
