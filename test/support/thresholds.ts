import type { KnownStage, Stage } from '../../lib/phase/stage';
import type { Settings } from '../../lib/settings/defaults';

/**
 * Stage thresholds that make the stage leave `stage` at ASI `asi` on one evaluation (one confirmation day, no
 * margin): Bitcoin season from anywhere else, alt-rotation from Bitcoin season. Valid (ordered thresholds) for
 * every ASI from 2 to 97. Tests derive them from the ASI the product computed, because which fixture day is
 * "today" depends on the date the suite runs.
 */
export function thresholdsThatMove(
  asi: number,
  stage: Stage,
): { stage: Partial<Settings['stage']>; hysteresis: Settings['hysteresis']; target: KnownStage } {
  if (asi < 2 || asi > 97) throw new Error(`no valid thresholds move the stage at ASI ${asi}`);
  const hysteresis = { confirmDays: 1, marginPoints: 0, holdDays: 0 };
  if (stage !== 'btc-season') {
    const altRotationMin = Math.max(50, asi + 1);
    return {
      stage: { btcSeasonMax: asi, altRotationMin, altseasonMin: Math.max(75, altRotationMin + 1) },
      hysteresis,
      target: 'btc-season',
    };
  }
  return {
    stage: { btcSeasonMax: asi - 2, altRotationMin: asi - 1, altseasonMin: 75 },
    hysteresis,
    target: 'alt-rotation',
  };
}
