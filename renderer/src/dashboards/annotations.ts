import type uPlot from 'uplot';
import type { LabEvent } from '../../../main/api/schemas/lab-events';

export interface Annotation {
  /** Unix seconds. */
  t: number;
  kind: LabEvent['kind'];
  title: string;
}

const COLORS: Record<LabEvent['kind'], string> = {
  'alert.firing': '#e5484d',
  'alert.resolved': '#30a46c',
  note: '#3e63dd',
  'service.stopped': '#f76b15',
  'service.started': '#30a46c',
  'service.restarted': '#f76b15',
  'fault.injected': '#8e4ec6',
  'fault.reverted': '#8e4ec6',
  'check.passed': '#30a46c',
  'check.failed': '#e5484d',
};

export const annotationColor = (kind: LabEvent['kind']): string => COLORS[kind];

export const toAnnotations = (events: LabEvent[]): Annotation[] => events.map((e) => ({ t: Date.parse(e.at) / 1000, kind: e.kind, title: e.title }));

/**
 * A uPlot plugin drawing the lab's events as dashed vertical lines on the time axis, each with a
 * marker whose tooltip gives its time and title (game-day events join them when runs exist). It reads the list through a ref, so new events redraw the
 * chart without building it again.
 */
export function annotationsPlugin(list: { current: Annotation[] }): uPlot.Plugin {
  return {
    hooks: {
      draw: [
        (u) => {
          const { ctx } = u;
          const [min, max] = [u.scales.x.min ?? 0, u.scales.x.max ?? 0];
          const { top, height } = u.bbox;
          const markers = document.createDocumentFragment();
          ctx.save();
          ctx.lineWidth = Math.max(1, devicePixelRatio);
          ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
          let drawn = 0;
          for (const a of list.current) {
            if (a.t < min || a.t > max) continue;
            const x = Math.round(u.valToPos(a.t, 'x', true));
            ctx.strokeStyle = annotationColor(a.kind);
            ctx.beginPath();
            ctx.moveTo(x, top);
            ctx.lineTo(x, top + height);
            ctx.stroke();
            const marker = document.createElement('div');
            marker.className = `dash-annotation ${a.kind.replace('.', '-')}`;
            marker.style.left = `${u.valToPos(a.t, 'x')}px`;
            marker.style.borderTopColor = annotationColor(a.kind);
            marker.title = `${new Date(a.t * 1000).toLocaleTimeString()} ${a.title}`;
            markers.appendChild(marker);
            drawn++;
          }
          ctx.restore();
          // Hover targets with the event's time and title, above the plot area.
          u.over.querySelectorAll('.dash-annotation').forEach((m) => m.remove());
          u.over.appendChild(markers);
          u.root.dataset.annotations = String(drawn);
        },
      ],
    },
  };
}
