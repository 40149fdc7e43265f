import { beforeAll, describe, expect, it } from 'vitest';
import { detectAlerts } from '../../../lib/alerts/detect';
import { emptyAlertState, normalizeAlertState } from '../../../lib/alerts/state';
import { loadSeriesDir } from '../../../lib/cli/load-dir';
import { loadLocales } from '../../../lib/i18n/node';
import { translateFrom, type Translate } from '../../../lib/i18n/translate';
import { defaultSettings } from '../../../lib/settings/defaults';
import type { SeriesSet } from '../../../lib/series/types';
import type { Snapshot } from '../../../lib/snapshot/types';
import { realSeries } from '../../support/fixtures';
import { REAL_SERIES_FULL } from '../../support/paths';
import { realSnapshot } from '../../support/snapshot';

let set: SeriesSet;
let en: Translate;
let zh: Translate;
beforeAll(() => {
  const full = loadSeriesDir(REAL_SERIES_FULL);
  set = { ...realSeries(), etfFlowsBtc: full.etfFlowsBtc, etfFlowsEth: full.etfFlowsEth };
  const l = loadLocales();
  en = translateFrom(l.en!);
  zh = translateFrom(l.zh_CN!);
});

/** The real snapshots of series-full: rotation no on 2025-02-21, yes on 2025-02-24, no again on 2025-03-04. */
const on = (day: string) => realSnapshot(day, undefined, defaultSettings(), set);

const onlyEtf = <R extends { notifications: { id: string }[] }>(r: R): R => ({
  ...r,
  notifications: r.notifications.filter((n) => n.id.startsWith('etf-rotation:')),
});

describe('the ETF flows rotation alert', () => {
  // Only the flows alerts: each snapshot is built fresh (warmed up), so a stage alert may come along on some days.
  const detect = (previous: Snapshot | null, next: Snapshot, enabled: boolean, t = en, state = emptyAlertState()) =>
    onlyEtf(
      detectAlerts({
        previous,
        next,
        alerts: { ...defaultSettings().alerts, etfRotation: enabled },
        state,
        now: next.computedAt,
        t,
        locale: t === en ? 'en-US' : 'zh-CN',
      }),
    );

  it('off by default: the start is consumed, not shown', () => {
    expect(defaultSettings().alerts.etfRotation).toBe(false);
    const r = detect(on('2025-02-21'), on('2025-02-24'), false);
    expect(r.notifications).toEqual([]);
    expect(r.suppressed).toEqual([{ id: 'etf-rotation:start:2025-02-24', kind: 'etf-rotation', why: 'disabled' }]);
  });

  it('switched on: the start and the end, once each, with the sums that decided them', () => {
    expect(on('2025-02-21').evaluation.etfFlows!.rotation).toBe(false);
    const start = detect(on('2025-02-21'), on('2025-02-24'), true);
    expect(start.notifications).toEqual([
      {
        id: 'etf-rotation:start:2025-02-24',
        kind: 'etf-rotation',
        title: 'Regime Lens: ETF flows rotate to ETH',
        message:
          'Spot ETF net flows over 20 US sessions to Feb 24, 2025: BTC −947.8 m USD, ETH +272.2 m USD · ' +
          'etf-flows-btc.csv · etf-flows-eth.csv',
      },
    ]);
    // The same day seen again is no news; the end is.
    expect(detect(on('2025-02-24'), on('2025-02-24'), true, en, start.state).notifications).toEqual([]);
    const end = detect(on('2025-02-24'), on('2025-03-04'), true, en, start.state);
    expect(end.notifications.map((n) => [n.id, n.title])).toEqual([
      ['etf-rotation:end:2025-03-04', 'Regime Lens: ETF flows rotation ended'],
    ]);
    expect(detect(on('2025-02-21'), on('2025-02-24'), true, zh).notifications[0]!.title).toBe(
      'Regime Lens：ETF 资金轮动至 ETH',
    );
  });

  it('unknown or stale flows neither fire nor re-arm; the state keeps the last known reading', () => {
    const start = detect(on('2025-02-21'), on('2025-02-24'), true);
    const noFlows = realSnapshot('2025-03-04');
    const blind = detect(on('2025-02-24'), noFlows, true, en, start.state);
    expect(blind.notifications).toEqual([]);
    expect(blind.state.etfRotation).toBe(true);
    const stale = on('2025-03-04');
    stale.evaluation.etfFlows!.stale = true;
    expect(detect(on('2025-02-24'), stale, true, en, start.state).notifications).toEqual([]);
    expect(normalizeAlertState(JSON.parse(JSON.stringify(start.state))).etfRotation).toBe(true);
  });
});
