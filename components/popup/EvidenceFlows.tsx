import type { FlowsEvidence, FlowWindow } from '@/lib/evidence/etf-flows';
import { UNKNOWN } from '@/lib/format/format';
import type { ViewCtx } from './context';

const KIND: Record<'breakout' | 'weekly', string> = {
  breakout: 'evidence_kind_breakout',
  weekly: 'evidence_kind_weekly',
};

/**
 * US spot ETF flows around each Russell event (the long-window sums ending on the event day and over the sessions
 * after it) beside the same sums over every session: does a breakout come with BTC bleeding into ETH products?
 */
export function EvidenceFlows({ flows, ctx }: { flows: FlowsEvidence | null; ctx: ViewCtx }) {
  const { t, f } = ctx;
  if (!flows)
    return (
      <p class="small muted" data-testid="evidence-flows-none">
        {t('evidence_flows_none')}
      </p>
    );
  const m = (v: number | null) => (v === null ? UNKNOWN : f.signed(v, 1));
  const rot = (v: boolean | null) => t(v === null ? 'evidence_flows_rot_unknown' : v ? 'popup_yes' : 'popup_no');
  const cells = (w: FlowWindow | { pending: true } | null) =>
    w === null ? (
      <td colSpan={3} class="muted">
        {t('evidence_flows_before_data')}
      </td>
    ) : 'pending' in w ? (
      <td colSpan={3} class="muted">
        {t('evidence_pending')}
      </td>
    ) : (
      <>
        <td class="r num">{m(w.btc)}</td>
        <td class="r num">{m(w.eth)}</td>
        <td>{rot(w.rotation)}</td>
      </>
    );
  const b = flows.base;
  const share = b.rotationShare === null ? UNKNOWN : f.percent(b.rotationShare * 100, 0);
  return (
    <section data-testid="evidence-flows">
      <table class="small">
        <caption>{t('evidence_flows_caption', flows.sessions)}</caption>
        <thead>
          <tr>
            <th scope="col">{t('evidence_col_date')}</th>
            <th scope="col">{t('evidence_col_kind')}</th>
            <th scope="col" colSpan={3}>
              {t('evidence_flows_col_before', flows.sessions)}
            </th>
            <th scope="col" colSpan={3}>
              {t('evidence_flows_col_after', flows.sessions)}
            </th>
          </tr>
        </thead>
        <tbody>
          {flows.events.map((e) => (
            <tr key={`${e.kind}-${e.date}`} data-flows-event={e.date} data-kind={e.kind}>
              <th scope="row">{f.day(e.date)}</th>
              <td>{t(KIND[e.kind])}</td>
              {cells(e.before)}
              {cells(e.after)}
            </tr>
          ))}
          <tr data-testid="evidence-flows-base">
            <th scope="row" colSpan={2}>
              {t('evidence_flows_base', b.windows)}
            </th>
            <td class="r num">{m(b.btc.median)}</td>
            <td class="r num">{m(b.eth.median)}</td>
            <td>{share}</td>
            <td colSpan={3} class="small muted">
              {t('evidence_flows_base_iqr', m(b.btc.p25), m(b.btc.p75), m(b.eth.p25), m(b.eth.p75))}
            </td>
          </tr>
        </tbody>
      </table>
      <p class="small muted">{t('evidence_flows_note', f.day(flows.first), f.day(flows.last), flows.source)}</p>
    </section>
  );
}
