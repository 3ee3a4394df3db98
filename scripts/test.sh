#!/usr/bin/env bash
# The whole test suite: unit, API and real-Docker tests. On Debian/Ubuntu as root it first installs what the tests
# need (scripts/test-prerequisites.sh) and brings a Docker engine up; elsewhere it stops at once saying what to
# install. Ends with a plain "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")/.."
# The quality gate first: lint and format (Biome), then a type-check of the whole tree.
npx biome check . || { echo "Tests: 0 passed, 1 failed (the lint/format gate: run npm run format, then npm run lint)"; exit 1; }
npx tsc -p tsconfig.json --noEmit || { echo "Tests: 0 passed, 1 failed (the type-check)"; exit 1; }
bash scripts/test-prerequisites.sh || { echo "Tests: 0 passed, 1 failed (missing prerequisites, listed above)"; exit 1; }
bash scripts/docker-engine.sh || exit 1
# The AWS SDK's notice that it will need Node 22 from January 2027 (see the README) says nothing about the tests.
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
report="$(mktemp -t fargate-local-vitest.XXXXXX.json)"
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@"
status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
' "$report" 2>/dev/null || echo "Tests: no report (vitest exited with $status)"
rm -f "$report"
exit $status
