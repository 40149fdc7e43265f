import type { Phase } from '../engine/evaluate';
import { stageKey } from '../phase/stage';
import { phraseText } from './reason-text';
import type { Translate } from './translate';

/**
 * The setup in three words and why (SIGNALS.md §4): "met", "not met — needs …; it is …" for each leg that fails
 * (never "No setup (…)", which read as if the failing conditions held), or "unknown — not known without …".
 */
export function setupWords(
  phase: Pick<Phase, 'setup' | 'reasons'>,
  t: Translate,
  locale?: string,
): { head: string; why: string } {
  const s = phase.setup;
  // "Setup: not met —" and "Setup: unknown —" end in their dash; "Setup: met" gets one here.
  const head = t(`popup_setup_${s.state}`) + (s.state === 'yes' ? ' —' : '');
  return { head, why: setupWhy(phase, t, locale) };
}

function setupWhy(phase: Pick<Phase, 'setup' | 'reasons'>, t: Translate, locale?: string): string {
  const s = phase.setup;
  if (s.state === 'yes') return t('popup_setup_hint');
  if (s.state === 'unknown')
    return t('popup_setup_unknown_words', s.missing.map((m) => t(`popup_input_${m}`)).join(', '));
  const legs = phase.reasons
    .filter((r) => r.rule.startsWith('setup.') && r.passed === false)
    .map((r) => {
      const p = (i: number) => phraseText(r.args?.[i], t, locale);
      if (r.rule === 'setup.stage') return t('popup_setup_leg_stage', t(stageKey(String(r.value) as never)));
      if (r.rule === 'setup.russell') return t('popup_setup_leg_russell', [p(0), p(2)].filter(Boolean).join(', '));
      // The leg's threshold lists its three conditions; the second is the dominance range ("50–60%").
      const range = Array.isArray(r.threshold) ? String(r.threshold[1] ?? '') : '';
      return t('popup_setup_leg_dominance', range, [p(0), p(1)].filter(Boolean).join(', '));
    });
  return legs.join(' · ');
}
