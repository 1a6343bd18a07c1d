#!/usr/bin/env bash
# Runs every test suite of the workspace. Run scripts/setup.sh once before.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$AGNES_ROOT"

pnpm run test

# The pending changesets must bump @agnes/errors by at least what the contract changes since the
# last release require (packages/core/baseline/contract.json against the generated contract.json).
node scripts/check-contract-bump.ts
