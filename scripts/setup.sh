#!/usr/bin/env bash
# Set up a fresh Debian machine for Tome Window: system packages (fonts, PC/SC, PDF tools,
# speech, Qt's runtime libraries), then a virtual environment in .venv with the program installed.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  python3-venv python3-dev build-essential
  fonts-morisawa-bizud-gothic fonts-morisawa-bizud-mincho fonts-ipaexfont-gothic fonts-ipaexfont-mincho
  pcscd libpcsclite-dev swig vsmartcard-vpcd pcsc-tools
  poppler-utils
  cups cups-client cups-bsd printer-driver-cups-pdf
  fonts-noto-core fonts-noto-cjk fonts-nanum fonts-wqy-microhei
  postgresql  # initdb/pg_ctl for the throwaway server of tests/storage (shared-database mode)
  dbus-daemon gnome-keyring  # the OS key store (Secret Service) holding the data key; tests start a private one
  open-jtalk open-jtalk-mecab-naist-jdic espeak-ng alsa-utils  # read aloud (voice: tome_window/services/voices)
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libxcb-cursor0
  libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0
  libxcb-image0
)

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[dev,postgres]"
  rm -f .venv/.installed-*
  touch "$stamp"
fi
# Interface catalogs: the committed .ts files compile to .qm (build outputs), only when newer.
mkdir -p translations/qm
for ts in translations/*.ts; do
  [ -e "$ts" ] || continue
  qm="translations/qm/$(basename "${ts%.ts}").qm"
  if [ ! -f "$qm" ] || [ "$ts" -nt "$qm" ]; then
    .venv/bin/pyside6-lrelease -silent "$ts" -qm "$qm"
  fi
done
echo "Tome Window is set up in $(pwd)/.venv"
