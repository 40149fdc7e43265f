import type { ComponentChildren } from 'preact';
import { HORIZONS, type Outcome } from '@/lib/evidence/types';
import { UNKNOWN } from '@/lib/format/format';
import type { Translate } from '@/lib/i18n/translate';

/** The head of an events table: date, what happened, then one column per horizon (shared by both evidence tables). */
export function HorizonsHead({ t, second }: { t: Translate; second: ComponentChildren }) {
  return (
    <thead>
      <tr>
        <th scope="col">{t('evidence_col_date')}</th>
        <th scope="col">{second}</th>
        {HORIZONS.map((h) => (
          <th key={h} scope="col" class="r">
            {t('evidence_col_after', h)}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** One outcome: its value with its source, or why there is none (an outcome not recorded yet is pending). */
export function OutcomeCell({ o, text, pending }: { o?: Outcome; text: (v: number) => string; pending: string }) {
  if (o?.status === 'known')
    return (
      <td class="r num" title={o.source} data-status="known">
        {text(o.value)}
      </td>
    );
  return (
    <td class="r muted" title={o?.why} data-status={o?.status ?? 'pending'}>
      {o?.status === 'unknown' ? UNKNOWN : pending}
    </td>
  );
}
