#!/usr/bin/env bash
# Runs a command against a real learning record store: Learning Locker's statement service (npm
# package xapi-statements, pinned below), started by start_lrs.js on 127.0.0.1 with statements in
# memory and a fault gate in front of it.
#
#   with_lrs.sh WORKDIR NODE_PREFIX CMD [ARGS...]
#
# Installs the package into NODE_PREFIX on first use, starts the LRS, exports
#   TURNAROUND_TEST_LRS_URL   http://127.0.0.1:PORT/xAPI/  (the LRS)
#   TURNAROUND_TEST_LRS_GATE  http://127.0.0.1:PORT        (the gate: same LRS, /__fail?n=N makes it busy)
# runs CMD, stops the LRS on any exit and exits with CMD's exit code.
#
# Why this LRS: it is the statement service of Learning Locker, a widely deployed open-source LRS,
# it installs from the npm registry this machine reaches, and it runs with no database (memory
# repository), so a test can start a fresh one in a second. Its conformance checks (statement
# validation, 409 for a conflicting id, 200 for a repeated identical statement) are the ones ours
# must satisfy.
#
# Without node or npm, or when the package cannot be installed (registry out of reach), it says why
# and exits 77, which CTest counts as skipped.
set -euo pipefail

skip() {
  echo "LRS tests skipped: $*" >&2
  exit 77
}

if [ $# -lt 3 ]; then
  echo "usage: $0 WORKDIR NODE_PREFIX CMD [ARGS...]" >&2
  exit 2
fi
work=$1
prefix=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
package=xapi-statements@5.0.1

command -v node >/dev/null 2>&1 || skip "node is not installed (Debian package nodejs; tools/setup.sh installs it)"
command -v npm >/dev/null 2>&1 || skip "npm is not installed (Debian package npm; tools/setup.sh installs it)"
if [ ! -f "$prefix/node_modules/xapi-statements/package.json" ]; then
  mkdir -p "$prefix"
  if ! npm install --no-audit --no-fund --loglevel=error --prefix "$prefix" "$package" >"$prefix/npm-install.log" 2>&1; then
    tail -20 "$prefix/npm-install.log" >&2
    skip "npm install $package failed (is the npm registry reachable?)"
  fi
fi

rm -rf "$work"
mkdir -p "$work"
ready="$work/ready"
node "$here/start_lrs.js" "$prefix" "$work" "$ready" >"$work/lrs.log" 2>&1 &
lrs_pid=$!
trap 'kill "$lrs_pid" 2>/dev/null || true; wait "$lrs_pid" 2>/dev/null || true' EXIT

for _ in $(seq 1 300); do
  [ -f "$ready" ] && break
  if ! kill -0 "$lrs_pid" 2>/dev/null; then
    cat "$work/lrs.log" >&2
    skip "the LRS exited before it was ready"
  fi
  sleep 0.1
done
[ -f "$ready" ] || { cat "$work/lrs.log" >&2; skip "the LRS did not start within 30 s"; }
read -r lrs_port gate_port <"$ready"
export TURNAROUND_TEST_LRS_URL="http://127.0.0.1:$lrs_port/xAPI/"
export TURNAROUND_TEST_LRS_GATE="http://127.0.0.1:$gate_port"
echo "LRS (xapi-statements) on 127.0.0.1:$lrs_port, gate on 127.0.0.1:$gate_port" >&2

set +e
"$@"
rc=$?
set -e
if [ $rc -ne 0 ]; then
  echo "--- LRS log ---" >&2
  tail -40 "$work/lrs.log" >&2
fi
exit $rc
