import { SOURCES_TAB } from '@/lib/cache/chains';
import { reasonText } from '@/lib/i18n/reason-text';
import type { PhaseLogEntry, Snapshot } from '@/lib/snapshot/types';
import { stageKey, type ViewCtx } from './context';

/** Every provider's last success and last error, and which provider served each signal. */
export function Sources({ snapshot, ctx }: { snapshot: Snapshot; ctx: ViewCtx }) {
  const { t, f, now } = ctx;
  const sources = Object.entries(snapshot.sources).sort((a, b) => a[0].localeCompare(b[0]));
  const served = SOURCES_TAB.filter((k) => snapshot.served[k]);
  // `crossCheck` → popup_served_cross_check
  const servedKey = (k: string) => `popup_served_${k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;
  return (
    <div class="sources">
      <table data-testid="sources">
        <caption>{t('popup_sources_caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('popup_sources_col_source')}</th>
            <th scope="col">{t('popup_sources_col_success')}</th>
            <th scope="col">{t('popup_sources_col_error')}</th>
          </tr>
        </thead>
        <tbody>
          {sources.length === 0 ? (
            <tr>
              <td colSpan={3} class="muted">
                {t('popup_sources_none')}
              </td>
            </tr>
          ) : null}
          {sources.map(([name, s]) => {
            const failing = s.lastError !== null && (s.lastSuccess === null || s.lastError.at > s.lastSuccess);
            return (
              <tr key={name} data-source={name} class={failing ? 'failing' : ''}>
                <th scope="row">
                  {name} {failing ? <span class="chip bad">{t('popup_sources_failing')}</span> : null}
                </th>
                <td>
                  {s.lastSuccess === null ? (
                    t('popup_never')
                  ) : (
                    <time title={f.dateTime(s.lastSuccess)}>{f.ago(s.lastSuccess, now)}</time>
                  )}
                </td>
                <td>
                  {s.lastError === null ? (
                    <span class="muted">{t('popup_none')}</span>
                  ) : (
                    <>
                      <time title={f.dateTime(s.lastError.at)}>{f.ago(s.lastError.at, now)}</time>: {s.lastError.kind}
                      <div class="small muted">{s.lastError.message}</div>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3>{t('popup_served_heading')}</h3>
      <ul class="served">
        {served.length === 0 ? <li class="muted">{t('popup_none')}</li> : null}
        {served.map((k) => (
          <li key={k}>
            {t(servedKey(k))}: {snapshot.served[k]!.provider} ·{' '}
            {t('popup_fetched_at', f.ago(snapshot.served[k]!.fetchedAt, now))}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Confirmed stage changes, newest first, with the reasons that made them. */
export function PhaseLog({ log, ctx }: { log: PhaseLogEntry[]; ctx: ViewCtx }) {
  const { t, f, now } = ctx;
  if (log.length === 0)
    return (
      <p class="muted" data-testid="phase-log-empty">
        {t('popup_log_empty')}
      </p>
    );
  return (
    <ol class="phase-log" data-testid="phase-log" reversed>
      {[...log].reverse().map((entry, i) => (
        <li key={`${entry.at}-${i}`}>
          <strong>
            {t(stageKey(entry.from ?? 'unknown'))} → {t(stageKey(entry.to))}
          </strong>{' '}
          <span class="muted small">
            <time title={f.dateTime(entry.at)}>{f.day(entry.day)}</time> · {f.ago(entry.at, now)}
          </span>
          {entry.reasons.length > 0 ? (
            <ul class="small">
              {entry.reasons.map((r, j) => (
                <li key={j}>{reasonText(r, t, f.locale)}</li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
