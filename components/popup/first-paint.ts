/*
 * The popup's first paint, before its modules have loaded: the stage line from the worker's badge view (one small
 * storage item, already built for the trading pages), in the place and classes the header will give it. Plain DOM,
 * no Preact: it runs from a classic script at the top of popup.html (entrypoints/popup-first-paint.ts). The popup's
 * first render diffs against these nodes: Preact reuses them as its topbar and header and drops the rest.
 */
import { stageKey } from '@/lib/phase/stage';
import { usableView } from '@/lib/badge/view-read';
import { h } from '../badge/dom';
import { STAGE_TONE } from './tone';

/** Marks the nodes of the first paint (gone once the popup has rendered: test/unit/popup/first-paint.test.tsx). */
export const FIRST_PAINT_ATTR = 'data-first-paint';

/**
 * Paints the topbar and the stage line into `root` from a stored badge view. Nothing is painted (false) when the
 * popup has already rendered, or the view is missing, of another version or has no data yet: the popup's own
 * render, a few tens of milliseconds later, then shows what it has (the first-refresh placeholder, say).
 */
export function paintFirstStage(root: Element, view: unknown, t: (key: string) => string): boolean {
  const v = usableView(view);
  if (!v || v.computedAt === null || root.firstChild) return false;
  const name = t(stageKey(v.stage)) || v.label;
  root.append(
    h('header', { class: 'topbar', [FIRST_PAINT_ATTR]: '' }, h('h1', {}, 'Regime Lens')),
    h('p', { class: 'small muted', [FIRST_PAINT_ATTR]: '' }),
    h(
      'section',
      { class: 'header', [FIRST_PAINT_ATTR]: '' },
      h(
        'p',
        { class: 'stage-line' },
        h('span', { class: 'muted' }, t('popup_stage_label')),
        ' ',
        h(
          'strong',
          { class: `stage chip ${STAGE_TONE[v.stage]}`, 'data-testid': 'stage', 'data-stage': v.stage },
          name,
        ),
      ),
    ),
  );
  return true;
}
