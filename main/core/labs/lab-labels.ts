/** Labels every Labdeck resource carries; Labdeck touches nothing without LAB_LABEL. */
export const LAB_LABEL = 'io.labdeck.lab';
export const SERVICE_LABEL = 'io.labdeck.service';
export const TEMPLATE_LABEL = 'io.labdeck.template';
export const ROLE_LABEL = 'io.labdeck.role';
/** On a service others wait for to finish (`service_completed_successfully`): its exit 0 is its job done. */
export const ONE_SHOT_LABEL = 'io.labdeck.one-shot';
/** On a container that joins another's network or pid namespace: `down` removes it before the one it joins (Podman refuses otherwise). */
export const JOINS_LABEL = 'io.labdeck.joins';
/** The data dir (installation) that made the lab: one engine may serve several Labdecks. */
export const INSTALLATION_LABEL = 'io.labdeck.installation';
/** On an image Labdeck built: `generated` (a lab-scoped tag) or `named` (the template's `image:`); `down --rmi local` removes only generated ones. */
export const BUILD_LABEL = 'io.labdeck.build';
export const COMPOSE_PROJECT = 'com.docker.compose.project';
export const COMPOSE_SERVICE = 'com.docker.compose.service';
export const COMPOSE_NUMBER = 'com.docker.compose.container-number';
export const COMPOSE_ONEOFF = 'com.docker.compose.oneoff';
export const COMPOSE_NETWORK = 'com.docker.compose.network';
export const COMPOSE_VOLUME = 'com.docker.compose.volume';

/** The engine-side filter for one lab's resources, or for all of Labdeck's. */
export function labFilter(labId?: string): { label: string[] } {
  return { label: [labId ? `${LAB_LABEL}=${labId}` : LAB_LABEL] };
}

/** A lab id is also its Compose project name: lowercase letters, digits, `-` and `_`. */
export function isLabId(id: string): boolean {
  return /^[a-z0-9][a-z0-9_-]{0,62}$/.test(id);
}

export function toLabId(name: string): string {
  const id = name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 63);
  return id || 'lab';
}
