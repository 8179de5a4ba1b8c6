#!/usr/bin/env bash
# Tears down what remote-engine-up.sh made: its sshd, its dockerd (and the containers it holds),
# the iptables rule, and the folder. Idempotent.
set -uo pipefail
DIR=${LABDECK_REMOTE_DIR:-/tmp/labdeck-remote-engine}
stop() { [ -s "$1" ] || return 0; local pid; pid=$(cat "$1"); kill "$pid" 2>/dev/null || return 0; for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done; kill -9 "$pid" 2>/dev/null; }
stop "$DIR/ssh/sshd.pid"
if curl -sf --unix-socket "$DIR/docker.sock" http://d/_ping >/dev/null 2>&1; then
  DOCKER_HOST="unix://$DIR/docker.sock" docker rm -f $(DOCKER_HOST="unix://$DIR/docker.sock" docker ps -aq) >/dev/null 2>&1 || true
fi
stop "$DIR/dockerd.pid"
# with --live-restore its managed containerd may outlive it
pkill -f "containerd --config $DIR/exec/" 2>/dev/null || true
while iptables -D DOCKER-USER -m physdev --physdev-is-bridged -m comment --comment labdeck-remote-engine -j ACCEPT 2>/dev/null; do :; done
# the daemon's overlay mounts, if a crash left any
grep -o "$DIR/[^ ]*" /proc/mounts 2>/dev/null | sort -r | xargs -r -n1 umount -l 2>/dev/null
rm -rf "$DIR"
ip link del labdeck-rbr0 2>/dev/null || true
echo "remote engine down"
