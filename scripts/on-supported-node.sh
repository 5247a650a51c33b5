#!/usr/bin/env bash
# Runs its arguments on a Node this project supports (package.json's engines: 22.15+ or 24+).
# `npm start` and `npm test` go through it, so the README's two commands work on a fresh clone
# whatever Node the machine has: on an older one, scripts/use-node.sh installs .nvmrc's release
# into .tools/node/ (once, from the npm registry) and puts it first on PATH for the command.
set -euo pipefail

supported() {
  node -e 'const [major, minor] = process.versions.node.split(".").map(Number);
           process.exit(major >= 24 || (major === 22 && minor >= 15) ? 0 : 1)' 2>/dev/null
}

if ! supported; then
  # shellcheck source=use-node.sh
  . "$(dirname "${BASH_SOURCE[0]}")/use-node.sh"
  supported || {
    echo "Node $(node --version) is too old for this project (22.15+ or 24+ needed)" >&2
    exit 1
  }
fi
exec "$@"
