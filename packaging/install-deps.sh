#!/usr/bin/env bash
# Installs the Debian 12 packages Sightline builds, runs and tests with (see the README's
# dependency table). Uses sudo only when not root; does nothing when all are present.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  qt6-base-dev qt6-base-dev-tools libqt6charts6-dev libqt6svg6-dev qt6-qpa-plugins libgl-dev
  libsqlite3-dev sqlite3
  nlohmann-json3-dev
  libgraphviz-dev graphviz
  fonts-dejavu-core
  poppler-utils xvfb xauth
  desktop-file-utils appstream
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
$sudo apt-get update
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
