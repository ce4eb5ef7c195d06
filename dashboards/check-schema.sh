#!/usr/bin/env bash
# Optional: type-checks the dashboards against Grafana's published schema (@grafana/schema, the
# TypeScript types generated from Grafana's CUE schema) with the TypeScript compiler. Needs node and
# npm and the npm registry; not part of ./mvnw verify. Usage: bash dashboards/check-schema.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent @grafana/schema typescript >/dev/null
for f in "$here"/*.json; do
  name=$(basename "$f" .json | tr -c 'a-zA-Z0-9\n' '_')
  { echo "import type { Dashboard } from '@grafana/schema';"
    printf 'export const %s: Dashboard = ' "$name"; cat "$f"; echo ';'; } > "$name.ts"
done
# JSON holds enum values as strings; TypeScript will not assign a string literal to a TS enum
# (ThresholdsMode, FieldColorModeId, MappingType...), which is no error in a dashboard file.
errors=$(npx tsc --noEmit --strict --module nodenext --moduleResolution nodenext ./*.ts 2>&1 \
  | grep -v "is not assignable to type '\(ThresholdsMode\|FieldColorModeId\|MappingType\|VariableHide\|VariableRefresh\|VariableSort\|DashboardCursorSync\)'" || true)
if [ -n "$errors" ]; then
  echo "$errors"
  exit 1
fi
echo "dashboards match @grafana/schema $(node -p "require('@grafana/schema/package.json').version")"
