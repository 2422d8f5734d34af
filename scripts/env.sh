#!/usr/bin/env bash
# Shared set-up for scripts/serve and scripts/test: system packages, a private PostgreSQL, the build.
# Sourced, not run. Idempotent: a second call finds everything in place and returns quickly.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA_DIR="${WEBHOOKS_DATA_DIR:-$ROOT/.data}"
APT_PACKAGES=(openssl python3-pip libpq-dev libcurl4-openssl-dev libssl-dev postgresql postgresql-contrib pkg-config curl python3 nodejs)
# Only the tests need it, so scripts/serve does not install it: the browser the dashboard's browser test drives
# through Playwright (whose own browser download is not used).
TEST_APT_PACKAGES=(chromium)

log() { printf '==> %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "need root for: $*"; return 1; fi
}

# Installs whichever of the named apt packages are missing.
install_apt() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

install_packages() {
  install_apt "${APT_PACKAGES[@]}"
}

# What only the tests use: the Python packages of the independent verifiers (Standard Webhooks' reference library,
# Flask for the seeds' receivers) and of the dashboard's browser test (Playwright, driving TEST_APT_PACKAGES' chromium).
install_python_packages() {
  install_apt "${TEST_APT_PACKAGES[@]}"
  python3 -c 'import standardwebhooks, flask, jsonschema, playwright' 2>/dev/null && return 0
  log "installing Python packages: standardwebhooks flask jsonschema playwright"
  python3 -m pip install --quiet --disable-pip-version-check standardwebhooks flask jsonschema playwright 2>/dev/null \
    || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages standardwebhooks flask jsonschema playwright
}

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] || { log "PostgreSQL server binaries not found"; return 1; }
  echo "$dir"
}

# Runs a PostgreSQL server command as an unprivileged user (initdb refuses root).
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# The first TCP port on loopback from $1 upwards that nothing listens on.
free_port() {
  local p=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}

start_private_postgres() {
  local bin pgdata
  bin=$(pg_bin)
  # The postgres user must be able to reach the data folder; a clone under a private home may not allow it.
  if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$ROOT"; then
    DATA_DIR="/tmp/webhooks-data-$(echo "$ROOT" | sha256sum | cut -c1-12)"
  fi
  pgdata="$DATA_DIR/postgres"
  mkdir -p "$DATA_DIR"
  local port
  if [ ! -s "$pgdata/PG_VERSION" ]; then
    # Below Linux's ephemeral range (32768-60999), so no outgoing connection can hold the port as its local one
    # between this check and PostgreSQL's bind.
    port=$(free_port "${WEBHOOKS_PG_PORT:-25432}")
    log "creating a private PostgreSQL cluster in $pgdata"
    mkdir -p "$pgdata"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$DATA_DIR" "$pgdata"
    as_pg "$bin/initdb" -D "$pgdata" -U webhooks --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    cat >> "$pgdata/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$pgdata'
max_connections = 200
shared_buffers = 256MB
fsync = on
synchronous_commit = on
CONF
  fi
  port=$(sed -n 's/^port = \([0-9]*\)$/\1/p' "$pgdata/postgresql.conf" | tail -n 1)
  WEBHOOKS_PG_STARTED=0
  if ! as_pg "$bin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
    WEBHOOKS_PG_STARTED=1
    log "starting PostgreSQL on 127.0.0.1:$port"
    as_pg "$bin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w -t 60 start >/dev/null
  fi
  local url="postgresql://webhooks@127.0.0.1:$port/postgres"
  if ! psql "$url" -tAc "SELECT 1 FROM pg_database WHERE datname='webhooks'" | grep -q 1; then
    psql "$url" -qc "CREATE DATABASE webhooks" >/dev/null
  fi
  export DATABASE_URL="postgresql://webhooks@127.0.0.1:$port/webhooks"
  export WEBHOOKS_PG_DATA="$pgdata"
  export WEBHOOKS_PG_BIN="$bin"
}

setup_environment() {
  install_packages
  if [ -z "${DATABASE_URL:-}" ]; then
    start_private_postgres
  fi
}

# Stops the private PostgreSQL if this script started it (used by scripts/test so CI leaves nothing running).
stop_private_postgres() {
  if [ "${WEBHOOKS_PG_STARTED:-0}" = 1 ]; then
    as_pg "$WEBHOOKS_PG_BIN/pg_ctl" -D "$WEBHOOKS_PG_DATA" -m fast stop >/dev/null 2>&1 || true
  fi
}

# Drops the throw-away databases earlier test runs left in the private cluster (never touches a DATABASE_URL given
# from outside).
drop_test_databases() {
  [ -n "${WEBHOOKS_PG_DATA:-}" ] || return 0
  local admin="${DATABASE_URL%/*}/postgres" name
  for name in $(psql "$admin" -tAc "SELECT datname FROM pg_database WHERE datname ~ '^(t|pgtest)_[0-9a-z_]+$'"); do
    psql "$admin" -qc "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" >/dev/null
  done
}
