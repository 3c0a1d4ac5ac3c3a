#!/usr/bin/env bash
# Runs a command with TEST_DATABASE_URL set (R5: the PostgreSQL tests need a real server).
# Uses TEST_DATABASE_URL as given when set; otherwise starts a throwaway server for the command
# and stops it afterwards.   usage: scripts/with-postgres.sh <command> [args...]
set -euo pipefail
if [ -n "${TEST_DATABASE_URL:-}" ]; then exec "$@"; fi
HERE=$(cd "$(dirname "$0")" && pwd)
DIR=$(mktemp -d /tmp/contacts-pg-XXXXXX)
trap '"$HERE/postgres-stop.sh" "$DIR"' EXIT
TEST_DATABASE_URL=$("$HERE/postgres-start.sh" "$DIR")
export TEST_DATABASE_URL
"$@"
