#!/usr/bin/env bash
# What the test suite needs besides Node and npm, installed by `npm test` itself on Debian/Ubuntu as root, so the
# README's two commands are all a fresh machine (or CI) needs. Anywhere else it lists what is missing, with the
# command to install it, and fails: no test is skipped silently because a tool is absent.
#
# One `need` line per Debian package: the package, why the tests need it, and the shell check that says it is
# already there. To add one (say a new browser test needs a tool), add a line.
set -euo pipefail

packages=() whys=() checks=()
need() { packages+=("$1"); whys+=("$2"); checks+=("$3"); }
# The CLI the tests run (test/support/aws-cli.ts: /usr/bin/aws, else the first on PATH) must be version 2: version 1
# (pip's awscli, often first on PATH) has no `aws logs tail` and prints other shapes.
need awscli 'the AWS CLI tests drive the real aws command (version 2) beside the SDK' \
  '{ [ -x /usr/bin/aws ] && /usr/bin/aws --version || aws --version; } 2>&1 | grep -q "^aws-cli/2\."'
need docker-compose 'the packaging test validates and brings up docker-compose.yml' 'command -v docker-compose'
need busybox-static 'test images and the local base image are made from it, with no registry' '/bin/busybox --list | grep -qx wget'
need docker.io 'the engine the runtime tests run tasks on (scripts/docker-engine.sh starts it)' 'command -v dockerd || docker info'
need chromium 'the dashboard test drives a headless browser' \
  '[ -n "${CHROMIUM_PATH:-}" ] || command -v chromium || command -v chromium-browser || command -v google-chrome'

log() { printf 'test-prerequisites: %s\n' "$*" >&2; }

missing=()
for i in "${!packages[@]}"; do
  bash -c "${checks[$i]}" >/dev/null 2>&1 || missing+=("$i")
done
[ ${#missing[@]} -eq 0 ] && exit 0
names=()
for i in "${missing[@]}"; do names+=("${packages[$i]}"); done

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  log "installing ${names[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${names[@]}" >/dev/null
  exit 0
fi

log "the tests need what this machine lacks (installed by this script only on Debian/Ubuntu as root):"
for i in "${missing[@]}"; do log "  - ${packages[$i]}: ${whys[$i]}"; done
log "Debian/Ubuntu: sudo apt-get install -y ${names[*]}"
log "elsewhere: the AWS CLI version 2, Docker with Compose (docker-compose), a static busybox at /bin/busybox, Chromium (or CHROMIUM_PATH)."
exit 1
