#!/usr/bin/env bash
# Runs a built-in lab template with plain docker-compose (Debian's 1.29), outside Labdeck.
#   scripts/try-lab-compose.sh up      <lab>   build workloads, start, wait until every container is healthy
#   scripts/try-lab-compose.sh status  <lab>   containers and health
#   scripts/try-lab-compose.sh http    <lab> <container> <path> [json]   GET (or POST json) a workload's
#                                              :9464 endpoint from inside its container (no host ports)
#   scripts/try-lab-compose.sh down    <lab>   stop and remove containers, networks and volumes
#   scripts/try-lab-compose.sh verify  <lab>   up, then prove processing, the errorRatio and
#                                              crashBetweenReadAndAck faults and the ledger; always down
# docker-compose 1.29 ignores `configs:` outside swarm ("use docker stack deploy"), so this script writes
# an override that bind-mounts each config file read-only at its target (what Compose v2 does itself).
# The project is ldtest-<lab>.
set -euo pipefail
cmd=${1:?usage: $0 up|status|http|down <lab> ...}
lab=${2:?lab name, e.g. redis-streams}
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$root/resources/labs/$lab
project=ldtest-$lab
override=${TMPDIR:-/tmp}/$project.configs-override.yaml
[ -f "$dir/compose.yaml" ] || { echo "no such lab: $dir/compose.yaml" >&2; exit 2; }

write_override() {
  (cd "$root" && node --input-type=module -e '
    import { readFileSync, writeFileSync } from "node:fs";
    import { resolve, dirname } from "node:path";
    import { parse, stringify } from "yaml";
    const [file, out] = process.argv.slice(1);
    const doc = parse(readFileSync(file, "utf8"));
    const services = {};
    for (const [name, svc] of Object.entries(doc.services ?? {})) {
      const vols = (svc.configs ?? []).map((c) => {
        const src = typeof c === "string" ? c : c.source;
        const target = typeof c === "string" ? `/${c}` : (c.target ?? `/${src}`);
        return `${resolve(dirname(file), doc.configs[src].file)}:${target}:ro`;
      });
      if (vols.length) services[name] = { volumes: vols };
    }
    writeFileSync(out, stringify({ services }));
  ' "$dir/compose.yaml" "$override")
}

dc() { docker-compose -p "$project" -f "$dir/compose.yaml" -f "$override" "$@"; }

containers() { docker ps -aq --filter "label=com.docker.compose.project=$project"; }

wait_healthy() {
  local deadline=$((SECONDS + ${WAIT_TIMEOUT:-120}))
  while :; do
    local total=0 healthy=0 line
    while read -r line; do
      [ -n "$line" ] || continue
      total=$((total + 1))
      [ "$line" = healthy ] && healthy=$((healthy + 1))
    done < <(containers | xargs -r docker inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}')
    if [ "$total" -gt 0 ] && [ "$healthy" -eq "$total" ]; then echo "all $total containers healthy after ${SECONDS}s"; return 0; fi
    if [ "$SECONDS" -ge "$deadline" ]; then echo "timeout: $healthy of $total healthy" >&2; status >&2; return 1; fi
    sleep 1
  done
}

status() {
  containers | xargs -r docker inspect --format '{{.Name}} {{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}} restarts={{.RestartCount}}' | sed 's#^/##' | sort
}

http_get() { docker exec "$1" node -e "fetch('http://127.0.0.1:9464'+process.argv[1]).then(async r=>{console.log(await r.text());process.exit(r.ok?0:1)},e=>{console.error(e.message);process.exit(1)})" "$2"; }
http_post() { docker exec "$1" node -e "fetch('http://127.0.0.1:9464'+process.argv[1],{method:'POST',headers:{'content-type':'application/json'},body:process.argv[2]}).then(async r=>{console.log(await r.text());process.exit(r.ok?0:1)},e=>{console.error(e.message);process.exit(1)})" "$2" "$3"; }
# sum of a metric's samples; $2 is a name, or a name with the first labels ('name{reason="x"')
metric() { http_get "$1" /metrics | awk -v m="$2" '(index(m, "{") ? index($1, m) == 1 : ($1 == m || index($1, m "{") == 1)) { s += $2 } END { print s + 0 }'; }
ledger() { http_get "$1" /ledger | jq -c "{produced, processed, missingCount, missing: .missing[:20], duplicates, pending, backlog, local}"; }
check() { if eval "$2"; then echo "PASS $1"; pass=$((pass + 1)); else echo "FAIL $1"; fail=$((fail + 1)); fi; }

verify() {
  pass=0 fail=0
  trap 'dc down -v --remove-orphans >/dev/null 2>&1 || true' EXIT
  local p=${project}_producer_1 w1=${project}_worker_1 w2=${project}_worker_2
  node "$root/scripts/build-workloads.mjs" >/dev/null
  write_override
  SECONDS=0
  dc up -d >/dev/null 2>&1
  check "every container healthy" wait_healthy
  sleep 10
  echo "ledger after 10 s: $(ledger "$w1")"
  check "workers processed messages" '[ "$(metric "$w1" workload_messages_total)" -gt 0 ] && [ "$(metric "$w2" workload_messages_total)" -gt 0 ]'

  # errorRatio: failed messages are not acked and come back
  local r0; r0=$(( $(metric "$w1" workload_redeliveries_total) + $(metric "$w2" workload_redeliveries_total) ))
  http_post "$w1" /admin '{"errorRatio":0.3}' >/dev/null; http_post "$w2" /admin '{"errorRatio":0.3}' >/dev/null
  sleep 15
  local inj=$(( $(metric "$w1" 'workload_errors_total{reason="injected"') + $(metric "$w2" 'workload_errors_total{reason="injected"') ))
  local r1; r1=$(( $(metric "$w1" workload_redeliveries_total) + $(metric "$w2" workload_redeliveries_total) ))
  echo "errorRatio 0.3 for 15 s: injected failures $inj, redeliveries $r0 -> $r1; ledger: $(ledger "$w1")"
  check "errorRatio makes messages fail and be redelivered" '[ "$inj" -gt 0 ] && [ "$r1" -gt "$r0" ]'
  http_post "$w1" /admin '{"reset":true}' >/dev/null; http_post "$w2" /admin '{"reset":true}' >/dev/null

  # crashBetweenReadAndAck on worker 1 (no restart): worker 2 must finish what it read
  sleep 12
  docker update --restart=no "$w1" >/dev/null
  local c0; c0=$(metric "$w2" workload_redeliveries_total)
  http_post "$w1" /admin '{"crashBetweenReadAndAck":true}' >/dev/null || true
  sleep 1
  echo "worker 1: $(docker inspect "$w1" --format '{{.State.Status}} exit={{.State.ExitCode}}'); $(docker logs "$w1" 2>&1 | grep crashBetweenReadAndAck | tail -1)"
  check "crashBetweenReadAndAck exits the worker" '[ "$(docker inspect "$w1" --format "{{.State.Status}}")" = exited ]'
  echo "right after the crash: $(ledger "$w2")"
  sleep 14
  local c1; c1=$(metric "$w2" workload_redeliveries_total)
  echo "14 s later: worker 2 redeliveries $c0 -> $c1; $(ledger "$w2")"
  check "the other worker took over the unacked message" '[ "$c1" -gt "$c0" ]'
  docker update --restart=on-failure "$w1" >/dev/null; docker start "$w1" >/dev/null

  # stop the producer: everything produced gets processed
  dc stop producer >/dev/null 2>&1
  sleep 15
  local l; l=$(http_get "$w2" /ledger)
  echo "producer stopped 15 s: $(echo "$l" | jq -c '{produced, processed, missingCount, missing: .missing[:20], duplicates, pending, backlog}')"
  check "processed > 0 and nothing missing (NATS: except messages that exhausted max_deliver under the fault)" \
    '[ "$(echo "$l" | jq .processed)" -gt 0 ] && { [ "$(echo "$l" | jq .missingCount)" -eq 0 ] || [ "$lab" = nats-jetstream ] && [ "$(echo "$l" | jq .pending)" -eq 0 ] && [ "$(echo "$l" | jq .backlog)" -eq 0 ]; }'
  dc down -v --remove-orphans >/dev/null 2>&1
  trap - EXIT
  check "nothing left behind" '[ -z "$(containers)" ]'
  echo "$pass passed, $fail failed"
  [ "$fail" -eq 0 ]
}

case $cmd in
  verify) verify ;;
  up)
    node "$root/scripts/build-workloads.mjs"
    write_override
    SECONDS=0
    dc up -d
    wait_healthy
    ;;
  status) status ;;
  http)
    c=${3:?container}; path=${4:?path}; body=${5:-}
    if [ -n "$body" ]; then
      docker exec "$c" node -e "fetch('http://127.0.0.1:9464'+process.argv[1],{method:'POST',headers:{'content-type':'application/json'},body:process.argv[2]}).then(async r=>{console.log(await r.text());process.exit(r.ok?0:1)},e=>{console.error(e.message);process.exit(1)})" "$path" "$body"
    else
      docker exec "$c" node -e "fetch('http://127.0.0.1:9464'+process.argv[1]).then(async r=>{console.log(await r.text());process.exit(r.ok?0:1)},e=>{console.error(e.message);process.exit(1)})" "$path"
    fi
    ;;
  down)
    write_override
    dc down -v --remove-orphans
    ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac
