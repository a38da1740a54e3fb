#!/usr/bin/env bats
# topology: A
# Label-less regions (QEMU NVDIMMs as booted, before any label is written): one io
# namespace spans each region and changes mode in place (create-namespace -e). The kernel
# decides that a DIMM has labels when the DIMM first appears, so when an earlier file
# initialized them, the label areas are zeroed and the ACPI NFIT driver reloaded: the
# DIMMs appear again, label-less. The tests leave the namespaces raw and enabled.

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
		[[ $stderr == *"reconfigure namespace0.0 in place: ndtool create-namespace -f -e namespace0.0 -m devdax"* ]]
		[[ $stderr == *"ndtool disable-region region0; ndtool init-labels -f nmem1; ndtool enable-region region0"* ]]
	done
}

# same_steps start from namespace0.0 raw and enabled, as booted
reset_and_setup() { reset_labelless namespace0.0 && reset_labelless namespace1.0; }

@test "create-namespace -e and destroy-namespace change a label-less namespace in place as ndctl does" {
	[ "$(cat /sys/bus/nd/devices/region0/nstype)" = 4 ]
	NS=namespace0.0
	# ndctl initializes labels on DIMMs that can hold them unless told not to (-L is on by
	# default); ndtool never does, see ndtool-create-namespace(1)
	same_steps "create-namespace -f -e NS -m devdax --no-autolabel" \
		"create-namespace -f -e NS -m fsdax --no-autolabel" \
		"destroy-namespace -f NS" \
		"create-namespace -e NS -m fsdax -M mem --no-autolabel" \
		"destroy-namespace -f all"
	reset_labelless namespace0.0
	reset_labelless namespace1.0
}
