#!/usr/bin/env bash
# The whole test suite: unit, API and real-Docker tests. Brings a Docker engine up first when it can
# (Debian, root), or stops at once saying what to install.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/docker-engine.sh
exec npx vitest run "$@"
