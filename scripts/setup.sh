#!/usr/bin/env bash
# Installs what is missing (Node 24 and pnpm 10.34.9, inside .tools/), installs the
# workspace, and builds everything, which regenerates the contract artifacts.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$AGNES_ROOT"

NODE_VERSION=24.21.0
PNPM_VERSION=10.34.9

node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [[ "$node_major" != "24" ]]; then
  echo "setup: Node $(node -v 2>/dev/null || echo 'not found') is not 24; installing Node $NODE_VERSION into .tools/node"
  platform="$(node -p 'process.platform + "-" + process.arch')"
  if [[ "$platform" != "linux-x64" && "$platform" != "linux-arm64" ]]; then
    echo "setup: no Node 24 package for $platform on the npm registry; install Node 24 yourself and rerun" >&2
    exit 1
  fi
  npm install --no-audit --no-fund --loglevel=error --prefix .tools/node "node-$platform@$NODE_VERSION" >/dev/null
fi
echo "setup: using Node $(node -v)"

if [[ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]]; then
  echo "setup: installing pnpm $PNPM_VERSION into .tools/pnpm"
  npm install --global --no-audit --no-fund --loglevel=error --prefix .tools/pnpm "pnpm@$PNPM_VERSION" >/dev/null
fi
echo "setup: using pnpm $(pnpm --version)"

pnpm install --frozen-lockfile
pnpm run build

echo
echo "setup: done. Generated contract files:"
for file in packages/core/generated/*.json; do echo "  $file"; done
