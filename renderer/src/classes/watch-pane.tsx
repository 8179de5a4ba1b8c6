import { Terminal } from '@xterm/xterm';
import { useEffect, useRef, useState } from 'react';
import { wsProtocols } from '../../../main/api/console-auth';
import { currentSessionToken } from '../transport/connect';

/** A seat's terminal as the trainer watches it: output only (the server reads nothing from this socket). */
export function WatchPane({ sessionId, title, onClose }: { sessionId: string; title: string; onClose: () => void }) {
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState('connecting');
  useEffect(() => {
    const term = new Terminal({ disableStdin: true, cols: 100, rows: 24, convertEol: false });
    if (host.current) term.open(host.current);
    const token = currentSessionToken();
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(`${scheme}://${location.host}/api/watch/${sessionId}`, token ? wsProtocols(token) : []);
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => setState('watching');
    ws.onmessage = (e) => {
      if (e.data instanceof ArrayBuffer) term.write(new Uint8Array(e.data));
    };
    ws.onclose = () => setState('ended');
    return () => {
      ws.close();
      term.dispose();
    };
  }, [sessionId]);
  return (
    <section aria-label={`Watching ${title}`}>
      <h2>
        Watching {title} <small>({state}, read-only)</small>{' '}
        <button type="button" onClick={onClose}>
          Stop watching
        </button>
      </h2>
      <div ref={host} data-testid="watch-terminal" />
    </section>
  );
}
