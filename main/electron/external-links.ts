/** Hosts whose https pages Labdeck may open in the user's browser (docs of the parts it drives). */
export const EXTERNAL_HOSTS = new Set([
  'docs.docker.com',
  'podman.io',
  'docs.podman.io',
  'k3d.io',
  'kubernetes.io',
  'prometheus.io',
  'github.com',
]);

/** Only https URLs to an allow-listed host, with no credentials in them. */
export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && !url.username && !url.password && EXTERNAL_HOSTS.has(url.hostname);
}
