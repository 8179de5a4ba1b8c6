import type Docker from 'dockerode';
import { imageId } from './image-load';

export interface LabReadiness {
  lab: string;
  /** Every image the lab runs (monitoring included) is on the engine: `up` needs no registry. */
  ready: boolean;
  missing: string[];
  /** Set when the lab's images could not be worked out (an invalid template). */
  error?: string;
}

/** Per lab: which of its images the engine lacks (inspect only: nothing is pulled). */
export async function offlineReadiness(docker: Docker, labs: { name: string; file: string }[], imagesOf: (file: string) => Promise<string[]>): Promise<LabReadiness[]> {
  const present = new Map<string, boolean>();
  const has = async (image: string): Promise<boolean> => {
    if (!present.has(image)) present.set(image, (await imageId(docker, image)) !== undefined);
    return present.get(image)!;
  };
  const out: LabReadiness[] = [];
  for (const l of labs) {
    try {
      const images = await imagesOf(l.file);
      const missing: string[] = [];
      for (const i of images) if (!(await has(i))) missing.push(i);
      out.push({ lab: l.name, ready: missing.length === 0, missing });
    } catch (err) {
      out.push({ lab: l.name, ready: false, missing: [], error: (err as Error).message.split('\n')[0] });
    }
  }
  return out;
}

export function readinessText(list: LabReadiness[]): string {
  const w = Math.max(...list.map((l) => l.lab.length), 3);
  return [
    'Offline (images on this engine):',
    ...list.map((l) => `  ${l.lab.padEnd(w)}  ${l.error ? `cannot tell: ${l.error}` : l.ready ? 'ready' : `missing ${l.missing.join(', ')}`}`),
  ].join('\n');
}

export function readinessSummary(list: LabReadiness[]): string {
  const ready = list.filter((l) => l.ready).length;
  const notReady = list.filter((l) => !l.ready).map((l) => `${l.lab} (${l.error ? 'invalid' : `${l.missing.length} missing`})`);
  return `offline: ${ready} of ${list.length} labs ready${notReady.length ? `; not ready: ${notReady.join(', ')} (\`labdeck labs\` lists the images; \`labdeck bundle import\` brings them)` : ''}`;
}
