import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { PodRef } from '../../../main/api/schemas/terminals';
import { serviceColour } from './service-colour';
import { useLogStream } from './use-log-stream';

const ROW = 18;

/** A lab's logs, merged in time order, coloured by service, stderr marked; a windowed list over a bounded buffer. */
export function LogView({ labId, service, pod, onClose }: { labId: string; service?: string; pod?: PodRef; onClose?: () => void }) {
  const [paused, setPaused] = useState(false);
  const [query, setQuery] = useState('');
  const { buffer, version, error } = useLogStream(labId, service, paused, pod);
  const lines = useMemo(() => buffer.filter(query), [buffer, query, version]);
  const box = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState({ top: 0, height: 360 });
  const follow = useRef(true);
  useLayoutEffect(() => {
    const el = box.current;
    if (el && follow.current) el.scrollTop = el.scrollHeight;
  }, [lines]);
  const first = Math.max(0, Math.floor(scroll.top / ROW) - 20);
  const last = Math.min(lines.length, Math.ceil((scroll.top + scroll.height) / ROW) + 20);
  const title = pod ? `Logs of pod ${pod.namespace}/${pod.pod}` : service ? `Logs of ${service}` : `Logs of ${labId}`;
  const download = (): void => {
    const text = buffer.all().map((l) => `${l.time} ${l.service} ${l.stream} ${l.text}`).join('\n');
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([`${text}\n`], { type: 'text/plain' }));
    a.download = `${labId}${pod ? `-${pod.namespace}-${pod.pod}` : service ? `-${service}` : ''}-logs.txt`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };
  const jump = (time: string): void => {
    const el = box.current;
    if (!el || !time) return;
    const day = lines[0]?.time.slice(0, 10);
    const i = buffer.filter(query).findIndex((l) => l.time.slice(11) >= time || (day && l.time.slice(0, 10) > day));
    follow.current = false;
    el.scrollTop = Math.max(0, i) * ROW;
  };
  return (
    <section className="log-view" aria-label={title}>
      <div className="row">
        <h2>{title}</h2>
        <button type="button" onClick={() => setPaused((p) => !p)}>
          {paused ? 'Resume' : 'Pause'}
        </button>
        <input type="search" aria-label="Filter logs" placeholder="Filter" value={query} onChange={(e) => setQuery(e.target.value)} />
        <input type="time" step="1" aria-label="Jump to time (UTC)" onChange={(e) => jump(e.target.value)} />
        <button type="button" onClick={download}>
          Download
        </button>
        {onClose ? (
          <button type="button" onClick={onClose}>
            Close logs
          </button>
        ) : null}
        <span className="muted">
          {lines.length} lines{buffer.dropped ? `, ${buffer.dropped} older dropped` : ''}
        </span>
      </div>
      {error ? <p role="alert">{error}</p> : null}
      <div
        ref={box}
        className="log-lines"
        role="log"
        aria-label={`${title} lines`}
        onScroll={(e) => {
          const el = e.currentTarget;
          follow.current = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW * 2;
          setScroll({ top: el.scrollTop, height: el.clientHeight });
        }}
      >
        <div style={{ height: lines.length * ROW, position: 'relative' }}>
          {lines.slice(first, last).map((l, i) => (
            <div key={l.seq} className={`log-line ${l.stream}`} style={{ position: 'absolute', top: (first + i) * ROW, left: 0, right: 0 }} data-time={l.time} data-service={l.service}>
              <span className="svc" style={{ color: serviceColour(l.service) }}>
                {l.service}
              </span>
              <span className="time">{l.time.slice(11, 23)}</span>
              {l.stream === 'stderr' ? <span className="err">[err] </span> : null}
              <span className="text">{l.text}</span>
            </div>
          ))}
        </div>
      </div>
    </section>
  );
}
