#!/bin/bash
# Runs inside the demo VM (see contrib/demo).
export LD_LIBRARY_PATH=$BUILDDIR/lib/.libs
ndtool() { "$BUILDDIR/ndtool/.libs/ndtool" "$@"; }
show() {
	echo
	echo "\$ $*"
	"$@"
}
modprobe -a nfit nd_pmem nd_btt dax_pmem device_dax kmem
udevadm settle -t 30
echo "=== ndtool demo: $(uname -r), two QEMU NVDIMMs"
show ndtool --version
show ndtool --list-cmds
show ndtool list -B
show ndtool list -Bu
echo
echo "# upstream ndctl $(ndctl --version) on the same kernel, for comparison:"
show ndctl list -B
show ndtool lsit -B
echo
echo "=== end of demo"
