# Puts the repository's toolchain (Node 24 and the pinned pnpm in .tools/) first on PATH.
# Source it: `. scripts/env.sh`. Tools already on the machine are used when their versions match.
AGNES_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export AGNES_ROOT
export PATH="$AGNES_ROOT/.tools/node/node_modules/.bin:$AGNES_ROOT/.tools/pnpm/bin:$PATH"
export TURBO_TELEMETRY_DISABLED=1
export DO_NOT_TRACK=1
export REDOCLY_TELEMETRY=off
export REDOCLY_SUPPRESS_UPDATE_NOTICE=true
