/**
 * A stale value carries its mark where it is shown (issue: the panel's lines and extras showed an
 * ETH/BTC of 2024-02-29 as a plain "0.05463" on 2025-09-19): a chip "stale 568 d" beside the value,
 * in text (read by screen readers, not colour alone), with the data's date in its title.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { panelModel } from '../../../lib/badge/model';
import { loadLocales } from '../../../lib/i18n/node';
import { translateFrom } from '../../../lib/i18n/translate';
import { dayMs } from '../../../lib/series/dates';
import { realSeriesStaleEthBtc } from '../../support/fixtures';
import { realSnapshot } from '../../support/snapshot';
import { click, mountUi, settle, setupDom, shown } from './dom';

const t = translateFrom(loadLocales().en!);
const zh = translateFrom(loadLocales().zh_CN!);
// ETH/BTC as ethbtc.csv alone (no ETH closes to derive it from): stale since 2024-02-29
const snap = realSnapshot('2025-09-19', undefined, undefined, realSeriesStaleEthBtc());
const sameDay = snap.computedAt + 60_000;

describe('stale marks in the mini-panel', () => {
  beforeAll(() => setupDom());

  it('the model marks the stale ETH/BTC, with its age, and leaves fresh and unknown values unmarked', () => {
    const p = panelModel(snap, t, sameDay, undefined, 'en-US');
    const eth = p.extras.find((x) => x.id === 'ethbtc')!;
    expect(eth.stale).toEqual({ text: 'stale 568 d', title: 'ETH/BTC: data of Feb 29, 2024, 568 d old' });
    expect(p.extras.find((x) => x.id === 'fearGreed')!.stale).toBeNull();
    expect(p.lines.map((l) => l.stale)).toEqual([null, null, null]);
  });

  it('three days later every crypto line is stale; the Russell (max 4 days) is not yet', () => {
    const p = panelModel(snap, t, dayMs('2025-09-22') + 3_600_000);
    expect(p.lines.map((l) => [l.id, l.stale?.text ?? null])).toEqual([
      ['russell', null],
      ['asi', 'stale 3 d'],
      // unknown (no dominance on that day): a dash, and no age for a value that is not there
      ['dominance', null],
    ]);
    expect(p.extras.map((x) => x.stale?.text ?? null)).toEqual(['stale 571 d', 'stale 3 d']);
    expect(panelModel(snap, zh, dayMs('2025-09-22')).lines[1]!.stale!.text).toBe('过期 3 天');
  });

  it('the rendered panel shows the chip beside each stale value, as text, with the date in its title', async () => {
    const m = mountUi();
    // The worker built the view three days after the data; the demoted value shows its age.
    const root = m.show(shown({ snapshot: snap, now: dayMs('2025-09-22') + 3_600_000 }));
    click(root.querySelector('button.main'));
    await settle();
    const panel = root.querySelector('.panel')!;
    const chip = (sel: string) => panel.querySelector(`${sel} .chip.stale`);
    expect(chip('[data-line="russell"]')).toBeNull();
    expect(chip('[data-line="asi"]')?.textContent).toBe('stale 3 d');
    expect(chip('[data-line="asi"]')?.getAttribute('title')).toBe(
      'Altcoin Season Index: data of Sep 19, 2025, 3 d old',
    );
    expect(chip('[data-line="dominance"]')).toBeNull();
    const extras = [...panel.querySelectorAll('dl > div')].map((d) => d.textContent);
    expect(extras[0]).toMatch(/^ETH\/BTC0\.05463\s*stale 571 d/);
    expect(extras[1]).toMatch(/^Fear & Greed53\s*stale 3 d/);
    // Not hidden from assistive technology; the value itself says it is stale too.
    for (const c of panel.querySelectorAll('.chip.stale')) expect(c.closest('[aria-hidden="true"]')).toBeNull();
    expect(panel.querySelector('[data-line="asi"] .v')!.getAttribute('aria-label')).toBe(
      'Altcoin Season Index 79, stale 3 d',
    );
    // Demoted: the stale value is small and grey (class old), a fresh one stays large.
    expect(panel.querySelector('[data-line="asi"] .v')!.classList.contains('old')).toBe(true);
    expect(panel.querySelector('[data-line="russell"] .v')!.classList.contains('big')).toBe(true);
    m.dispose();
  });
});
