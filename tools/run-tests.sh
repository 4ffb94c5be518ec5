#!/usr/bin/env bash
# The README's test command: every project's tests through Nx (the api's against an embedded PostgreSQL and
# Meilisearch that the tests start themselves), then one closing line that adds them up.
set -u
cd "$(dirname "$0")/.."
rm -rf dist/test-results && mkdir -p dist/test-results
npx nx run-many -t test --outputStyle=static --parallel=1 "$@"
status=$?
node tools/test-summary.mjs
exit $status
