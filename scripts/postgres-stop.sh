#!/usr/bin/env bash
# Stops a server started by scripts/postgres-start.sh and deletes its data dir.
set -uo pipefail
DIR=${1:?usage: postgres-stop.sh <data-dir>}
[ -d "$DIR/data" ] || exit 0
BIN=$(dirname "$(readlink -f "$(command -v pg_ctl 2>/dev/null || ls -d /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -n 1)")")
AS=()
[ "$(id -u)" = 0 ] && AS=(runuser -u postgres --)
"${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
rm -rf "$DIR"
