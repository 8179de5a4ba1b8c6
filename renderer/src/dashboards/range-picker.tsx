import { useState } from 'react';
import { parseRange } from './range-query';

const RANGES = [
  { label: 'Last 5m', seconds: 300 },
  { label: 'Last 15m', seconds: 900 },
  { label: 'Last 1h', seconds: 3600 },
  { label: 'Last 6h', seconds: 21_600 },
];
const CUSTOM = -1;

/** The time range: the usual ones, or a custom "last …" typed as 30m, 2h, 1h30m (applied on Enter or leaving the field). */
export function RangePicker({ value, onChange }: { value: number; onChange: (seconds: number) => void }) {
  const preset = RANGES.some((r) => r.seconds === value);
  const [custom, setCustom] = useState(!preset);
  const [text, setText] = useState(preset ? '' : `${Math.round(value / 60)}m`);
  const parsed = parseRange(text);
  const apply = (): void => {
    if (parsed) onChange(parsed);
  };
  return (
    <>
      <label className="dash-control">
        <span>Range</span>
        <select
          value={custom ? CUSTOM : value}
          onChange={(e) => {
            const v = Number(e.target.value);
            setCustom(v === CUSTOM);
            if (v !== CUSTOM) onChange(v);
          }}
        >
          {RANGES.map((r) => (
            <option key={r.seconds} value={r.seconds}>
              {r.label}
            </option>
          ))}
          <option value={CUSTOM}>Custom…</option>
        </select>
      </label>
      {custom ? (
        <label className="dash-control">
          <span>Last</span>
          <input
            aria-label="Custom range"
            aria-invalid={text !== '' && !parsed}
            title="A duration: 90s, 30m, 2h, 1h30m, 1d (up to 7d)"
            placeholder="30m"
            size={6}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onBlur={apply}
            onKeyDown={(e) => e.key === 'Enter' && apply()}
          />
        </label>
      ) : null}
    </>
  );
}
