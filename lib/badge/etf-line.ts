import type { Translate } from '../i18n/translate';
import type { EtfFlowsSignal } from '../signals/etf-flows';
import { fmtSigned, UNKNOWN } from './format';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
/** An asset's long-window sum, or undefined where a stored snapshot has none (older, or hand-edited). */
const longSum = (a: unknown): unknown => (isObj(a) && isObj(a.long) ? a.long.value : undefined);

/**
 * The mini-panel's ETF flows line: "ETF flows, 20 sessions: BTC −947.8 m · ETH +272.2 m · rotating". Null when the
 * snapshot has no flows (nothing to show, not a zero). Stale flows say their age instead of numbers. Reads a
 * stored snapshot, so any field may be missing or of another type: it then shows "—", never throws.
 */
export function etfFlowsLine(flows: EtfFlowsSignal | null | undefined, t: Translate, locale?: string): string | null {
  if (!isObj(flows)) return null;
  if (flows.stale === true) {
    const age = typeof flows.ageDays === 'number' && Number.isFinite(flows.ageDays) ? Math.round(flows.ageDays) : null;
    return t('badge_etf_stale', age === null ? UNKNOWN : age);
  }
  const m = (v: unknown) => {
    const s = fmtSigned(v, 1, locale);
    return s === null ? UNKNOWN : t('badge_etf_m', s);
  };
  const n = typeof flows.longSessions === 'number' ? flows.longSessions : UNKNOWN;
  const rot =
    flows.rotation === true
      ? 'badge_etf_rot_yes'
      : flows.rotation === false
        ? 'badge_etf_rot_no'
        : 'badge_etf_rot_unknown';
  return t('badge_etf_line', n, m(longSum(flows.btc)), m(longSum(flows.eth)), t(rot));
}
