#!/bin/sh
# @module scripts/ensure-postgres
# Makes sure a PostgreSQL server is there for the storage tests and prints its URL as the LAST
# line of stdout; everything else goes to stderr, so `url=$(sh scripts/ensure-postgres.sh)` works.
#
#   1. SAMAKI_TEST_DATABASE_URL is set and answers: use it.
#   2. Otherwise a throwaway cluster in ${PGDIR:-/tmp/samaki-pg} on port ${PGPORT:-54329}
#      (trust auth, fsync off: test data only). A server already listening there from an
#      earlier run is reused; if none, PostgreSQL is installed from Debian if missing (needs
#      root), a fresh cluster is made and started.
#
# Stop what this script started with scripts/stop-postgres.sh. Paths must not contain spaces
# (pg_ctl passes the server options through a shell).
set -eu

PGDIR=${PGDIR:-/tmp/samaki-pg}
case $PGDIR in /*) ;; *) PGDIR="$(pwd)/$PGDIR" ;; esac
PGPORT=${PGPORT:-54329}
URL="postgres://postgres@127.0.0.1:$PGPORT/postgres"
# Written when this script starts the cluster; stop-postgres.sh stops only such a cluster.
STARTED_MARKER="$PGDIR/started-by-ensure-postgres"
# Marks PGDIR as ours, so a PGDIR pointing at someone else's folder is never deleted.
OWNED_MARKER="$PGDIR/.samaki-throwaway-cluster"

log() { echo "ensure-postgres: $*" >&2; }
die() {
  echo "ensure-postgres: error: $*" >&2
  exit 1
}
is_root() { [ "$(id -u)" -eq 0 ]; }

# The URL with its password hidden, for messages.
masked() { printf '%s' "$1" | sed 's#\(//[^:/@]*:\)[^@]*@#\1***@#'; }

# Runs a command as the postgres OS user when root (initdb and postgres refuse to run as root),
# from a folder that user can read (the caller's may be /root).
as_pg() {
  if is_root; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# True when psql (from PATH, or from $1/psql) can run `select 1` at URL $2.
answers() {
  psql_bin=$(command -v psql 2>/dev/null || true)
  [ -n "$psql_bin" ] || psql_bin="$1/psql"
  [ -x "$psql_bin" ] || return 1
  PGCONNECT_TIMEOUT=5 "$psql_bin" -X -q -At -d "$2" -c 'select 1' >/dev/null 2>&1
}

find_pgbin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

# 1. A server the caller chose.
if [ -n "${SAMAKI_TEST_DATABASE_URL:-}" ]; then
  if answers "$(find_pgbin)" "$SAMAKI_TEST_DATABASE_URL"; then
    log "using SAMAKI_TEST_DATABASE_URL ($(masked "$SAMAKI_TEST_DATABASE_URL"))"
    echo "$SAMAKI_TEST_DATABASE_URL"
    exit 0
  fi
  log "SAMAKI_TEST_DATABASE_URL ($(masked "$SAMAKI_TEST_DATABASE_URL")) does not answer (or psql is missing); using a throwaway cluster instead"
fi

# 2. PostgreSQL binaries: the highest installed major version, else Debian's package.
PGBIN=$(find_pgbin)
if [ -z "$PGBIN" ]; then
  is_root || die "PostgreSQL is not installed and installing it needs root. Run this as root, install it yourself (sudo apt-get install postgresql), or set SAMAKI_TEST_DATABASE_URL to a running server."
  command -v apt-get >/dev/null 2>&1 || die "PostgreSQL is not installed and apt-get is not available. Install PostgreSQL 15 or later, or set SAMAKI_TEST_DATABASE_URL to a running server."
  log "PostgreSQL is not installed; installing Debian's postgresql package (this takes a minute)"
  apt-get update >&2 || die "apt-get update failed (see above). Check that the Debian package mirrors are reachable."
  DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2 ||
    die "apt-get install postgresql failed (see above)."
  PGBIN=$(find_pgbin)
  [ -n "$PGBIN" ] || die "the postgresql package is installed but /usr/lib/postgresql/*/bin is missing."
fi
log "PostgreSQL binaries: $PGBIN"

# 3. A server from an earlier run still listening on the port: reuse it.
if "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT" 2>/dev/null; then
  if answers "$PGBIN" "$URL"; then
    log "reusing the server already listening on 127.0.0.1:$PGPORT"
    echo "$URL"
    exit 0
  fi
  die "something listens on 127.0.0.1:$PGPORT but does not accept $URL. Stop it, or choose another port with PGPORT=..."
fi

# 4. A fresh throwaway cluster.
if is_root && ! id postgres >/dev/null 2>&1; then
  die "the OS user 'postgres' does not exist (Debian's postgresql package creates it). Reinstall postgresql, or run as a non-root user."
fi
if [ -e "$PGDIR" ] && [ ! -e "$OWNED_MARKER" ] && [ -n "$(ls -A "$PGDIR" 2>/dev/null)" ]; then
  die "$PGDIR exists, is not empty and was not made by this script; refusing to delete it. Remove it or set PGDIR to another folder."
fi
# The folder may hold a cluster whose server is gone (reboot, crash): start over, since its
# contents are disposable and may be half-written.
if [ -e "$PGDIR/data/postmaster.pid" ]; then
  as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1 || true
fi
rm -rf "$PGDIR/data" "$PGDIR/initdb.log" "$PGDIR/server.log" "$STARTED_MARKER" \
  "$PGDIR/.s.PGSQL.$PGPORT" "$PGDIR/.s.PGSQL.$PGPORT.lock"
mkdir -p "$PGDIR"
touch "$OWNED_MARKER"
if is_root; then chown -R postgres:postgres "$PGDIR"; fi

log "creating a throwaway cluster in $PGDIR/data"
as_pg "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --no-locale >"$PGDIR/initdb.log" 2>&1 ||
  {
    cat "$PGDIR/initdb.log" >&2
    die "initdb failed (log above)."
  }

log "starting it on 127.0.0.1:$PGPORT"
if ! as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 \
  -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >&2; then
  tail -n 30 "$PGDIR/server.log" >&2 2>/dev/null || true
  die "the server did not start (server log above). Is port $PGPORT taken? Choose another with PGPORT=..."
fi
date +%s.$$ >"$STARTED_MARKER"

answers "$PGBIN" "$URL" || die "the server started but does not accept $URL."
log "ready"
echo "$URL"
