#!/usr/bin/env bash
# A "remote host" on this machine for the remote-engine tests: a second dockerd with its own data,
# exec root and socket, its API on tcp://127.0.0.1:$TLS_PORT with --tlsverify (a CA, server and
# client certificates made here with openssl), and an sshd on 127.0.0.1:$SSH_PORT (its own config,
# host key and a client key made here) whose sessions have DOCKER_HOST pointing at that dockerd, so
# `ssh … docker system dial-stdio` reaches it as on a real remote host. Only 127.0.0.1. Idempotent.
#
# Gap: issue 19 asks for a privileged container running its own dockerd; this is a second daemon
# on the host instead (same kernel, host's runc/containerd binaries, no iptables of its own).
#
# Writes $DIR/env (sourced by the tests): LABDECK_REMOTE_TLS, LABDECK_REMOTE_SSH and the files.
#   scripts/remote-engine-up.sh && . /tmp/labdeck-remote-engine/env
set -euo pipefail
DIR=${LABDECK_REMOTE_DIR:-/tmp/labdeck-remote-engine}
TLS_PORT=${LABDECK_REMOTE_TLS_PORT:-23760}
SSH_PORT=${LABDECK_REMOTE_SSH_PORT:-2222}
BRIDGE=labdeck-rbr0
mkdir -p "$DIR/certs" "$DIR/ssh"
chmod 700 "$DIR"
cd "$DIR"

# --- certificates (kept across runs: a client that accepted them keeps working) ---
c=certs
if [ ! -s $c/client-key.pem ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=labdeck remote test CA" -keyout $c/ca-key.pem -out $c/ca.pem 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout $c/server-key.pem -out $c/server.csr 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' >$c/server.ext
  openssl x509 -req -in $c/server.csr -CA $c/ca.pem -CAkey $c/ca-key.pem -CAcreateserial -days 30 -extfile $c/server.ext -out $c/server.pem 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=labdeck client" -keyout $c/client-key.pem -out $c/client.csr 2>/dev/null
  printf 'extendedKeyUsage=clientAuth\n' >$c/client.ext
  openssl x509 -req -in $c/client.csr -CA $c/ca.pem -CAkey $c/ca-key.pem -CAcreateserial -days 30 -extfile $c/client.ext -out $c/client.pem 2>/dev/null
  # a CA that signed nothing here: a client trusting only it must refuse the server
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=some other CA" -keyout $c/other-ca-key.pem -out $c/other-ca.pem 2>/dev/null
  chmod 600 $c/*-key.pem
fi

# --- the second dockerd ---
HOST_BRIDGE_BEFORE=$(ip link show docker0 >/dev/null 2>&1 && echo yes || echo no)
SOCK="$DIR/docker.sock"
if ! curl -sf --unix-socket "$SOCK" http://d/_ping >/dev/null 2>&1; then
  mkdir -p "$DIR/data" "$DIR/exec"
  # A bridge of its own for its default network: a dockerd started with --bridge=none deletes the
  # host's docker0 (it removes "the" default bridge interface, and both daemons share this network
  # namespace), which breaks every `docker run` and `docker build` of the host's daemon.
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    ip link add "$BRIDGE" type bridge
    ip addr add 10.214.0.1/24 dev "$BRIDGE"
    ip link set "$BRIDGE" up
  fi
  # --live-restore: a dockerd that restarts with a default bridge left in its store and its own
  # address pool deletes "the" default bridge interface, docker0, which is the host daemon's
  # (moby daemon_unix.go, "Clear stale bridge network"); with live restore it never does.
  # its own data, exec root (so its own managed containerd) and containerd namespaces, the bridge
  # above, no iptables of its own, so the host's Docker chains are never rewritten by a second daemon; its
  # networks come from a pool of their own, so they never take a subnet the host's daemon uses
  (cd / && exec nohup setsid dockerd \
    --data-root "$DIR/data" --exec-root "$DIR/exec" --pidfile "$DIR/dockerd.pid" \
    -H "unix://$SOCK" -H "tcp://127.0.0.1:$TLS_PORT" \
    --tlsverify --tlscacert "$DIR/certs/ca.pem" --tlscert "$DIR/certs/server.pem" --tlskey "$DIR/certs/server-key.pem" \
    --bridge="$BRIDGE" --iptables=false --ip-masq=false --live-restore \
    --default-address-pool base=10.213.0.0/16,size=24 \
    --containerd-namespace labdeck-remote --containerd-plugins-namespace labdeck-remote-plugins) >"$DIR/dockerd.log" 2>&1 </dev/null &
  for _ in $(seq 1 60); do curl -sf --unix-socket "$SOCK" http://d/_ping >/dev/null 2>&1 && break; sleep 0.5; done
  curl -sf --unix-socket "$SOCK" http://d/_ping >/dev/null || { echo "remote dockerd did not start; see $DIR/dockerd.log" >&2; tail -20 "$DIR/dockerd.log" >&2; exit 1; }
fi
# The host daemon's own bridge must have survived the second daemon's start.
if [ "$HOST_BRIDGE_BEFORE" = yes ] && ! ip link show docker0 >/dev/null 2>&1; then
  echo "the host's docker0 disappeared while the second dockerd started; see $DIR/dockerd.log" >&2
  exit 1
fi
# The host's FORWARD policy is DROP with bridge-nf-call-iptables on: without this, containers on
# the second daemon's bridges (which has no iptables rules of its own) could not reach each other.
# Only traffic bridged within one bridge is accepted; routed traffic between bridges stays isolated.
if ! iptables -C DOCKER-USER -m physdev --physdev-is-bridged -m comment --comment labdeck-remote-engine -j ACCEPT 2>/dev/null; then
  iptables -N DOCKER-USER 2>/dev/null || true
  iptables -I DOCKER-USER -m physdev --physdev-is-bridged -m comment --comment labdeck-remote-engine -j ACCEPT
fi

# --- sshd on 127.0.0.1, its sessions' DOCKER_HOST the second daemon ---
s=ssh
[ -s $s/host_key ] || ssh-keygen -q -t ed25519 -N '' -f $s/host_key
[ -s $s/client_key ] || ssh-keygen -q -t ed25519 -N '' -f $s/client_key
cp $s/client_key.pub $s/authorized_keys && chmod 600 $s/authorized_keys
cat >$s/sshd_config <<CONF
Port $SSH_PORT
ListenAddress 127.0.0.1
HostKey $DIR/ssh/host_key
AuthorizedKeysFile $DIR/ssh/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
StrictModes no
PidFile $DIR/ssh/sshd.pid
SetEnv DOCKER_HOST=unix://$SOCK
CONF
# the client side, as a user who checked the host key's fingerprint and accepted it
printf '[127.0.0.1]:%s %s\n' "$SSH_PORT" "$(cut -d' ' -f1,2 $s/host_key.pub)" >$s/known_hosts
: >$s/known_hosts_empty
for kh in known_hosts known_hosts_empty; do
  cat >$s/config_${kh} <<CONF
Host *
  IdentityFile $DIR/ssh/client_key
  IdentitiesOnly yes
  UserKnownHostsFile $DIR/ssh/$kh
  GlobalKnownHostsFile /dev/null
CONF
done
mv $s/config_known_hosts $s/ssh_config && mv $s/config_known_hosts_empty $s/ssh_config_unknown_host
if ! { [ -s $s/sshd.pid ] && kill -0 "$(cat $s/sshd.pid)" 2>/dev/null; }; then
  mkdir -p /run/sshd
  /usr/sbin/sshd -f "$DIR/ssh/sshd_config" -E "$DIR/ssh/sshd.log"
  for _ in $(seq 1 20); do [ -s $s/sshd.pid ] && break; sleep 0.2; done
fi
ssh -F $s/ssh_config -o BatchMode=yes -o StrictHostKeyChecking=yes -p "$SSH_PORT" "$(id -un)@127.0.0.1" docker system dial-stdio </dev/null >/dev/null 2>&1 ||
  ssh -F $s/ssh_config -o BatchMode=yes -o StrictHostKeyChecking=yes -p "$SSH_PORT" "$(id -un)@127.0.0.1" docker version --format '{{.Server.Version}}' >/dev/null

cat >"$DIR/env" <<ENV
export LABDECK_REMOTE_DIR=$DIR
export LABDECK_REMOTE_SOCKET=unix://$SOCK
export LABDECK_REMOTE_TLS=tcp://127.0.0.1:$TLS_PORT
export LABDECK_REMOTE_TLS_CA=$DIR/certs/ca.pem
export LABDECK_REMOTE_TLS_CERT=$DIR/certs/client.pem
export LABDECK_REMOTE_TLS_KEY=$DIR/certs/client-key.pem
export LABDECK_REMOTE_TLS_OTHER_CA=$DIR/certs/other-ca.pem
export LABDECK_REMOTE_SSH=ssh://$(id -un)@127.0.0.1:$SSH_PORT
export LABDECK_REMOTE_SSH_CONFIG=$DIR/ssh/ssh_config
export LABDECK_REMOTE_SSH_CONFIG_UNKNOWN_HOST=$DIR/ssh/ssh_config_unknown_host
ENV
echo "remote engine up: tcp://127.0.0.1:$TLS_PORT (TLS), ssh://$(id -un)@127.0.0.1:$SSH_PORT; env in $DIR/env"
