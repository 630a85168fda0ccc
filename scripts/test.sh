#!/usr/bin/env bash
# Set everything up for the tests (system packages: chromium, postgresql, cmake; all Python extras),
# then run every test and the eval gate. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
export GRADIO_ANALYTICS_ENABLED=False HF_HUB_OFFLINE=1
exec .venv/bin/python -m pytest tests evals "$@"
