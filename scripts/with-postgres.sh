#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster, then remove the cluster.
#
#   scripts/with-postgres.sh make test BROWSER=0      (what `make test-pg` does)
#   scripts/with-postgres.sh bash -c 'DEBUG=true .venv/bin/prongsai migrate'
#
# The cluster lives in a temporary folder, listens on 127.0.0.1 only (a free port, or PGPORT if
# set) and on a unix socket in that folder. A role `prongsai` (password login, CREATEDB so the
# test runner can create test_ databases) owns the database `prongsai`; the command sees
# DATABASE_URL=postgres://prongsai:…@127.0.0.1:PORT/prongsai. Everything is removed on exit.
# Needs Debian's `postgresql` package. As root, the server runs as the `postgres` user
# (initdb refuses root); as anyone else, it runs as that user.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi

bindir=""
for dir in /usr/lib/postgresql/*/bin; do
  [ -x "$dir/initdb" ] && bindir=$dir  # the glob sorts 13 < 15 < 16; the newest wins
done
if [ -z "$bindir" ]; then
  echo "No PostgreSQL server found (/usr/lib/postgresql/*/bin/initdb): apt-get install postgresql" >&2
  exit 1
fi

if [ "$(id -u)" = 0 ]; then
  as_pg=(runuser -u postgres --)
else
  as_pg=()
fi

if [ -z "${PGPORT:-}" ]; then
  PGPORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' \
    2>/dev/null || echo 54329)
fi
port=$PGPORT
password=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
tmp=$(mktemp -d "${TMPDIR:-/tmp}/prongsai-pg.XXXXXX")
started=0

cleanup() {
  local rc=$?
  if [ "$started" = 1 ]; then
    (cd "$tmp" && "${as_pg[@]}" "$bindir/pg_ctl" -D "$tmp/data" -m fast -w stop >/dev/null 2>&1) || true
  fi
  rm -rf "$tmp"
  return "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

[ "$(id -u)" = 0 ] && chown postgres: "$tmp"
printf '%s\n' "$password" >"$tmp/pwfile"
[ "$(id -u)" = 0 ] && chown postgres: "$tmp/pwfile"
chmod 600 "$tmp/pwfile"

# The server's user may not be able to enter the caller's folder: run its tools from $tmp.
(
  cd "$tmp"
  "${as_pg[@]}" "$bindir/initdb" -D "$tmp/data" -U postgres --pwfile="$tmp/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 --no-sync \
    >"$tmp/initdb.log" 2>&1 || { cat "$tmp/initdb.log" >&2; exit 1; }
  "${as_pg[@]}" "$bindir/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$tmp/server.log" >&2; exit 1; }
)
started=1

(
  cd "$tmp"
  "${as_pg[@]}" "$bindir/psql" -X -q -h "$tmp" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -v pw="$password" >/dev/null <<'SQL'
CREATE ROLE prongsai LOGIN CREATEDB PASSWORD :'pw';
CREATE DATABASE prongsai OWNER prongsai;
SQL
)

export DATABASE_URL="postgres://prongsai:${password}@127.0.0.1:${port}/prongsai"
echo "with-postgres: PostgreSQL $(basename "$(dirname "$bindir")") on 127.0.0.1:$port (database prongsai)" >&2
set +e
"$@"
rc=$?
set -e
exit "$rc"
