import type { Stage } from '../phase/stage';

/** Stage colours dark enough for white text (toolbar badge); the on-page colours are in the badge CSS. */
export const STAGE_COLOR: Record<Stage, string> = {
  'btc-season': '#B45309',
  'eth-rotation': '#4F46E5',
  mixed: '#64748B',
  'alt-rotation': '#0F766E',
  altseason: '#15803D',
  unknown: '#3F3F46',
};

/** The on-page stage colours (3:1 or more on both badge themes): always beside a shape and a label, never alone. */
export const STAGE_ONPAGE: Record<Stage, string> = {
  'btc-season': '#e8710a',
  'eth-rotation': '#627eea',
  mixed: '#a855f7',
  'alt-rotation': '#0d9488',
  altseason: '#16a34a',
  unknown: '#8a8a93',
};
