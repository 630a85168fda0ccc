#!/usr/bin/env bash
# Regenerate constraints.txt: resolve pyproject.toml's dependencies (all extras) in a throwaway
# virtualenv and pin what was installed.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3.11 -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install -q --upgrade "pip==26.3"
CMAKE_ARGS="-DGGML_NATIVE=OFF" "$tmp/venv/bin/python" -m pip install -q -e ".[dev,local-llm]"
{
  echo "# Exact versions of every Python package, so that a fresh install resolves at once."
  echo "# Regenerate after changing dependencies: scripts/lock.sh"
  "$tmp/venv/bin/python" -m pip freeze --exclude-editable | sed 's/^torch==\(.*\)+cpu$/torch==\1/'
} > constraints.txt
echo "constraints.txt: $(grep -vc '^#' constraints.txt) packages pinned"
