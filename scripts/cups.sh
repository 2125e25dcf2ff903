#!/usr/bin/env bash
# Make sure the CUPS scheduler runs and the virtual printer TomeWindowPDF (cups-pdf) exists,
# is enabled and accepts jobs, so that the print tests and staff training print through the
# real spooler without paper. Idempotent. There is no systemd on the build machines, so
# cupsd is started directly. Without CUPS or cups-pdf it only prints a note and exits 0: the
# print tests then skip with the reason.
set -uo pipefail

QUEUE=${TOME_CUPS_QUEUE:-TomeWindowPDF}
OUT_DIR=${TOME_CUPS_PDF_OUT:-/var/spool/cups-pdf/tome}
CUPSD=$(command -v cupsd || echo /usr/sbin/cupsd)
LPADMIN=$(command -v lpadmin || echo /usr/sbin/lpadmin)
CONF=/etc/cups/cups-pdf.conf

note() { echo "cups.sh: $*" >&2; }

if [ ! -x "$CUPSD" ] || ! command -v lp >/dev/null 2>&1; then
  note "CUPS is not installed (apt-get install cups cups-client cups-bsd); print tests will be skipped."
  exit 0
fi
if [ ! -x /usr/lib/cups/backend/cups-pdf ]; then
  note "cups-pdf is not installed (apt-get install printer-driver-cups-pdf); print tests will be skipped."
  exit 0
fi

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo -n "$@"
  else return 1
  fi
}

scheduler_up() { LC_ALL=C lpstat -r 2>/dev/null | grep -q "scheduler is running"; }

# cups-pdf writes every job into one known folder, named "TITLE-job_N.pdf", with the title
# given to lp (not the document's own), so a test can find exactly the file it printed.
set_conf() {  # key value: replace an active or commented line, else append
  local key=$1 value=$2
  if grep -qE "^${key}[[:space:]]+${value//\//\\/}\$" "$CONF" 2>/dev/null; then return 0; fi
  if grep -qE "^#?${key}[[:space:]]" "$CONF"; then
    as_root sed -i -E "0,/^#?${key}[[:space:]].*/s||${key} ${value//|/\\|}|" "$CONF"
  else
    echo "${key} ${value}" | as_root tee -a "$CONF" >/dev/null
  fi
}
if [ -f "$CONF" ]; then
  set_conf Out "$OUT_DIR" && set_conf AnonDirName "$OUT_DIR" && set_conf Label 2 \
    && set_conf TitlePref 1 && set_conf UserUMask 0022 \
    || note "cannot edit $CONF (not root, no sudo); output goes where it says."
fi
as_root mkdir -p "$OUT_DIR" 2>/dev/null && as_root chmod 1777 "$OUT_DIR" 2>/dev/null || true

if ! scheduler_up; then
  as_root mkdir -p /run/cups 2>/dev/null || true
  as_root rm -f /run/cups/cupsd.pid 2>/dev/null || true
  if ! as_root "$CUPSD"; then
    note "could not start cupsd (not root, no sudo); print tests will be skipped."
    exit 0
  fi
  for _ in $(seq 1 50); do scheduler_up && break; sleep 0.1; done
  if ! scheduler_up; then
    note "cupsd was started but does not answer; print tests will be skipped."
    exit 0
  fi
fi

if ! LC_ALL=C lpstat -p "$QUEUE" >/dev/null 2>&1; then
  PPD=$(lpinfo -m 2>/dev/null | awk '/CUPS-PDF_opt\.ppd/ {print $1; exit}')
  [ -n "$PPD" ] || PPD=$(lpinfo -m 2>/dev/null | awk 'tolower($0) ~ /cups-pdf/ {print $1; exit}')
  if [ -z "$PPD" ]; then
    note "no cups-pdf driver found by lpinfo -m; print tests will be skipped."
    exit 0
  fi
  if ! as_root "$LPADMIN" -p "$QUEUE" -v cups-pdf:/ -m "$PPD" -D "Tome Window virtual PDF printer" \
      -L "tests and training" -o printer-error-policy=abort-job; then
    note "could not create queue $QUEUE (not root, no sudo); print tests will be skipped."
    exit 0
  fi
fi
as_root cupsenable "$QUEUE" 2>/dev/null || true
as_root cupsaccept "$QUEUE" 2>/dev/null || true
echo "cupsd is running; queue ${QUEUE} writes PDFs to ${OUT_DIR}"
exit 0
