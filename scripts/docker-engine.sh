#!/usr/bin/env bash
# Makes sure a Docker engine answers on this machine.
#   - already answering: nothing to do;
#   - Debian/Ubuntu as root: installs Debian's docker.io if dockerd is missing, starts dockerd, waits for it;
#   - anything else: says at once what to install, and fails.
# Usage: scripts/docker-engine.sh [--check]   (--check: only report, never install or start)
set -euo pipefail

log() { printf 'docker-engine: %s\n' "$*" >&2; }

engine_answers() { docker info >/dev/null 2>&1; }

if command -v docker >/dev/null 2>&1 && engine_answers; then
  exit 0
fi

how_to() {
  cat >&2 <<'MSG'
docker-engine: no Docker engine answers, and this script cannot start one here.
  Install and start one, then run the command again:
    - Debian/Ubuntu:  sudo apt-get install -y docker.io && sudo systemctl start docker
    - macOS/Windows:  Docker Desktop (https://docs.docker.com/desktop/)
    - or point DOCKER_HOST at an engine you already have.
MSG
}

if [ "${1:-}" = "--check" ]; then how_to; exit 1; fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then how_to; exit 1; fi

if ! command -v dockerd >/dev/null 2>&1; then
  log "installing Debian's docker.io"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq docker.io >/dev/null
fi

if ! pgrep -x dockerd >/dev/null 2>&1; then
  log "starting dockerd (log: /var/log/fargate-local-dockerd.log)"
  # setsid: the engine outlives this script and the shell that ran it.
  setsid dockerd >/var/log/fargate-local-dockerd.log 2>&1 < /dev/null &
fi

for _ in $(seq 1 60); do
  if engine_answers; then log "engine is up"; exit 0; fi
  sleep 1
done
log "dockerd did not answer within 60 s; see /var/log/fargate-local-dockerd.log"
exit 1
