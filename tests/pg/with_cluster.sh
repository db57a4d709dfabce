#!/usr/bin/env bash
# Runs a command against a real, throwaway PostgreSQL cluster.
#
#   with_cluster.sh WORKDIR CMD [ARGS...]
#
# Makes a fresh cluster under WORKDIR/cluster (removing any previous one), starts it on a free port on
# 127.0.0.1, exports TURNAROUND_TEST_PG_URL=postgresql://turnaround@127.0.0.1:PORT/postgres, runs CMD,
# stops the cluster on any exit and exits with CMD's exit code.
#
# If the cluster cannot be had (no initdb, initdb fails, the server does not start) it says why on stderr
# and exits 77, which CTest counts as skipped (SKIP_RETURN_CODE 77). Note a CMD that itself exits 77 is
# also counted as skipped.
#
# initdb and pg_ctl refuse to run as root; as root they run as the `postgres` system user (Debian's
# postgresql package creates it), or `nobody`. CMD always runs as the invoking user.
# fsync stays on (the default): the tests check that acknowledged commits survive a killed writer.
#
# Environment: TURNAROUND_PG_BINDIR overrides the directory holding initdb/pg_ctl (default: the newest
# /usr/lib/postgresql/*/bin).
set -euo pipefail

skip() {
  echo "postgres tests skipped: $*" >&2
  exit 77
}

if [ $# -lt 2 ]; then
  echo "usage: $0 WORKDIR CMD [ARGS...]" >&2
  exit 2
fi
workdir=$1
shift

# --- where the server binaries are -------------------------------------------------------------------
if [ -n "${TURNAROUND_PG_BINDIR:-}" ]; then
  bindir=$TURNAROUND_PG_BINDIR
else
  bindir=$(printf '%s\n' /usr/lib/postgresql/*/bin | grep -v '\*' | sort -V | tail -1 || true)
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ] || [ ! -x "$bindir/pg_ctl" ]; then
  skip "initdb not found${bindir:+ in $bindir}; install Debian's postgresql package (tools/setup.sh does)"
fi

# --- who runs the server -----------------------------------------------------------------------------
pg_user=""
if [ "$(id -u)" -eq 0 ]; then
  if getent passwd postgres >/dev/null 2>&1; then
    pg_user=postgres
  else
    pg_user=nobody
  fi
fi

# Runs a server-side command (initdb, pg_ctl) as the server's user, from a directory that user can read.
as_pg() {
  if [ -z "$pg_user" ]; then
    (cd "$cluster" && "$@")
  elif command -v runuser >/dev/null 2>&1; then
    (cd "$cluster" && runuser -u "$pg_user" -- "$@")
  else
    # shellcheck disable=SC2016  # expanded by the inner shell, on purpose
    (cd "$cluster" && su -s /bin/sh "$pg_user" -c '"$0" "$@"' "$@")
  fi
}

# --- a fresh cluster directory -----------------------------------------------------------------------
mkdir -p "$workdir" || skip "cannot create $workdir"
workdir=$(cd "$workdir" && pwd)
cluster=$workdir/cluster
extra_dirs=()   # directories made outside WORKDIR, removed on exit

# A server left running by an earlier run that was killed before it could stop it.
if [ -f "$cluster/data/postmaster.pid" ]; then
  as_pg "$bindir/pg_ctl" -D "$cluster/data" -m immediate -t 60 stop >/dev/null 2>&1 || true
fi
rm -rf "$cluster" || skip "cannot remove the previous cluster in $cluster"
mkdir -p "$cluster" || skip "cannot create $cluster"
if [ -n "$pg_user" ]; then
  chown "$pg_user" "$cluster" || skip "cannot hand $cluster to user $pg_user"
  # The server's user must reach WORKDIR; when it cannot (a private home directory, say), use /tmp.
  if ! as_pg test -w "$cluster" 2>/dev/null; then
    rmdir "$cluster"
    cluster=$(mktemp -d "${TMPDIR:-/tmp}/turnaround-pg.XXXXXX") || skip "cannot create a temporary directory"
    extra_dirs+=("$cluster")
    chown "$pg_user" "$cluster" || skip "cannot hand $cluster to user $pg_user"
    echo "note: user $pg_user cannot reach $workdir; the cluster lives in $cluster" >&2
  fi
fi
data=$cluster/data
log=$cluster/server.log
sockdir=$cluster/sock
# Unix socket paths are limited to 107 bytes, and the server appends /.s.PGSQL.PORT.
if [ ${#sockdir} -gt 90 ]; then
  sockdir=$(mktemp -d "${TMPDIR:-/tmp}/tpgsock.XXXXXX") || skip "cannot create a socket directory"
  extra_dirs+=("$sockdir")
  [ -z "$pg_user" ] || chown "$pg_user" "$sockdir"
else
  as_pg mkdir "$sockdir" || skip "cannot create $sockdir"
fi

started=0
# shellcheck disable=SC2317  # invoked by the trap
cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  if [ "$started" -eq 1 ]; then
    if ! as_pg "$bindir/pg_ctl" -D "$data" -m fast -t 60 stop >>"$cluster/pg_ctl.log" 2>&1; then
      as_pg "$bindir/pg_ctl" -D "$data" -m immediate -t 60 stop >>"$cluster/pg_ctl.log" 2>&1 || true
    fi
  fi
  if [ ${#extra_dirs[@]} -gt 0 ]; then
    rm -rf "${extra_dirs[@]}"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# --- initdb ------------------------------------------------------------------------------------------
locale=C
if locale -a 2>/dev/null | grep -qix 'c\.utf-\?8'; then
  locale=C.UTF-8
fi
if ! as_pg timeout 300 "$bindir/initdb" -D "$data" -U turnaround --auth=trust -E UTF8 --locale="$locale" \
    >"$cluster/initdb.log" 2>&1; then
  echo "postgres tests skipped: initdb failed ($cluster/initdb.log):" >&2
  tail -n 10 "$cluster/initdb.log" | sed 's/^/    /' >&2
  exit 77
fi

# --- a free port, and the server on it ----------------------------------------------------------------
pick_port() {
  local p
  if command -v python3 >/dev/null 2>&1 &&
     p=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' \
         2>/dev/null) && [ -n "$p" ]; then
    echo "$p"
    return
  fi
  local _
  for _ in $(seq 1 50); do
    p=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    # Something answering there means the port is taken.
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return
    fi
  done
  echo $((20000 + RANDOM % 40000))
}

port=""
for attempt in 1 2 3 4 5; do
  port=$(pick_port)
  : >"$cluster/pg_ctl.log"
  if as_pg "$bindir/pg_ctl" -D "$data" -l "$log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $sockdir -c max_connections=100" \
      >>"$cluster/pg_ctl.log" 2>&1; then
    started=1
    break
  fi
  # Another process took the port between picking and binding: try another. Anything else is final.
  if ! grep -q "Address already in use" "$log" 2>/dev/null || [ "$attempt" -eq 5 ]; then
    # pg_ctl may have timed out with the server still coming up; make sure it is gone.
    as_pg "$bindir/pg_ctl" -D "$data" -m immediate -t 60 stop >/dev/null 2>&1 || true
    echo "postgres tests skipped: the server did not start (log $log):" >&2
    { tail -n 10 "$log" 2>/dev/null || cat "$cluster/pg_ctl.log"; } | sed 's/^/    /' >&2
    exit 77
  fi
done

export TURNAROUND_TEST_PG_URL="postgresql://turnaround@127.0.0.1:$port/postgres"

# --- the command -------------------------------------------------------------------------------------
rc=0
"$@" || rc=$?
exit "$rc"
