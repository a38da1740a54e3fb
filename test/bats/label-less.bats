#!/usr/bin/env bats
# topology: A
# Label-less regions (QEMU NVDIMMs as booted, before any label is written): one io
# namespace spans each region. The kernel decides that a DIMM has labels when the DIMM
# first appears, so when an earlier file initialized them, the label areas are zeroed
# and the ACPI NFIT driver reloaded: the DIMMs appear again, label-less. The tests
# themselves change nothing.

load helpers

setup_file() {
	local i
	[ "$(cat /sys/bus/nd/devices/region0/nstype)" = 4 ] && return
	ndctl disable-region all >/dev/null
	ndctl zero-labels all >/dev/null 2>&1
	modprobe -r nfit
	modprobe nfit
	for ((i = 0; i < 100; i++)); do
		[ -e /sys/bus/nd/devices/region0/nstype ] && break
		sleep 0.1
	done
	udevadm settle -t 10 || true
}

@test "create-namespace on a label-less region explains how to get labels (pmem/ndctl#150)" {
	[ "$(cat /sys/bus/nd/devices/region0/nstype)" = 4 ]
	for args in "-r region0 -s 64M" "-r region0 -m devdax"; do
		# shellcheck disable=SC2086
		unchanged ndtool create-namespace $args
		[ "$status" -eq 1 ]
		[[ $stderr == *"region0 has no labels: its one namespace spans the whole region and cannot be divided"* ]]
		[[ $stderr == *"ndtool disable-region region0; ndtool init-labels -f nmem1; ndtool enable-region region0"* ]]
	done
}

@test "a label-less namespace cannot be destroyed; 'all' passes over it" {
	[ "$(cat /sys/bus/nd/devices/region0/nstype)" = 4 ]
	unchanged ndtool destroy-namespace -f namespace0.0
	[ "$status" -eq 1 ]
	[[ $stderr == *"namespace0.0 spans label-less region region0: it cannot be destroyed"* ]]
	unchanged ndtool destroy-namespace -f all
	[ "$status" -eq 0 ]
	[[ $stderr == *"destroyed 0 namespaces"* ]]
}
