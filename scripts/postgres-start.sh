#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for tests (R5): fresh data dir, free local port, no password
# (trust on 127.0.0.1 only), fsync off unless PG_DURABLE=1 (test data is disposable). Prints ONE line: the database URL.
#   usage: scripts/postgres-start.sh <data-dir>      stop it with scripts/postgres-stop.sh <data-dir>
# Installs Debian's postgresql when the server binaries are missing and we are root. PostgreSQL
# refuses to run as root, so as root the server runs as the `postgres` user (created if needed).
set -euo pipefail
DIR=${1:?usage: postgres-start.sh <data-dir>}

find_bin() {
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"
    return
  fi
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$d" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; fi
}

BIN=$(find_bin)
if [ -z "$BIN" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "PostgreSQL server binaries (pg_ctl, initdb) not found: install the 'postgresql' package" >&2
    exit 1
  fi
  echo "== installing Debian postgresql" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  BIN=$(find_bin)
fi

AS=()
if [ "$(id -u)" = 0 ]; then
  id -u postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  AS=(runuser -u postgres --)
fi

mkdir -p "$DIR"
[ ${#AS[@]} -eq 0 ] || chown postgres "$DIR"
chmod 700 "$DIR"
"${AS[@]}" "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C >"$DIR/initdb.log" 2>&1 \
  || { cat "$DIR/initdb.log" >&2; exit 1; }

# Tests want speed; PG_DURABLE=1 (the storage benchmark) keeps PostgreSQL's durable defaults, like
# the SQLite file's synchronous=FULL, so the numbers compare like with like.
FAST="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
[ "${PG_DURABLE:-}" = 1 ] && FAST=""
PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
"${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 $FAST -c max_connections=200" \
  start >/dev/null || { cat "$DIR/server.log" >&2; exit 1; }
echo "$PORT" >"$DIR/port"
"${AS[@]}" "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres contacts_test
echo "postgres://postgres@127.0.0.1:$PORT/contacts_test"
