#!/usr/bin/env bash
# Runs every test suite of the workspace. Run scripts/setup.sh once before.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$AGNES_ROOT"

pnpm run test
