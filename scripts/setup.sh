#!/usr/bin/env bash
# Set up this checkout on a fresh Debian 12 machine, as root or as a user with sudo: the Debian
# packages the tests drive, a virtual environment in .venv, the CPU build of torch, then pressmt
# with its test and Ray extras (editable). Run it again to bring an existing .venv up to date.
#
# PRESSMT_TORCH_INDEX  where torch comes from. Default: PyTorch's CPU wheel index (PyPI's torch is
#                      the multi-GB CUDA build). When that index cannot be reached (a machine that
#                      sees only a package mirror), pip's configured indexes are used instead, with
#                      a warning; set it empty to use them without trying the CPU index.
# PYTHON               the interpreter the venv is made from (default python3).
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=$( [ "$(id -u)" -eq 0 ] || echo sudo )
# Debian: python3-venv for the venv; chromium (review page), LibreOffice and poppler (Word outputs
# converted to PDF and rendered) are driven by the tests.
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    python3 python3-venv chromium libreoffice-writer-nogui poppler-utils >/dev/null

[ -x .venv/bin/python ] || "${PYTHON:-python3}" -m venv .venv
py=.venv/bin/python

torch_index=${PRESSMT_TORCH_INDEX-https://download.pytorch.org/whl/cpu}
if [ -n "$torch_index" ] && ! "$py" - "$torch_index" <<'PY'
import sys
import urllib.request

url = sys.argv[1]
if url.startswith(("http://", "https://")):  # a local (file:) index is taken as given
    try:
        urllib.request.urlopen(url.rstrip("/") + "/torch/", timeout=10)
    except (OSError, ValueError):
        sys.exit(1)
PY
then
    echo "setup: $torch_index cannot be reached; torch comes from pip's configured indexes" \
         "(PyPI's own torch is the multi-GB CUDA build)" >&2
    torch_index=
fi
"$py" -m pip install -q torch==2.13.0 ${torch_index:+--index-url "$torch_index"}
"$py" -m pip install -q -e ".[test,ray]"
echo "setup: done; run the tests with: .venv/bin/python -m pytest -q" >&2
