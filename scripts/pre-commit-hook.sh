#!/usr/bin/env bash
# Entry point of the `infralint` pre-commit hook. pre-commit runs it from the linted repo's root with
# the staged file names as arguments; this script lives in pre-commit's clone of infralint.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ ! -f "$here/packages/cli/dist/cli.js" ]; then
  echo "infralint: first run, installing (once per pre-commit clone)..." >&2
  (cd "$here" && npx -y pnpm@12.4.2 install --frozen-lockfile >&2 && npx -y pnpm@12.4.2 run build >&2)
fi
exec node "$here/packages/cli/bin/infralint.js" "$@"
