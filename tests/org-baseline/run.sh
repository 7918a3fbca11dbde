#!/usr/bin/env bash
# Runs the Python baseline importer in its own venv (pinned public
# libraries, installed once, again only when requirements.txt changes).
#
# Usage: tests/org-baseline/run.sh FILES_DIR CUSTOMERS_CSV DB_PATH ORG_ID
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$HOME/.cache/regie/org-baseline-venv"
if [ ! -x "$venv/bin/python" ] || ! cmp -s "$here/requirements.txt" "$venv/requirements.txt"; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
  cp "$here/requirements.txt" "$venv/requirements.txt"
fi
exec "$venv/bin/python" "$here/import_baseline.py" "$@"
