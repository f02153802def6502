#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL 15 cluster on 127.0.0.1 for the tests and benchmarks.
#   source .ci/postgres.sh start   -> exports EXPERTENNETZWERK_POSTGRES
#   bash .ci/postgres.sh stop
set -euo pipefail

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_PORT="${PG_PORT:-54329}"
PG_DIR="${PG_DIR:-/tmp/expertennetzwerk-pg}"
PG_USER_OS="${PG_USER_OS:-postgres}"
# Tests trade durability for speed; benchmarks pass PG_OPTS="" to measure with the defaults.
PG_OPTS="${PG_OPTS--c fsync=off -c synchronous_commit=off -c full_page_writes=off}"

as_pg() {
  if [ "$(id -u)" = "0" ]; then
    # initdb and postgres refuse to run as root.
    su "$PG_USER_OS" -s /bin/bash -c "$*"
  else
    bash -c "$*"
  fi
}

start() {
  if [ ! -x "$PG_BIN/initdb" ]; then
    echo "PostgreSQL server binaries not found in $PG_BIN" >&2
    return 1
  fi
  rm -rf "$PG_DIR"
  mkdir -p "$PG_DIR"
  if [ "$(id -u)" = "0" ]; then chown "$PG_USER_OS" "$PG_DIR"; fi
  as_pg "'$PG_BIN/initdb' -D '$PG_DIR/data' -U enw --auth=trust -E UTF8 --locale=C.UTF-8 >'$PG_DIR/initdb.log' 2>&1"
  as_pg "'$PG_BIN/pg_ctl' -D '$PG_DIR/data' -l '$PG_DIR/server.log' -w -t 60 \
    -o \"-h 127.0.0.1 -p $PG_PORT -k '$PG_DIR' $PG_OPTS -c max_connections=200\" start >/dev/null"
  export EXPERTENNETZWERK_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=enw;Database=postgres;No Reset On Close=true;Max Auto Prepare=20"
  echo "PostgreSQL listening on 127.0.0.1:$PG_PORT"
}

stop() {
  if [ -d "$PG_DIR/data" ]; then
    as_pg "'$PG_BIN/pg_ctl' -D '$PG_DIR/data' -m fast -w stop >/dev/null" || true
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
