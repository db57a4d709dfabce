#!/usr/bin/env bash
# Measures the window's CPU use under Xvfb: idle in the library, and while playing (a scenario
# open with its customer's lines being revealed and a response timer counting down).
#   tests/gui/measure_cpu.sh [BUILD_DIR] [SECONDS]
# Prints CPU seconds used over SECONDS (after a 3 s warm-up) as a percentage of one core.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${1:-$root/build}"
secs="${2:-10}"
gui="$build/sim/turnaround"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"

measure() {  # label, then the window's arguments
  local label="$1"; shift
  "$gui" "$@" >"$tmp/log" 2>&1 &
  local pid=$!
  sleep 3
  local tck a b
  tck=$(getconf CLK_TCK)
  a=$(awk '{print $14+$15}' "/proc/$pid/stat")
  sleep "$secs"
  b=$(awk '{print $14+$15}' "/proc/$pid/stat")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  awk -v a="$a" -v b="$b" -v t="$tck" -v s="$secs" -v l="$label" \
    'BEGIN { printf "%-40s %6.2f s CPU in %d s = %5.1f%% of one core\n", l, (b-a)/t, s, 100*(b-a)/t/s }'
}

run_all() {
  measure "idle (library)" "$root/scenarios"
  measure "playing: slow reveal, typing dots" "$root/tests/gui/fixtures" \
    --scenario "$root/tests/gui/fixtures/parcel-for-the-party.yaml" --reveal-speed 3 --no-timer
  measure "playing: response timer counting down" "$root/tests/gui/fixtures" \
    --scenario "$root/tests/gui/fixtures/parcel-for-the-party.yaml" --reveal-speed 0
  measure "playing: waiting for a choice, no timer" "$root/tests/gui/fixtures" \
    --scenario "$root/tests/gui/fixtures/parcel-for-the-party.yaml" --reveal-speed 0 --no-timer
}

if [ -n "${DISPLAY:-}" ]; then run_all
else exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$build" "$secs"
fi
