import { THRESHOLD_COLORS } from './theme-colors';

export interface ThresholdStep {
  value: number;
  color: string;
}

/** The colour of the highest threshold at or below `v`; without one, the text colour. */
export function thresholdColor(thresholds: ThresholdStep[], v: number | null): string {
  if (v === null) return 'var(--muted)';
  let color: string | null = null;
  for (const t of [...thresholds].sort((a, b) => a.value - b.value)) if (v >= t.value) color = t.color;
  return color ? (THRESHOLD_COLORS[color] ?? color) : 'var(--text)';
}
