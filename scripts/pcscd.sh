#!/usr/bin/env bash
# Make sure the PC/SC daemon runs with the vsmartcard-vpcd driver loaded, so that the virtual
# My Number Card (tome-window card simulate, tests/card) can plug into "Virtual PCD 00 00".
# Idempotent. There is no systemd on the build machines, so pcscd is started directly.
# Without pcscd or vpcd installed it only prints a note and exits 0: the card tests then skip.
set -uo pipefail

VPCD_PORT=${TOME_VPCD_PORT:-35963}
PCSCD=$(command -v pcscd || echo /usr/sbin/pcscd)
VPCD_CONF=/etc/reader.conf.d/vpcd

note() { echo "pcscd.sh: $*" >&2; }

if [ ! -x "$PCSCD" ]; then
  note "pcscd is not installed (apt-get install pcscd); card tests will be skipped."
  exit 0
fi
if [ ! -e "$VPCD_CONF" ] && ! ls /usr/lib/pcsc/drivers/serial/libifdvpcd.so >/dev/null 2>&1; then
  note "vsmartcard-vpcd is not installed (apt-get install vsmartcard-vpcd); card tests will be skipped."
  exit 0
fi

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo -n "$@"
  else return 1
  fi
}

pcscd_pid() {  # a live pcscd (a zombie left by a dead parent does not count)
  local pid
  for pid in $(pgrep -x pcscd); do
    case "$(ps -o stat= -p "$pid" 2>/dev/null)" in Z*|"") ;; *) echo "$pid"; return ;; esac
  done
}
vpcd_listening() {
  if command -v ss >/dev/null 2>&1; then
    ss -ltn 2>/dev/null | grep -q "[:.]${VPCD_PORT}\b"
  else
    (exec 3<>"/dev/tcp/127.0.0.1/${VPCD_PORT}") 2>/dev/null && return 0 || return 1
  fi
}
wait_for_vpcd() {
  for _ in $(seq 1 50); do
    vpcd_listening && return 0
    sleep 0.1
  done
  return 1
}

if [ -n "$(pcscd_pid)" ]; then
  if wait_for_vpcd; then
    echo "pcscd is running with vpcd on port ${VPCD_PORT}"
    exit 0
  fi
  # Running, but started before vpcd was installed (or with another config): restart it once.
  note "pcscd runs without the vpcd driver; restarting it"
  pid=$(pcscd_pid)
  [ -n "$pid" ] && as_root kill "$pid" || { note "cannot restart pcscd (not root, no sudo); card tests will be skipped."; exit 0; }
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
fi

# A stale socket or pid file from a killed daemon keeps a new one from starting.
if [ -z "$(pcscd_pid)" ]; then
  as_root rm -f /run/pcscd/pcscd.comm /run/pcscd/pcscd.pid 2>/dev/null || true
  as_root mkdir -p /run/pcscd 2>/dev/null || true
  if ! as_root "$PCSCD"; then
    note "could not start pcscd (not root, no sudo); card tests will be skipped."
    exit 0
  fi
fi

if wait_for_vpcd; then
  echo "pcscd started with vpcd on port ${VPCD_PORT}"
else
  note "pcscd is running but vpcd does not listen on ${VPCD_PORT}; card tests will be skipped."
fi
exit 0
