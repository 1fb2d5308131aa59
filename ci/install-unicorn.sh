#!/usr/bin/env bash
# Installs Unicorn 2.1.4 (the shared library libunicorn.so.2 that the difftest module loads
# through java.lang.foreign) from the PyPI wheel "unicorn==2.1.4" into <repo>/.deps/unicorn.
#
# Why the wheel: Debian's libunicorn2 is 2.0.1, whose x86 walker maps virtual to physical 1:1
# under paging, which makes it useless for this project. The wheel ships a self-contained
# libunicorn.so.2 at unicorn/lib/libunicorn.so.2.
#
# Idempotent: does nothing when the library is already there.
# Usage: ci/install-unicorn.sh            (repo root is the parent of this script's folder)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="$repo/.deps/unicorn"
lib="$target/unicorn/lib/libunicorn.so.2"
version="2.1.4"

if [[ -f "$lib" ]]; then
  echo "unicorn $version: already installed at $lib"
  exit 0
fi

if ! command -v python3 >/dev/null 2>&1; then
  echo "install-unicorn: python3 is not on PATH; it is needed to install the unicorn==$version wheel." >&2
  echo "  Install python3 and pip (Debian: apt-get install python3 python3-pip), or point" >&2
  echo "  PTORACLE_UNICORN_LIB at an existing libunicorn.so.2 of version 2.1.x." >&2
  exit 1
fi
if ! python3 -m pip --version >/dev/null 2>&1; then
  echo "install-unicorn: 'python3 -m pip' does not work; pip is needed to install the unicorn==$version wheel." >&2
  echo "  Install pip (Debian: apt-get install python3-pip), or point PTORACLE_UNICORN_LIB at an" >&2
  echo "  existing libunicorn.so.2 of version 2.1.x." >&2
  exit 1
fi

mkdir -p "$target"
echo "unicorn $version: installing the wheel into $target"
# --upgrade lets pip overwrite a half-finished earlier install in the same target folder.
python3 -m pip install --quiet --disable-pip-version-check --no-warn-script-location \
  --upgrade --target "$target" "unicorn==$version"

if [[ ! -f "$lib" ]]; then
  echo "install-unicorn: pip finished but $lib is missing; the wheel layout is not the expected one." >&2
  exit 1
fi
echo "unicorn $version: installed $lib"
