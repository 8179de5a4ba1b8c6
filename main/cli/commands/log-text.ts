import type { LogLine } from '../../api/schemas/terminals';

const COLOURS = [36, 33, 32, 35, 34, 91, 92, 93, 94, 95, 96];

/** The same colour for a service every time, picked from its name. */
export function serviceColour(service: string): number {
  let h = 0;
  for (const ch of service) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return COLOURS[h % COLOURS.length];
}

/** `service  time  [err] text`, the service coloured when writing to a terminal. */
export function logLineText(l: LogLine, width: number, colour: boolean): string {
  const name = l.service.padEnd(width);
  const tag = l.stream === 'stderr' ? ' [err]' : '';
  const who = colour ? `\x1b[${serviceColour(l.service)}m${name}\x1b[0m` : name;
  return `${who}  ${l.time}${tag}  ${l.text}`;
}
