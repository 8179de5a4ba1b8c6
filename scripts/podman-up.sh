#!/usr/bin/env bash
# Podman with a Docker-compatible socket at /run/podman/podman.sock (rootful), the lab images
# copied over from Docker. Idempotent. Used to run the engine integration tests on Podman:
#   DOCKER_HOST=unix:///run/podman/podman.sock npx vitest run main/core/labs main/cli
set -euo pipefail
SOCK=/run/podman/podman.sock
export DEBIAN_FRONTEND=noninteractive

# dnsname: without it Podman's CNI networks have no DNS, and services cannot find each other by name.
pkgs=(podman golang-github-containernetworking-plugin-dnsname)
missing=()
for p in "${pkgs[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null ||
    { apt-get update -q && apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null; }
fi

# Podman asks for rlimits above what a sandboxed host allows (runc: "error setting rlimit …
# operation not permitted"); pin them to what this host grants.
conf=/etc/containers/containers.conf
if ! grep -q '^default_ulimits' "$conf" 2>/dev/null; then
  mkdir -p /etc/containers
  printf '[containers]\ndefault_ulimits = ["nofile=%s:%s", "nproc=4096:4096"]\n' "$(ulimit -Hn)" "$(ulimit -Hn)" >>"$conf"
fi

if ! curl -sf --unix-socket "$SOCK" http://d/_ping >/dev/null 2>&1; then
  mkdir -p /run/podman
  # from /, not the caller's folder: a service whose working folder is deleted (a CI checkout removed)
  # can no longer start containers ("write child: broken pipe")
  (cd / && exec nohup setsid podman system service --time=0 "unix://$SOCK") >/tmp/podman-service.log 2>&1 </dev/null &
  for _ in $(seq 30); do curl -sf --unix-socket "$SOCK" http://d/_ping >/dev/null 2>&1 && break; sleep 1; done
fi

# Copy the images Docker has into Podman (only the ones Podman lacks).
missing=()
for img in $(docker images --format '{{.Repository}}:{{.Tag}}' | grep -v '<none>'); do
  podman image exists "$img" 2>/dev/null || missing+=("$img")
done
[ "${#missing[@]}" -eq 0 ] || docker save "${missing[@]}" | podman load >/dev/null
echo "podman $(podman version --format '{{.Server.Version}}') answers at unix://$SOCK"
