#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL server: initdb in a temporary directory, the
# server listening on a Unix socket there only (no TCP), PG_SOCKET set to that directory for the
# command, and everything stopped and removed afterwards. Needs PostgreSQL's server binaries
# (Debian: apt-get install postgresql); run as root, the server runs as the `postgres` user (or
# PG_OS_USER). When no server can be started the command is not run: the script says why and
# exits 0, so callers can treat the server as optional.
#
#   scripts/with-postgres.sh npx vitest run test/sql/engines.test.ts
set -uo pipefail

find_bin() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return
  fi
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return
    fi
  done
}

skip() {
  echo "PostgreSQL server: skipped ($*)"
  exit 0
}

bin="$(find_bin)"
[ -n "$bin" ] || skip "no initdb/pg_ctl found; apt-get install postgresql provides them"

tmp="$(mktemp -d /tmp/retention-pg.XXXXXX)"
run_as=()
if [ "$(id -u)" -eq 0 ]; then
  os_user="${PG_OS_USER:-postgres}"
  id "$os_user" >/dev/null 2>&1 || { rm -rf "$tmp"; skip "running as root and there is no '$os_user' user to run the server"; }
  chown "$os_user" "$tmp"
  run_as=(runuser -u "$os_user" --)
fi

cleanup() {
  "${run_as[@]}" "$bin/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT

if ! "${run_as[@]}" "$bin/initdb" -D "$tmp/data" -U postgres -A trust --no-sync >"$tmp/initdb.log" 2>&1; then
  cat "$tmp/initdb.log"
  skip "initdb failed"
fi
if ! "${run_as[@]}" "$bin/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 60 \
  -o "-k $tmp -c listen_addresses='' -c fsync=off -c full_page_writes=off" start >/dev/null 2>&1; then
  cat "$tmp/server.log" 2>/dev/null
  skip "the server did not start"
fi

echo "PostgreSQL server: $("$bin/postgres" --version), socket in $tmp"
PG_SOCKET="$tmp" PGUSER=postgres "$@"
