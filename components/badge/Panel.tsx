/** @jsxRuntime classic */
/** @jsx h */
/** @jsxFrag Fragment */
import { Fragment, h, type Ref } from 'preact';
import type { Translate } from '@/lib/i18n/translate';
import type { Cell } from '@/lib/badge/format';
import type { PanelModel, StaleMark } from '@/lib/badge/model';
import type { Stage } from '@/lib/phase/stage';
import type { Day } from '@/lib/series/types';
import { Sparkline } from './Sparkline';
import { StageIcon } from './StageIcon';

interface Props {
  id: string;
  model: PanelModel;
  stage: Stage;
  /** The evaluation day: the sparklines' window ends here. */
  end: Day;
  t: Translate;
  panelRef: Ref<HTMLElement>;
  style: Record<string, string>;
  onClose(): void;
  onDetails(): void;
}

/** A value that may be unknown: "—" on screen, "… unknown" for screen readers. */
export function Value({ cell, class: cls = '' }: { cell: Cell; class?: string }) {
  return (
    <span class={`v ${cls}`} data-known={String(cell.known)} role="img" aria-label={cell.aria}>
      {cell.text}
    </span>
  );
}

/** A stale value's mark beside it: its age in words (not colour alone), the data's date as the title. */
export function Stale({ mark }: { mark: StaleMark | null }) {
  return (
    mark && (
      <span class="chip stale" title={mark.title}>
        {mark.text}
      </span>
    )
  );
}

/** The mini-panel: each line with value, threshold and 90-day sparkline, the reasons, the sources. */
export function Panel({ id, model, stage, end, t, panelRef, style, onClose, onDetails }: Props) {
  const titleId = `${id}-title`;
  return (
    <section id={id} class="panel" role="dialog" aria-labelledby={titleId} tabIndex={-1} ref={panelRef} style={style}>
      <div class="head">
        <h2 id={titleId}>
          <StageIcon stage={stage} />
          {model.stageLabel}
        </h2>
        <button type="button" class="close" aria-label={t('badge_close')} title={t('badge_close')} onClick={onClose}>
          ×
        </button>
      </div>
      {model.flags.length > 0 && (
        <p>
          {model.flags.map((f) => (
            <span key={f} class="chip">
              {f}
            </span>
          ))}
        </p>
      )}
      <ul>
        {model.lines.map((l) => (
          <li key={l.id} class="line" data-line={l.id}>
            <div>
              <span class="k">{l.label}</span> <Value cell={l.value} class="big" /> <Stale mark={l.stale} />
              <div class="muted">{l.threshold}</div>
              {l.note && <div class="muted">{l.note}</div>}
            </div>
            <Sparkline line={l} end={end} emptyText={t('badge_spark_empty')} />
          </li>
        ))}
      </ul>
      <dl>
        {model.extras.map((x) => (
          <div key={x.id}>
            <dt class="k">{x.label}</dt>
            <dd>
              <Value cell={x.value} /> <Stale mark={x.stale} /> {x.note && <span class="muted">{x.note}</span>}
            </dd>
          </div>
        ))}
      </dl>
      {model.reasons.length > 0 && (
        <>
          <h3>{t('badge_reasons')}</h3>
          <ul class="small">
            {model.reasons.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('badge_sources')}</h3>
      <ul class="small">
        {model.sources.map((s) => (
          <li key={s.id} data-stale={String(s.stale)}>
            <span class="k">{s.label}:</span> {s.text}
          </li>
        ))}
      </ul>
      <div class="foot">
        <span class="muted">{model.updated}</span>
        <button type="button" class="details" onClick={onDetails}>
          {t('badge_details')}
        </button>
      </div>
    </section>
  );
}
