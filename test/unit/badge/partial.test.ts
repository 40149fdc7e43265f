/**
 * #13: an ASI over fewer coins than its universe aims at is never shown as if complete. On real data of 2025-09-19
 * the ASI counts 71 of the 76 altcoins (five have no closes yet); the same ASI over exactly the counted coins is
 * complete. Same number, so the mark is the only difference.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { badgeModel } from '../../../lib/badge/model';
import { buildBadgeView } from '../../../lib/badge/view';
import { loadLocales } from '../../../lib/i18n/node';
import { translateFrom } from '../../../lib/i18n/translate';
import { defaultSettings } from '../../../lib/settings/defaults';
import type { AsiSignal } from '../../../lib/signals/asi';
import { toolbarBadge } from '../../../lib/toolbar';
import { realSeries } from '../../support/fixtures';
import { realSnapshot } from '../../support/snapshot';
import { click, mountUi, settle, setupDom, shown } from './dom';

const en = translateFrom(loadLocales().en!);
const zh = translateFrom(loadLocales().zh_CN!);
const DAY = '2025-09-19';
const partial = realSnapshot(DAY);
const asiOf = (s: typeof partial) => s.evaluation.asi as AsiSignal;
const counted = new Set(asiOf(partial).coins.map((c) => c.symbol));
const onlyCounted = { ...realSeries() }; // a copy: realSeries() is shared
onlyCounted.coins = Object.fromEntries(
  Object.entries(onlyCounted.coins!).filter(([sym]) => sym === 'BTC' || counted.has(sym)),
);
const whole = realSnapshot(DAY, undefined, defaultSettings(), onlyCounted);
const now = partial.computedAt + 60_000;

describe('an ASI over part of its universe says so on the badge', () => {
  beforeAll(() => setupDom());

  it('the real data: the same ASI, once over 71 of 76 coins and once over exactly those 71', () => {
    const p = asiOf(partial).coverage!;
    const w = asiOf(whole).coverage!;
    expect(p.counted).toBeLessThan(p.aimed);
    expect(w.counted).toBe(w.aimed);
    expect(w.counted).toBe(p.counted);
    expect(asiOf(whole).value).toBe(asiOf(partial).value);
  });

  it('the model: "k/N" beside the number, in the spoken value and in the summary; nothing when complete', () => {
    const { counted: k, aimed: n } = asiOf(partial).coverage!;
    const m = badgeModel(partial, en, now);
    expect(m.asi.text).toBe(String(asiOf(partial).value));
    expect(m.asiPartial?.text).toBe(`${k}/${n}`);
    expect(m.asiPartial?.title).toBe(
      `ASI counted over ${k} of ${n} coins; the missing ones are asked again at the next refresh`,
    );
    expect(m.asi.aria).toContain(`counted over ${k} of ${n} coins`);
    expect(m.summary).toContain(`ASI ${m.asi.text} (${k}/${n})`);
    expect(badgeModel(partial, zh, now).asiPartial?.title).toContain(`${k}/${n}`);

    const c = badgeModel(whole, en, now);
    expect(c.asiPartial).toBeNull();
    expect(c.summary).toContain(`ASI ${c.asi.text} ·`);
    expect(c.asi.aria).toBe(`ASI ${c.asi.text}`);
  });

  it('an unknown ASI (below the coverage threshold) is "?" and carries no count', () => {
    const s = defaultSettings();
    s.asi.minCoveragePct = 99; // 71 of 76 is 93%
    const low = realSnapshot(DAY, undefined, s);
    expect(low.evaluation.asi?.value).toBeNull();
    const m = badgeModel(low, en, now);
    expect(m.asi.known).toBe(false);
    expect(m.asiPartial).toBeNull();
    expect(m.summary).toContain('ASI ? ·');
  });

  it("the worker's view carries the mark, the toolbar's title too", () => {
    const { counted: k, aimed: n } = asiOf(partial).coverage!;
    const v = buildBadgeView({ snapshot: partial, history: null, settings: null, t: en, now });
    expect(v.asiPartial?.text).toBe(`${k}/${n}`);
    expect(buildBadgeView({ snapshot: whole, history: null, settings: null, t: en, now }).asiPartial).toBeNull();
    expect(toolbarBadge(partial, en, now).title).toContain(`(${k}/${n})`);
  });

  it('the page marks the number with "≈", says k of N in its title and on the panel\'s ASI line', async () => {
    const { counted: k, aimed: n } = asiOf(partial).coverage!;
    const m = mountUi();
    const root = m.show(shown({ snapshot: partial, now }));
    const part = root.querySelector('button.main .part');
    expect(part?.textContent).toBe('≈');
    expect(part?.getAttribute('title')).toContain(`${k} of ${n} coins`);
    // the mark stands right before the number it qualifies
    expect(part?.nextElementSibling?.textContent).toBe(String(asiOf(partial).value));
    click(root.querySelector('button.main'));
    await settle();
    expect(root.querySelector('.panel [data-line="asi"]')?.textContent).toContain(`counted ${k} of ${n} coins`);
    m.dispose();
    const c = mountUi().show(shown({ snapshot: whole, now }));
    expect(c.querySelector('button.main .part')).toBeNull();
    click(c.querySelector('button.main'));
    await settle();
    expect(c.querySelector('.panel [data-line="asi"]')?.textContent).not.toContain('counted');
  });
});
