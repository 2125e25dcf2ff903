#!/usr/bin/env bash
# Set up (if needed) and start the counter program on the embedded defaults:
# SQLite in the user data folder, the bundled forms, no card reader needed to look around.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/tome-window "$@"
