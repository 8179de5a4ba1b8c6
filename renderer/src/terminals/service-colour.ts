const HUES = [200, 35, 140, 290, 0, 90, 250, 175, 320, 60];

/** The same colour for a service every time, picked from its name. */
export function serviceColour(service: string): string {
  let h = 0;
  for (const ch of service) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `hsl(${HUES[h % HUES.length]} 65% 45%)`;
}
