#!/bin/bash
# Runs inside the demo VM (see contrib/demo).
export LD_LIBRARY_PATH=$BUILDDIR/lib/.libs
ndtool() { "$BUILDDIR/ndtool/.libs/ndtool" "$@"; }
show() {
	echo
	echo "\$ $*"
	"$@"
}
note() { echo; echo "# $*"; }
modprobe -a nfit nd_pmem nd_btt dax_pmem device_dax kmem
udevadm settle -t 30
echo "=== ndtool demo: $(uname -r), two QEMU NVDIMMs of 1 GiB"
show ndtool --version
show ndtool --list-cmds
show ndtool list -B
note "fresh NVDIMMs without labels: one raw namespace spans each region"
show ndtool list -RNu -r region0
note "namespaces made with upstream ndctl $(ndctl --version) (ndtool's own create-namespace comes next)"
{
	ndctl disable-region all && ndctl init-labels -f all && ndctl enable-region all &&
		ndctl create-namespace -r region0 -m fsdax -s 256M -n demo-fs &&
		ndctl create-namespace -r region0 -m sector -s 64M -l 4096 &&
		ndctl create-namespace -r region1 -m devdax -s 128M
} >/dev/null 2>&1 || echo "(namespace setup failed)"
show ndtool list -RNu -r region0
show ndtool list -NXu -m devdax
show ndtool list -Du
note "the same listing from ndtool and ndctl, compared as JSON:"
ndtool list -BDRNXu -vvv >/tmp/ndtool.json
ndctl list -BDRNXu -vvv >/tmp/ndctl.json
"$SRCDIR/test/bats/json-compare" /tmp/ndctl.json /tmp/ndtool.json &&
	echo "identical ($(wc -c </tmp/ndtool.json) bytes; ndtool lists objects in ascending order)"
note "a mistyped command gets a suggestion and exit code 2:"
show ndtool lsit -B
echo "exit code $?"
echo
echo "=== end of demo"
