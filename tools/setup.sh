#!/usr/bin/env bash
# Installs the Debian packages Turnaround needs, if any are missing.
# Needs root for apt-get: runs it directly as root, through sudo otherwise, and says so.
set -euo pipefail

PACKAGES=(
  cmake make g++ pkg-config
  libyaml-cpp-dev doctest-dev libsqlite3-dev
  libimgui-dev libglfw3-dev libstb-dev libgl-dev
  fonts-dejavu-core
  xvfb xauth libgl1-mesa-dri
  graphviz
  libcpp-httplib-dev libqrencode-dev nlohmann-json3-dev
  chromium
  # libpq is the PostgreSQL client the shared results store uses; postgresql provides initdb/pg_ctl for the
  # tests' throwaway cluster (tests/pg/with_cluster.sh). Installing it also starts Debian's system cluster
  # service; that is fine, the tests run their own cluster on another port.
  postgresql libpq-dev
  # libcurl sends xAPI statements to a learning record store (sim/store/lrs_client.cpp).
  libcurl4-openssl-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# Node.js and npm only serve the xAPI validation and room browser tests; any install of them will do.
# chromium (above) is the browser the room browser test drives headless; puppeteer-core comes from npm.
if ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "setup: installing missing Debian packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  echo "setup: apt-get needs root; using sudo (you may be asked for your password)."
  SUDO="sudo"
else
  echo "setup: these packages are missing and installing them needs root:" >&2
  echo "    apt-get install ${missing[*]}" >&2
  echo "setup: run that as root, then run make again." >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
