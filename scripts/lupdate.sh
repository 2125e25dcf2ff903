#!/usr/bin/env bash
# Refresh the interface catalogs from the code (new strings in, removed ones out), keeping
# every existing translation: run after changing a tr() string in tome_window/views.
set -euo pipefail
cd "$(dirname "$0")/.."
for ts in translations/tome_window_*.ts; do
  .venv/bin/pyside6-lupdate -extensions py -source-language ja_JP -no-obsolete -locations none \
    tome_window/views -ts "$ts" >/dev/null
done
