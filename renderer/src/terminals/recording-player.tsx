import { useEffect, useRef, useState } from 'react';
import { Terminal } from '@xterm/xterm';
import { parseCast } from '../../../main/api/asciicast';
import { api } from '../state/client';

/**
 * Replays an asciicast recording in a read-only xterm at its recorded pace (×speed; long pauses
 * capped at 2 s), applying its resize events; "Skip to end" writes the rest at once.
 */
export function RecordingPlayer({ id, title }: { id: number; title: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [state, setState] = useState('loading');
  const skip = useRef(false);
  const [speed, setSpeed] = useState(2);
  useEffect(() => {
    const host = ref.current;
    if (!host) return;
    let live = true;
    const term = new Terminal({ disableStdin: true, fontSize: 13, scrollback: 5000 });
    term.open(host);
    void (async () => {
      try {
        const cast = parseCast((await api().api['terminals.recording']({ id })).cast);
        term.resize(cast.header.width, cast.header.height);
        setState('playing');
        let last = 0;
        for (const e of cast.events) {
          if (!live) return;
          const gap = Math.min(e.time - last, 2) / speed;
          last = e.time;
          if (!skip.current && gap > 0.01) await new Promise((r) => setTimeout(r, gap * 1000));
          if (e.code === 'o') term.write(e.data);
          else if (e.code === 'r' && /^\d+x\d+$/.test(e.data)) {
            const [c, r] = e.data.split('x').map(Number);
            term.resize(c, r);
          }
        }
        if (live) setState('finished');
      } catch (e) {
        if (live) setState(`failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    })();
    return () => {
      live = false;
      term.dispose();
    };
  }, [id, speed]);
  return (
    <section className="recording-player" aria-label={`Replay of ${title}`}>
      <div className="row">
        <span role="status" aria-label="Replay state">
          {state}
        </span>
        <button type="button" onClick={() => (skip.current = true)} disabled={state !== 'playing'}>
          Skip to end
        </button>
        <label>
          Speed{' '}
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
            {[1, 2, 4, 8].map((s) => (
              <option key={s} value={s}>
                ×{s}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div ref={ref} className="terminal-pane" />
    </section>
  );
}
