#!/bin/sh
# @module scripts/stop-postgres
# Stops the throwaway PostgreSQL cluster in ${PGDIR:-/tmp/samaki-pg}, but only if
# scripts/ensure-postgres.sh started it: a server someone else runs is never touched. The data
# folder is left in place for inspection; the next ensure-postgres run recreates it.
set -eu

PGDIR=${PGDIR:-/tmp/samaki-pg}
case $PGDIR in /*) ;; *) PGDIR="$(pwd)/$PGDIR" ;; esac
STARTED_MARKER="$PGDIR/started-by-ensure-postgres"

log() { echo "stop-postgres: $*" >&2; }

if [ ! -f "$STARTED_MARKER" ]; then
  log "no cluster started by ensure-postgres in $PGDIR; nothing to stop"
  exit 0
fi

PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$PGBIN" ]; then
  log "error: PostgreSQL binaries not found under /usr/lib/postgresql; cannot stop the cluster in $PGDIR"
  exit 1
fi

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

if as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" status >/dev/null 2>&1; then
  as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >&2
  log "stopped the cluster in $PGDIR"
else
  log "the cluster in $PGDIR was not running"
fi
rm -f "$STARTED_MARKER"
