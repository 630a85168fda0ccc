#!/usr/bin/env bash
# Set everything up (virtualenv, pinned packages, index), then serve the chat UI and the API.
# Extra arguments go to `assistant serve`, e.g. scripts/start.sh --port 8080
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/assistant serve "$@"
