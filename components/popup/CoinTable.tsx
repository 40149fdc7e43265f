import { ageDaysAt } from '@/lib/format/age';
import { asiWhyText, exclusionText } from '@/lib/i18n/reason-text';
import type { AsiExcluded, ExclusionReason } from '@/lib/signals/asi';
import type { Snapshot } from '@/lib/snapshot/types';
import type { ViewCtx } from './context';

const REASON_ORDER: ExclusionReason[] = [
  'too-young',
  'gap-at-start',
  'no-close',
  'exclusion-list',
  'category',
  'outside-top-n',
  'no-market-cap',
  'not-listed-yet',
];

export const exclusionKey = (r: ExclusionReason) => `popup_excl_${r.replace(/-/g, '_')}`;

/** The ASI's coins: return vs BTC, then what was left out and why (too-young coins listed, not hidden). */
export function CoinTable({ snapshot, ctx }: { snapshot: Snapshot; ctx: ViewCtx }) {
  const { t, f } = ctx;
  const asi = snapshot.evaluation.asi;
  if (!asi) return <p data-testid="coins-none">{t('popup_coins_none')}</p>;
  const groups = new Map<ExclusionReason, AsiExcluded[]>();
  for (const x of asi.excluded) groups.set(x.reason, [...(groups.get(x.reason) ?? []), x]);
  return (
    <div class="coins">
      {asi.value === null ? (
        <p>{t('popup_asi_unknown', asiWhyText(asi, t, f.locale))}</p>
      ) : (
        <>
          <p class="small">
            {t('popup_coins_summary', asi.beat, asi.counted, asi.windowDays, f.day(asi.from), f.day(asi.asOf))}{' '}
            <span class="muted">{t(`popup_universe_${asi.universe.replace(/-/g, '_')}`)}</span>
          </p>
          <table data-testid="coin-table">
            <caption>{t('popup_coins_caption', asi.windowDays)}</caption>
            <thead>
              <tr>
                <th scope="col" class="r">
                  #
                </th>
                <th scope="col">{t('popup_coins_col_coin')}</th>
                <th scope="col" class="r">
                  {t('popup_coins_col_return', asi.windowDays)}
                </th>
                <th scope="col">{t('popup_coins_col_vs_btc')}</th>
              </tr>
            </thead>
            <tbody>
              <tr class="btc-row">
                <td class="r" />
                <th scope="row">BTC</th>
                <td class="r num">{f.fraction(asi.btcReturn)}</td>
                <td class="muted">{t('popup_coins_benchmark')}</td>
              </tr>
              {asi.coins.map((c, i) => (
                <tr key={c.symbol} data-coin={c.symbol}>
                  <td class="r num muted">{i + 1}</td>
                  <th scope="row">{c.symbol}</th>
                  <td class="r num">{f.fraction(c.return)}</td>
                  <td class={c.beatBtc ? 'beat' : 'lag'}>{c.beatBtc ? t('popup_coins_beat') : t('popup_coins_lag')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="small muted">
            {t('popup_source', asi.source)} ·{' '}
            {t('popup_data_age', f.day(asi.asOf), f.daysAgo(ageDaysAt(asi.asOf, ctx.now)))}
          </p>
        </>
      )}
      <h3>{t('popup_coins_excluded', asi.excluded.length)}</h3>
      {asi.excluded.length === 0 ? <p class="muted">{t('popup_coins_excluded_none')}</p> : null}
      <dl class="excluded" data-testid="excluded">
        {REASON_ORDER.filter((r) => groups.has(r)).map((r) => (
          <div key={r} data-reason={r}>
            <dt>
              {t(exclusionKey(r), asi.value !== null ? f.day(asi.from) : '')} ({groups.get(r)!.length})
            </dt>
            <dd>
              {groups.get(r)!.map((x, i) => (
                <span key={x.symbol} title={exclusionText(x, t, f.locale)}>
                  {i > 0 ? ', ' : ''}
                  {x.symbol}
                </span>
              ))}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
