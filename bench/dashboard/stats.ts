/** The dashboard bench's statistics and number formats (median and f2 as in the lab-up bench). */
export { f2, median } from '../lab-up/stats';

/** The nearest-rank percentile (p in 0..100). */
export const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
export const f1 = (x: number): string => x.toFixed(1);
export const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(2);
