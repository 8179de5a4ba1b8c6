import { useEffect, useRef } from 'react';
import { terminalInstance } from './terminals-store';

/** Shows one terminal: moves its element in, fits it to the pane, and refits when the pane resizes. */
export function TerminalPane({ tabKey, label, focused, onFocus }: { tabKey: string; label: string; focused: boolean; onFocus: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const host = ref.current;
    const inst = terminalInstance(tabKey);
    if (!host || !inst) return;
    host.appendChild(inst.element);
    let frame = 0;
    const refit = (): void => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (host.clientWidth > 0 && host.clientHeight > 0) inst.fit.fit();
      });
    };
    const observer = new ResizeObserver(refit);
    observer.observe(host);
    refit();
    if (focused) inst.term.focus();
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
      if (inst.element.parentElement === host) host.removeChild(inst.element);
    };
  }, [tabKey, focused]);
  return <div ref={ref} className={`terminal-pane${focused ? ' focused' : ''}`} role="region" aria-label={`Terminal ${label}`} onMouseDown={onFocus} />;
}
