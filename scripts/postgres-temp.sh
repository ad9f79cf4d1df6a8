#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the tests: initdb + pg_ctl into a temporary folder, as the postgres
# user, listening on loopback only. Prints the URL to use as TEST_DATABASE_URL.
#   scripts/postgres-temp.sh start <dir> <port>   → prints postgresql://postgres@127.0.0.1:<port>/postgres
#   scripts/postgres-temp.sh stop <dir>
set -euo pipefail
cmd=${1:?start|stop}
dir=${2:?data folder}
port=${3:-54329}

bindir=""
for candidate in /usr/lib/postgresql/*/bin; do
  [ -x "$candidate/initdb" ] && bindir=$candidate
done
if [ -z "$bindir" ]; then
  echo "PostgreSQL is not installed: run 'apt-get install -y postgresql' (Debian) first." >&2
  exit 1
fi

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    if [ ! -f "$dir/PG_VERSION" ]; then
      as_postgres "$bindir/initdb" -D "$dir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir.initdb.log" 2>&1 \
        || { cat "$dir.initdb.log" >&2; exit 1; }
    fi
    # fsync off: a test server that is thrown away needs no durability, and it is much faster on a busy disk.
    as_postgres "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
    echo "postgresql://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_postgres "$bindir/pg_ctl" -D "$dir" -m fast stop >/dev/null || true
    ;;
  *)
    echo "usage: $0 start|stop <dir> [port]" >&2
    exit 2
    ;;
esac
