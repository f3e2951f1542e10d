#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on a local port, for the store's tests and benchmarks.
#
#   eval "$(bash scripts/pg.sh start)"   # prints: export VENDORMATURITY_TEST_PG=postgresql+psycopg://…
#   bash scripts/pg.sh stop
#
# Uses Debian's PostgreSQL (installed with apt-get when missing and run as root). The
# cluster runs as an unprivileged user (postgres when run as root, else yourself), in a
# temporary folder, listening on 127.0.0.1 only, with trust authentication.
set -euo pipefail

ACTION=${1:-}
DIR=${VENDORMATURITY_PG_DIR:-${TMPDIR:-/tmp}/vendormaturity-pg}
PORT=${VENDORMATURITY_PG_PORT:-55432}
DB=vendormaturity_test

find_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$ACTION" in
start)
  BIN=$(find_bin)
  if [ -z "$BIN" ]; then
    if [ "$(id -u)" != 0 ]; then
      echo "PostgreSQL is not installed: apt-get install -y postgresql (as root)" >&2
      exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq postgresql >/dev/null
    BIN=$(find_bin)
  fi
  if [ -f "$DIR/data/postmaster.pid" ]; then
    as_owner "$BIN/pg_ctl" -D "$DIR/data" stop -m immediate >/dev/null 2>&1 || true
  fi
  rm -rf "$DIR"
  mkdir -p "$DIR"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$DIR"; fi
  as_owner "$BIN/initdb" -D "$DIR/data" -A trust -U vendormaturity -E UTF8 --no-sync >/dev/null
  as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
    -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1" start >/dev/null
  as_owner "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U vendormaturity "$DB"
  echo "export VENDORMATURITY_TEST_PG=postgresql+psycopg://vendormaturity@127.0.0.1:$PORT/$DB"
  ;;
stop)
  BIN=$(find_bin)
  if [ -n "$BIN" ] && [ -f "$DIR/data/postmaster.pid" ]; then
    as_owner "$BIN/pg_ctl" -D "$DIR/data" stop -m fast -w >/dev/null
  fi
  rm -rf "$DIR"
  ;;
*)
  echo "usage: bash scripts/pg.sh start|stop" >&2
  exit 2
  ;;
esac
