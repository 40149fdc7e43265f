import type { SiteId } from '../settings/defaults';

export type Theme = 'light' | 'dark';

/** What the page tells us about its theme, read by the content script (no DOM access here). */
export interface ThemeInput {
  site: SiteId;
  /** The `class` of <html>. */
  htmlClass: string;
  /** Other theme markers: `data-theme` of <html>, `class` and `data-theme` of <body> (space-joined). */
  markers: string;
  prefersDark: boolean;
}

// Common theme markers: dark, theme-dark, dark-theme, dark-mode, night, night-mode… (and light ones).
const DARK = /(^|\s)(theme-?)?(dark|night)(-?(theme|mode))?(\s|$)/i;
const LIGHT = /(^|\s)(theme-?)?(light|day)(-?(theme|mode))?(\s|$)/i;

/**
 * The page's theme. TradingView's own toggle is `theme-dark` on <html>, and its chart ignores the OS
 * setting, so that class alone decides there. Elsewhere an explicit class or data-theme on <html> or
 * <body> wins, then the OS preference.
 */
export function detectTheme(x: ThemeInput): Theme {
  // A word of the class list, by splitting (TradingView writes it with classList: single spaces): no RegExp to
  // compile while the badge mounts.
  if (x.site === 'tradingview') return x.htmlClass.split(' ').includes('theme-dark') ? 'dark' : 'light';
  // Dark wins a tie: a page carrying both usually adds "dark" as the override.
  const all = `${x.htmlClass} ${x.markers}`;
  return DARK.test(all) ? 'dark' : LIGHT.test(all) ? 'light' : x.prefersDark ? 'dark' : 'light';
}
