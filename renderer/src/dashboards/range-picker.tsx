import { useId, useState } from 'react';
import { parseRange, rangeProblem } from './range-query';

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
  // The refusal shows once the user applies what they typed, not while they are half-way through "1h3".
  const [refused, setRefused] = useState<string | undefined>();
  const apply = (): void => {
    const seconds = parseRange(text);
    setRefused(rangeProblem(text));
    if (seconds) onChange(seconds);
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
        <CustomRangeField
          text={text}
          refused={refused}
          onText={(t) => {
            setText(t);
            if (!rangeProblem(t)) setRefused(undefined);
          }}
          onApply={apply}
        />
      ) : null}
    </>
  );
}

/** The typed range, and why it was refused (the dashboard keeps its last good range meanwhile). */
export function CustomRangeField({ text, refused, onText, onApply }: { text: string; refused?: string; onText: (text: string) => void; onApply: () => void }) {
  const id = useId();
  return (
    <label className="dash-control">
      <span>Last</span>
      <input
        aria-label="Custom range"
        aria-invalid={refused ? true : undefined}
        aria-describedby={refused ? id : undefined}
        title="A duration: 90s, 30m, 2h, 1h30m, 1d (up to 7d)"
        placeholder="30m"
        size={6}
        value={text}
        onChange={(e) => onText(e.target.value)}
        onBlur={onApply}
        onKeyDown={(e) => e.key === 'Enter' && onApply()}
      />
      {refused ? (
        <span id={id} role="alert" className="error-text range-error">
          {refused}
        </span>
      ) : null}
    </label>
  );
}
