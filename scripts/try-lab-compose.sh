#!/usr/bin/env bash
# Runs a built-in lab template with plain docker-compose (Debian's 1.29), outside Labdeck.
#   scripts/try-lab-compose.sh up      <lab>   build workloads, start, wait until every container is healthy
#   scripts/try-lab-compose.sh status  <lab>   containers and health
#   scripts/try-lab-compose.sh http    <lab> <container> <path> [json]   GET (or POST json) a workload's
#                                              :9464 endpoint from inside its container (no host ports)
#   scripts/try-lab-compose.sh down    <lab>   stop and remove containers, networks and volumes
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

case $cmd in
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
