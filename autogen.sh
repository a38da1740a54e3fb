#!/bin/sh
# Regenerate the build system from a clean clone.
set -e
cd "$(dirname "$0")"
mkdir -p m4 build-aux
autoreconf --install --force
tapd=$(ls -d /usr/share/automake-*/tap-driver.sh 2>/dev/null | tail -n 1)
[ -n "$tapd" ] || { echo "autogen.sh: automake's tap-driver.sh not found" >&2; exit 1; }
cp -f "$tapd" build-aux/tap-driver.sh
echo "Now run ./configure (see README.md)"
