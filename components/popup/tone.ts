import type { Stage } from '@/lib/phase/stage';

/** The chip tone of each stage in the popup (the header's stage chip and its first paint). */
export const STAGE_TONE: Record<Stage, string> = {
  'btc-season': 'warn',
  'eth-rotation': 'info',
  mixed: 'info',
  'alt-rotation': 'ok',
  altseason: 'ok',
  unknown: 'bad',
};
