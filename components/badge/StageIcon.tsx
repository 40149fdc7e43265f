/** @jsxRuntime classic */
/** @jsx h */
import { h } from 'preact';
import type { Stage } from '@/lib/phase/stage';

/**
 * A shape per stage (■ ◆ ◐ ▲ ★ ○), so the stage never rests on colour alone: one filled path each,
 * even-odd for the outlined ones.
 */
const PATHS: Record<Stage, string> = {
  'btc-season': 'M1.5 1.5h9v9h-9z',
  'eth-rotation': 'M6 .8 11.2 6 6 11.2.8 6z',
  mixed: 'M6 1a5 5 0 1 0 0 10A5 5 0 1 0 6 1zm0 1.6a3.4 3.4 0 1 1 0 6.8z',
  'alt-rotation': 'M6 1l5.3 9.6H.7z',
  altseason: 'M6 .6l1.6 3.6 3.9.4-2.9 2.6.8 3.9L6 9.1l-3.4 2 .8-3.9L.5 4.6l3.9-.4z',
  unknown: 'M6 1a5 5 0 1 0 0 10A5 5 0 1 0 6 1zm0 1.6a3.4 3.4 0 1 0 0 6.8 3.4 3.4 0 1 0 0-6.8z',
};

/** The stage's shape in its colour (CSS `--st`); decorative: the label beside it carries the meaning. */
export function StageIcon({ stage, size = 12 }: { stage: Stage; size?: number }) {
  return (
    <svg class="icon" width={size} height={size} viewBox="0 0 12 12" aria-hidden="true">
      <path d={PATHS[stage] ?? PATHS.unknown} fill-rule="evenodd" />
    </svg>
  );
}
