import { useEffect, useState } from 'react';

/** Series colours that read on both the light and the dark background. */
export const PALETTE = ['#5794f2', '#73bf69', '#f2cc0c', '#ff9830', '#f2495c', '#b877d9', '#8ab8ff', '#37872d', '#fade2a', '#c4162a'];

export const THRESHOLD_COLORS: Record<string, string> = {
  green: 'var(--ok)',
  red: 'var(--bad)',
  yellow: '#e0b400',
  orange: '#ff9830',
  blue: 'var(--accent)',
};

export interface ThemeColors {
  text: string;
  muted: string;
  grid: string;
}

const read = (): ThemeColors => {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string): string => css.getPropertyValue(name).trim() || fallback;
  return { text: v('--text', '#1c2330'), muted: v('--muted', '#5d6878'), grid: v('--border', '#d9dee6') };
};

/** The theme's colours for canvas drawing, read again whenever <html data-theme> changes. */
export function useThemeColors(): ThemeColors {
  const [colors, setColors] = useState(read);
  useEffect(() => {
    const observer = new MutationObserver(() => setColors(read()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);
  return colors;
}
