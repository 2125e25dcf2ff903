#!/usr/bin/env bash
# Run the whole test suite on a fresh or set-up machine: set up, start the PC/SC daemon for
# the virtual-card tests, check layering, lint and types, then pytest (Qt offscreen).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/pcscd.sh
bash scripts/cups.sh
export QT_QPA_PLATFORM=offscreen
.venv/bin/lint-imports
.venv/bin/ruff check tome_window tests bench
.venv/bin/mypy tome_window
exec .venv/bin/python -m pytest -q "$@"
