import { daysBetween } from '../series/dates';
import type { Day } from '../series/types';
import type { Signals } from '../signals/signals';
import { daysPhrase, type Phrase, type Reason } from './reasons';

const tenth = (x: number) => Math.round(x * 10) / 10;
// Grouped as the views format it in English ("+3,294.7"), so the CLI and the popup say the same.
const EN = new Intl.NumberFormat('en', { maximumFractionDigits: 2, signDisplay: 'exceptZero' });
const sumText = (x: number | null) => (x === null ? 'unknown' : `${EN.format(tenth(x))} m USD`);
const sumPhrase = (x: number | null): Phrase =>
  x === null ? { code: 'etf.unknown' } : { code: 'etf.sum', args: [tenth(x)] };

/**
 * The ETF flows confirmation (SIGNALS.md §3): spot BTC ETFs bleeding over the long window while ETH's take
 * inflows. A reason beside the stage, never one of its rules; the setup reads it only when the settings say
 * so (lib/phase/setup.ts). Tri-state: unknown without both sums, not tested when the flows are stale.
 */
export function etfFlowsReason(sig: Pick<Signals, 'etfFlows'>, day: Day): Reason {
  const f = sig.etfFlows ?? null;
  const btc = f?.btc?.long.value ?? null;
  const eth = f?.eth?.long.value ?? null;
  const n = f?.longSessions ?? 20;
  const stale = f !== null && (f.btc?.stale === true || f.eth?.stale === true);
  const age = stale ? daysPhrase(daysBetween(f.asOf, day)) : null;
  const passed = stale ? null : (f?.rotation ?? null);
  const legs = `BTC ${sumText(btc)} over ${n} sessions, ETH ${sumText(eth)}`;
  const text = stale
    ? `ETF flows not used, ${age!.text} old`
    : passed === null
      ? `ETF flows rotation not tested: ${legs}`
      : passed
        ? `ETF flows rotate from BTC to ETH: ${legs}`
        : `no ETF flows rotation: ${legs} (needs BTC < 0 and ETH > 0)`;
  return {
    rule: 'confirm.etf-flows',
    signal: 'etfFlows',
    value: btc,
    comparator: 'is',
    threshold: `BTC ${n}-session sum < 0 and ETH's > 0`,
    passed,
    source: f?.source ?? null,
    asOf: f?.asOf ?? null,
    text,
    sign: true,
    ...(stale ? { stale: true } : {}),
    args: [sumPhrase(btc), sumPhrase(eth), String(n), age?.phrase ?? null],
  };
}
