import { asiWhyText } from '@/lib/i18n/reason-text';
import { ageDaysAt } from '@/lib/format/age';
import { asiCrossCheck } from '@/lib/signals/cross-check';
import type { ComponentChildren } from 'preact';
import type { Settings } from '@/lib/settings/defaults';
import type { EtfAssetFlows, EtfFlowsSignal } from '@/lib/signals/etf-flows';
import type { SignalBase } from '@/lib/signals/signal';
import type { Snapshot } from '@/lib/snapshot/types';
import { russellStateKey, zoneKey, type ViewCtx } from './context';

type Served = keyof Snapshot['served'];

interface TileProps {
  id: string;
  title: string;
  /** The headline value, already formatted; UNKNOWN ("—") when unknown. */
  value: string;
  signal: Pick<SignalBase, 'stale' | 'source' | 'asOf' | 'ageDays'> | null;
  served: Served;
  snapshot: Snapshot;
  /** Threshold line(s). */
  threshold: ComponentChildren;
  children?: ComponentChildren;
  ctx: ViewCtx;
  maxAgeDays: number;
}

/** One signal: value, threshold, source, data age and a stale mark; an unknown value says so. */
function Tile({ id, title, value, signal, served, snapshot, threshold, children, ctx, maxAgeDays }: TileProps) {
  const { t, f, now } = ctx;
  const fetched = snapshot.served[served];
  return (
    <article class={`tile ${signal?.stale ? 'stale' : ''}`} data-tile={id} aria-labelledby={`tile-${id}`}>
      <h3 id={`tile-${id}`}>
        {title}
        {signal?.stale ? (
          <span class="chip warn" data-testid="stale" title={t('popup_stale_hint', maxAgeDays)}>
            {t('popup_stale')}
          </span>
        ) : null}
      </h3>
      <p class="value num" data-testid="value">
        {value}
        {signal === null ? <span class="muted small"> {t('popup_no_data')}</span> : null}
      </p>
      <div class="threshold small">{threshold}</div>
      {children ? <div class="detail small">{children}</div> : null}
      <p class="source small muted">
        {signal ? (
          <>
            {t('popup_source', signal.source)} ·{' '}
            <span data-testid="data-age">
              {t('popup_data_age', f.day(signal.asOf), f.daysAgo(ageDaysAt(signal.asOf, now)))}
            </span>
          </>
        ) : (
          t('popup_source_none')
        )}
        {fetched ? <> · {t('popup_fetched', fetched.provider, f.ago(fetched.fetchedAt, now))}</> : null}
      </p>
    </article>
  );
}

/** A tile per signal, in the order the thesis reads them. */
export function Tiles({ snapshot, settings, ctx }: { snapshot: Snapshot; settings: Settings; ctx: ViewCtx }) {
  const { t, f, now } = ctx;
  const e = snapshot.evaluation;
  const st = settings.stage;
  const crypto = settings.staleness.cryptoMaxAgeDays;
  const r = e.russell;
  const a = e.asi && e.asi.value !== null ? e.asi : null;
  const cov = a?.coverage;
  const cc = asiCrossCheck(snapshot.crossCheck, e.asi);
  const d = e.dominance;
  const eb = e.ethbtc;
  const t3 = e.total3;
  const fg = e.fearGreed;
  const yesNo = (v: boolean | null | undefined) =>
    v === null || v === undefined ? f.number(null) : v ? t('popup_yes') : t('popup_no');
  return (
    <div class="tiles">
      <Tile
        id="russell"
        title={t('popup_tile_russell')}
        value={f.number(r?.close, 2)}
        signal={r}
        served="russell"
        snapshot={snapshot}
        ctx={ctx}
        maxAgeDays={settings.staleness.russellMaxAgeDays}
        threshold={<>{t('popup_russell_ref', f.number(settings.russell.referenceHigh, 2))}</>}
      >
        {r ? (
          <>
            <div>
              {t('popup_russell_state', t(russellStateKey(r.state)))} ·{' '}
              {t('popup_from_ath', f.percent(r.pctFromAth, 1, true))}
            </div>
            <div>
              {r.weeklyConfirmed
                ? t('popup_weekly_yes', f.day(r.weeklyConfirmedSince))
                : t('popup_weekly_no', r.weeklyClose ? f.number(r.weeklyClose.close, 2) : f.number(null))}
            </div>
            <div>
              {r.lastBreakoutDate
                ? t('popup_last_breakout', f.day(r.lastBreakoutDate), f.daysAgo(ageDaysAt(r.lastBreakoutDate, now)))
                : t('popup_no_breakout')}
            </div>
          </>
        ) : null}
      </Tile>

      <Tile
        id="asi"
        title={t('popup_tile_asi')}
        value={f.number(a?.value)}
        signal={a}
        served="coins"
        snapshot={snapshot}
        ctx={ctx}
        maxAgeDays={crypto}
        threshold={<>{t('popup_asi_thresholds', f.number(st.btcSeasonMax), f.number(st.altseasonMin))}</>}
      >
        {a ? <div>{t('popup_asi_counted', a.beat, a.counted, a.windowDays, f.fraction(a.btcReturn))}</div> : null}
        {cov ? (
          <div data-testid="asi-coverage">
            {t('popup_asi_coverage', cov.counted, cov.aimed, f.percent(Math.floor(cov.pct)))}
          </div>
        ) : null}
        {e.asi && e.asi.value === null ? <div>{t('popup_asi_unknown', asiWhyText(e.asi, t, f.locale))}</div> : null}
        <div data-testid="cross-check">
          {!cc
            ? t('popup_cmc_none')
            : cc.ours === null
              ? t('popup_cmc_ours_unknown', f.number(cc.cmc), f.day(cc.cmcAsOf))
              : t('popup_cmc', f.number(cc.cmc), f.number(cc.ours), f.signed(cc.diff, 0), f.day(cc.cmcAsOf))}
        </div>
      </Tile>

      <Tile
        id="dominance"
        title={t('popup_tile_dominance')}
        value={f.percent(d?.value, 1)}
        signal={d}
        served="dominance"
        snapshot={snapshot}
        ctx={ctx}
        maxAgeDays={crypto}
        threshold={<>{t('popup_dom_zones', ...settings.dominance.zones.map((z) => f.number(z)))}</>}
      >
        {d ? (
          <>
            <div>
              {t('popup_dom_zone', t(zoneKey(d.zone)))} ·{' '}
              {t('popup_dom_change', f.signed(d.change30, 1), f.signed(d.change90, 1))}
            </div>
            <div>
              {d.macd?.lastCross
                ? t(
                    d.macd.lastCross.type === 'bearish' ? 'popup_macd_bearish' : 'popup_macd_bullish',
                    f.month(d.macd.lastCross.month),
                  )
                : t('popup_macd_none')}
            </div>
            {d.wedge?.rising ? <div>{t('popup_wedge')}</div> : null}
          </>
        ) : null}
      </Tile>

      <Tile
        id="ethbtc"
        title={t('popup_tile_ethbtc')}
        value={f.precise(eb?.value, 5)}
        signal={eb}
        served="ethbtc"
        snapshot={snapshot}
        ctx={ctx}
        maxAgeDays={crypto}
        threshold={<>{t('popup_ethbtc_threshold', f.percent(st.ethRotationEthBtcPct, 0, true))}</>}
      >
        {eb ? (
          <div>
            {[
              t('popup_change30', f.percent(eb.change30Pct, 1, true)),
              t('popup_above_sma', 50, yesNo(eb.aboveSma50)),
              t('popup_above_sma', 200, yesNo(eb.aboveSma200)),
            ].join(' · ')}
          </div>
        ) : null}
      </Tile>

      <Tile
        id="total3"
        title={t('popup_tile_total3')}
        value={t3 ? `$${f.compact(t3.value)}` : f.number(null)}
        signal={t3}
        served="total3"
        snapshot={snapshot}
        ctx={ctx}
        maxAgeDays={crypto}
        threshold={<>{t('popup_total3_threshold')}</>}
      >
        {t3 ? (
          <div>
            {[
              t('popup_total3_vs_btc', f.percent(t3.change30Pct, 1, true), f.percent(t3.btcChange30Pct, 1, true)),
              t('popup_total3_faster', yesNo(t3.expandingFaster)),
            ].join(' · ')}
          </div>
        ) : null}
      </Tile>

      <Tile
        id="fearGreed"
        title={t('popup_tile_fear_greed')}
        value={f.number(fg?.value)}
        signal={fg}
        served="fearGreed"
        snapshot={snapshot}
        ctx={ctx}
        maxAgeDays={crypto}
        threshold={<>{t('popup_fg_thresholds', f.number(st.fearWashout), f.number(st.lateCycleGreed))}</>}
      >
        {fg ? <div>{t(`popup_fg_${fg.band.replace(/-/g, '_')}`)}</div> : null}
      </Tile>

      <EtfFlowsTile snapshot={snapshot} settings={settings} ctx={ctx} />
    </div>
  );
}

/** "−1,125.5 m": a net flow in US$ millions, signed; unknown as "—". */
const flowM = (ctx: ViewCtx, v: number | null) => ctx.t('popup_etf_m', ctx.f.signed(v, 1));

function EtfAssetLine({
  label,
  a,
  f: flows,
  ctx,
}: {
  label: string;
  a: EtfAssetFlows | null;
  f: EtfFlowsSignal;
  ctx: ViewCtx;
}) {
  const { t, f } = ctx;
  if (!a) return <div data-testid={`etf-${label}`}>{t('popup_etf_asset_none', label)}</div>;
  const s = a.streak;
  const streak =
    s.direction === null
      ? t('popup_etf_streak_flat')
      : t(
          s.direction === 'in' ? 'popup_etf_streak_in' : 'popup_etf_streak_out',
          (s.atLeast ? '≥' : '') + f.number(s.sessions),
        );
  return (
    <div data-testid={`etf-${label}`}>
      {t('popup_etf_asset', label, flowM(ctx, a.last), f.day(a.asOf))} ·{' '}
      {t('popup_etf_sum', flows.shortSessions, flowM(ctx, a.short.value))} ·{' '}
      {t('popup_etf_sum', flows.longSessions, flowM(ctx, a.long.value))} · {streak}
    </div>
  );
}

/** US spot ETF flows: the rotation headline, per asset the last session, the two sums and the streak. */
function EtfFlowsTile({ snapshot, settings, ctx }: { snapshot: Snapshot; settings: Settings; ctx: ViewCtx }) {
  const { t } = ctx;
  // Absent from snapshots written before ETF flows existed: unknown.
  const fl = snapshot.evaluation.etfFlows ?? null;
  const err = snapshot.etfFlowsError ?? null;
  const rot = fl && !fl.stale ? fl.rotation : null;
  return (
    <Tile
      id="etfFlows"
      title={t('popup_tile_etf_flows')}
      value={rot === null ? ctx.f.number(null) : t(rot ? 'popup_etf_rotating' : 'popup_etf_not_rotating')}
      signal={fl}
      served="etfFlowsBtc"
      snapshot={snapshot}
      ctx={ctx}
      maxAgeDays={settings.staleness.etfFlowsMaxAgeDays}
      threshold={<>{t('popup_etf_threshold', settings.etfFlows.longSessions)}</>}
    >
      {fl ? (
        <>
          <EtfAssetLine label="BTC" a={fl.btc} f={fl} ctx={ctx} />
          <EtfAssetLine label="ETH" a={fl.eth} f={fl} ctx={ctx} />
        </>
      ) : null}
      {err ? (
        <div class="error" data-testid="etf-error">
          {t('popup_etf_error', err.message)}
        </div>
      ) : null}
    </Tile>
  );
}
