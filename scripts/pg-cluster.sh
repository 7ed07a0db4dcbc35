#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests and the benchmark.
#
#   scripts/pg-cluster.sh start DIR   initdb into DIR, start the server on a free loopback port (and a
#                                     Unix socket in DIR), print its admin URL and write it to DIR/url
#   scripts/pg-cluster.sh stop DIR    stop the server and delete DIR
#
# The server refuses to run as root: as root, it runs as the `postgres` user (Debian's package makes
# it). Sign-in is by password (SCRAM), with a random password, as a team's server would be.
set -euo pipefail
command=${1:?start or stop}
dir=${2:?a folder}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "pg-cluster: PostgreSQL is not installed (Debian's postgresql package)" >&2; exit 1; }
as_owner=()
if [ "$(id -u)" = 0 ]; then as_owner=(runuser -u postgres --); fi

case "$command" in
start)
  mkdir -p "$dir"
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  password=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
  printf '%s\n' "$password" > "$dir/password"
  [ "$(id -u)" = 0 ] && chown -R postgres "$dir"
  chmod 700 "$dir"
  "${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U waymark --pwfile="$dir/password" --auth=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 > "$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200" start > /dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
  url="postgres://waymark:$password@127.0.0.1:$port/postgres"
  printf '%s\n' "$url" > "$dir/url"
  chmod 644 "$dir/url"
  echo "$url"
  ;;
stop)
  if [ -d "$dir/data" ]; then
    "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop > /dev/null 2>&1 \
      || "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop > /dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  ;;
*) echo "pg-cluster: start or stop, not $command" >&2; exit 64 ;;
esac
