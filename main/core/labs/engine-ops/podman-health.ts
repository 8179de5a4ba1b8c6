import type Docker from 'dockerode';

/**
 * Runs a container's healthcheck now through Podman's own API (GET /libpod/containers/{id}/healthcheck).
 * Podman schedules healthchecks with systemd timers; where there is no systemd (containers, CI,
 * WSL without systemd) they never run and health stays `starting` unless someone runs them.
 */
export function podmanHealthKick(docker: Docker, containerId: string): Promise<void> {
  return new Promise((resolve) => {
    docker.modem.dial(
      {
        path: `/v4.0.0/libpod/containers/${encodeURIComponent(containerId)}/healthcheck`,
        method: 'GET',
        statusCodes: { 200: true, 404: true, 409: true, 500: true },
        options: {},
      },
      () => resolve(),
    );
  });
}
