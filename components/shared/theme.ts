/*
 * Shared by the views: the light and dark palettes, the tabs and the time chart the popup draws.
 * Flow: provider → cache → engine → snapshot → storage → views; the last step, data only through props.
 */
import { useEffect, useState } from 'preact/hooks';

export interface ChartPalette {
  background: string;
  text: string;
  grid: string;
  main: string;
  accent: string;
  muted: string;
  up: string;
  down: string;
  low: string;
  high: string;
  ref: string;
}

/** Chart colours: canvases cannot read CSS variables, so they mirror components/shared/base.css. */
export function chartColors(dark: boolean): ChartPalette {
  return dark
    ? {
        background: '#161a20',
        text: '#c9d1d9',
        grid: '#232a33',
        main: '#6cb6ff',
        accent: '#d2a8ff',
        muted: '#8b949e',
        up: '#3fb950',
        down: '#f85149',
        low: '#f0883e',
        high: '#3fb950',
        ref: '#e3b341',
      }
    : {
        background: '#ffffff',
        text: '#24292f',
        grid: '#eef1f4',
        main: '#0969da',
        accent: '#8250df',
        muted: '#6e7781',
        up: '#1a7f37',
        down: '#cf222e',
        low: '#bc4c00',
        high: '#1a7f37',
        ref: '#9a6700',
      };
}

/** Follows prefers-color-scheme live (a DOM API, not an extension one). */
export function useDarkMode(): boolean {
  const query = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
  const [dark, setDark] = useState(query?.matches ?? false);
  useEffect(() => {
    if (!query) return;
    const on = (e: MediaQueryListEvent) => setDark(e.matches);
    query.addEventListener('change', on);
    return () => query.removeEventListener('change', on);
  }, []);
  return dark;
}
