import { useEffect, useRef } from 'react';
import { terminalInstance } from './terminals-store';

/**
 * Shows one terminal: moves its element in, fits it to the pane once it is visible, and refits when
 * the pane resizes. A terminal holds a WebGL context only while it is on screen here.
 *
 * The first fit waits for the element to be visible. While a terminal is hidden, xterm pauses its
 * renderer and keeps the old row count in its viewport's sizes; a fit to fewer rows before xterm has
 * seen the terminal again leaves that viewport taller than the buffer's rows, the next output is
 * clamped to it, and xterm takes that for the user scrolling up. A streaming shell then pins the
 * view to the top of the scrollback and the pane looks stalled. Both IntersectionObservers report
 * in the same task, so fitting on the next frame after ours reports is after xterm has resumed.
 */
export function TerminalPane({ tabKey, label, focused, onFocus }: { tabKey: string; label: string; focused: boolean; onFocus: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const host = ref.current;
    const inst = terminalInstance(tabKey);
    if (!host || !inst) return;
    host.appendChild(inst.element);
    let frame = 0;
    let visible = false;
    let firstFit = true;
    const refit = (): void => {
      if (!visible) return;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (host.clientWidth > 0 && host.clientHeight > 0) {
          inst.fit.fit();
          inst.fittedToPane();
        }
        if (firstFit) inst.shown();
        firstFit = false;
      });
    };
    const seen = new IntersectionObserver((entries) => {
      visible = entries[entries.length - 1].isIntersecting;
      inst.setVisible(visible);
      refit();
    });
    seen.observe(inst.element);
    const resized = new ResizeObserver(refit);
    resized.observe(host);
    return () => {
      seen.disconnect();
      resized.disconnect();
      cancelAnimationFrame(frame);
      inst.setVisible(false);
      inst.hidden();
      if (inst.element.parentElement === host) host.removeChild(inst.element);
    };
  }, [tabKey]);
  // apart, so that focusing the other pane of a split does not hide and show (and re-create a WebGL context)
  useEffect(() => {
    if (focused) terminalInstance(tabKey)?.term.focus();
  }, [tabKey, focused]);
  return <div ref={ref} className={`terminal-pane${focused ? ' focused' : ''}`} role="region" aria-label={`Terminal ${label}`} onMouseDown={onFocus} />;
}
