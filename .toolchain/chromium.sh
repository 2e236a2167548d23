#!/usr/bin/env bash
# End-to-end tests drive Debian's chromium: browser downloads do not work here.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then exit 0; fi
echo "chromium: installing Debian's chromium package"
if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo=sudo; else
  echo "chromium: $chromium is missing and this user cannot install it; install the 'chromium' package or set CHROMIUM_PATH" >&2
  exit 1
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
"$chromium" --version
