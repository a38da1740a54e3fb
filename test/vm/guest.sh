#!/bin/bash
# Runs INSIDE the guest as root (see run-guest.sh): prepares the topology, then runs
# the bats files with TAP output into $VMOUT/results.tap.
# Environment (from run-tier): TOPOLOGY=A|B|E BUILDDIR SRCDIR BATS_FILES NFIT_MODTREE
#   SELFTEST=fail|hang (harness self-tests only), RUN_SCRIPT (run this instead of bats)
set -u
cd /tmp
export SRCDIR BUILDDIR TOPOLOGY
# The freshly built binary and library, without libtool's wrapper script (one bash less
# per call: process start-up is slow under TCG).
export NDTOOL=$BUILDDIR/ndtool/.libs/ndtool
export LD_LIBRARY_PATH=$BUILDDIR/lib/.libs
echo "guest: $(uname -r), topology $TOPOLOGY, ndctl $(ndctl --version 2>&1)"

setup_a() {
	modprobe -a nfit nd_pmem nd_btt dax_pmem device_dax kmem || return 1
	udevadm settle -t 30 2>/dev/null
	[ -e /sys/bus/nd/devices/ndbus0 ] || { echo "guest: no ndbus0 after loading nfit"; return 1; }
}

setup_b() {
	[ -f "$NFIT_MODTREE/modules.dep" ] || { echo "guest: no nfit_test modules at $NFIT_MODTREE"; return 1; }
	mount --bind "$NFIT_MODTREE" "/lib/modules/$(uname -r)" || return 1
	modprobe nfit_test || return 1
	modprobe -a kmem 2>/dev/null
	udevadm settle -t 30 2>/dev/null
	# the test modules must be the ones loaded, not the stock libnvdimm
	grep -q O /sys/module/nfit_test/taint 2>/dev/null || { echo "guest: nfit_test not loaded"; return 1; }
	case $(modinfo -F filename libnvdimm) in
	*/updates/*) ;;
	*) echo "guest: libnvdimm resolves to the stock module, not the test one"; return 1 ;;
	esac
}

setup_e() {
	modprobe -a nd_e820 nd_pmem nd_btt dax_pmem device_dax kmem dax_hmem || return 1
	udevadm settle -t 30 2>/dev/null
	[ "$(cat /sys/bus/nd/devices/ndbus0/provider 2>/dev/null)" = e820 ] ||
		{ echo "guest: no e820 bus after loading nd_e820"; return 1; }
	ls -d /sys/bus/dax/devices/dax* >/dev/null 2>&1 ||
		{ echo "guest: no dax_hmem device for the soft-reserved range"; return 1; }
}

case $TOPOLOGY in
A) setup_a ;;
E) setup_e ;;
B) setup_b ;;
*) echo "guest: unknown topology '$TOPOLOGY'"; false ;;
esac || { echo "guest: topology $TOPOLOGY setup failed"; exit 3; }

[ "${SELFTEST:-}" = hang ] && { echo "guest: self-test: hanging on purpose"; sleep 100000; }

# A script instead of the bats files (benchmarks): its output and exit code are the run's.
if [ -n "${RUN_SCRIPT:-}" ]; then
	bash "$RUN_SCRIPT" 2>&1 | tee "$VMOUT/script.out"
	exit "${PIPESTATUS[0]}"
fi

# a test that hangs fails on its own after 600 s (the slowest take about 150 s on an idle
# 2-core host, twice that on a busy one); the rest of the tier still runs
export BATS_TEST_TIMEOUT=600
# shellcheck disable=SC2086
bats --tap --timing $BATS_FILES >"$VMOUT/results.tap" 2>"$VMOUT/bats.stderr"
rc=$?
cat "$VMOUT/results.tap"
[ -s "$VMOUT/bats.stderr" ] && cat "$VMOUT/bats.stderr"
exit $rc
