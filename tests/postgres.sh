#!/usr/bin/env bash
# Run a command with POKJANAL_TEST_POSTGRES pointing at a live PostgreSQL test database.
# Uses Debian's cluster (started as the postgres user; initdb refuses root) unless the URL is given.
set -euo pipefail
if [ -z "${POKJANAL_TEST_POSTGRES:-}" ]; then
  if ! command -v pg_lsclusters >/dev/null; then
    echo "PostgreSQL tidak ada: sudo apt-get install postgresql"
    [ "${CI:-}" = "true" ] && exit 1
    echo "Uji PostgreSQL dilewati."; exit 0
  fi
  cluster=$(pg_lsclusters --no-header | awk 'NR==1{print $1" "$2}')
  if [ -z "$cluster" ]; then
    version=$(ls /usr/lib/postgresql | sort -V | tail -1)
    pg_createcluster "$version" main >/dev/null
    cluster="$version main"
  fi
  if [ "$(id -u)" = "0" ]; then
    pg_ctlcluster $cluster start 2>/dev/null || true
    port=$(pg_lsclusters --no-header | awk -v v="${cluster%% *}" '$1==v{print $3; exit}')
    # Another run may create them at the same moment: "already exists" is fine, so check again after.
    su postgres -c "psql -p $port -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='pokjanal'\"" | grep -q 1 \
      || su postgres -c "psql -p $port -qc \"CREATE ROLE pokjanal LOGIN SUPERUSER PASSWORD 'pokjanal'\"" 2>/dev/null \
      || su postgres -c "psql -p $port -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='pokjanal'\"" | grep -q 1
    # One database per run, dropped afterwards, so runs side by side never truncate each other's tables;
    # pytest-xdist workers make theirs from its name (tests/conftest.py), dropped here too if a run was cut short.
    database="pokjanal_test_$$"
    su postgres -c "psql -p $port -qc \"CREATE DATABASE $database OWNER pokjanal\""
    drop_all() {
      local name
      for name in $(su postgres -c "psql -p $port -qtAc \"SELECT datname FROM pg_database WHERE datname = '$database'
          OR left(datname, length('$database') + 1) = '${database}_'\""); do
        su postgres -c "psql -p $port -qc \"DROP DATABASE IF EXISTS $name WITH (FORCE)\"" >/dev/null
      done
    }
    trap drop_all EXIT
  else
    echo "Jalankan sebagai root, atau setel POKJANAL_TEST_POSTGRES=postgresql+psycopg://USER:PASS@HOST/DB"
    [ "${CI:-}" = "true" ] && exit 1
    exit 0
  fi
  export POKJANAL_TEST_POSTGRES="postgresql+psycopg://pokjanal:pokjanal@127.0.0.1:${port}/${database}"
  "$@"
  exit $?
fi
exec "$@"
