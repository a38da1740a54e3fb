#!/usr/bin/env bats
# ndtool dax migrate-device-model and split-acpi on the host: the modprobe.d snippet is
# installed as daxctl installs it, compared in a private mount namespace whose
# /etc/modprobe.d is an empty tmpfs (the host's is not touched); split-acpi refuses.

bats_require_minimum_version 1.5.0

SRCDIR=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
BUILDDIR=${BUILDDIR:-$SRCDIR/build}
NDTOOL=$BUILDDIR/ndtool/.libs/ndtool
export SRCDIR BUILDDIR NDTOOL
export LD_LIBRARY_PATH=$BUILDDIR/lib/.libs
export NDTOOL_MODPROBE_DATA=$SRCDIR/contrib/daxctl.conf

# in_private_etc SCRIPT: run SCRIPT with a fresh tmpfs on /etc/modprobe.d
in_private_etc() {
	unshare -m sh -c "mount -t tmpfs none /etc/modprobe.d && $1"
}

setup() {
	[ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null || skip "needs root and mount namespaces"
}

@test "migrate-device-model links the snippet daxctl links, and says so once installed" {
	run in_private_etc '"$NDTOOL" dax migrate-device-model; echo rc=$?;
		readlink /etc/modprobe.d/daxctl.conf; cat /etc/modprobe.d/daxctl.conf;
		"$NDTOOL" dax migrate-device-model; echo rc=$?'
	[[ "$output" == *"installed /etc/modprobe.d/daxctl.conf -> $NDTOOL_MODPROBE_DATA"* ]]
	[[ "$output" == *"rc=0"*"$NDTOOL_MODPROBE_DATA"*"blacklist dax_pmem_compat"*"alias nd:t7* dax_pmem"*"installed already"*"rc=0" ]]
	if command -v daxctl >/dev/null && [ -e /usr/share/daxctl/daxctl.conf ]; then
		# daxctl's link counts as installed; daxctl fails on a second run
		run in_private_etc 'daxctl migrate-device-model; "$NDTOOL" dax migrate-device-model;
			echo rc=$?; daxctl migrate-device-model; echo rc=$?'
		[[ "$output" == *"installed already"*"rc=0"*"File exists"*"rc=1" ]]
		# the same snippet: modprobe reads the same lines
		diff <(grep -v '^#' /usr/share/daxctl/daxctl.conf) <(grep -v '^#' "$NDTOOL_MODPROBE_DATA")
	fi
}

@test "migrate-device-model refuses another file of that name and a missing snippet" {
	run in_private_etc 'echo "options foo" >/etc/modprobe.d/daxctl.conf;
		"$NDTOOL" dax migrate-device-model; echo rc=$?; cat /etc/modprobe.d/daxctl.conf'
	[[ "$output" == *"exists and does not select the dax bus model"*"rc=1"*"options foo" ]]
	run in_private_etc 'NDTOOL_MODPROBE_DATA=/nonexistent "$NDTOOL" dax migrate-device-model;
		echo rc=$?; ls /etc/modprobe.d | wc -l'
	[[ "$output" == *"is not installed"*"rc=1"*0 ]]
	run "$NDTOOL" dax migrate-device-model extra
	[ "$status" -eq 2 ]
}

@test "split-acpi checks daxctl's command line and says it is not supported" {
	run --separate-stderr "$NDTOOL" dax split-acpi -d /tmp -p 1 -n 4
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"not supported"*"proximity domain 1 of /tmp into 4 nodes"* ]]
	run "$NDTOOL" dax split-acpi -n 1
	[ "$status" -eq 2 ]
	run "$NDTOOL" dax split-acpi --list-opts
	[ "$status" -eq 130 ] && [ "$output" = "--directory --pxm --nodes --verbose " ]
}
