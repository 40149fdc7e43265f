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
