#!/usr/bin/env bats
# topology: A
# A system without any NVDIMM bus: the ACPI NFIT driver unloaded (libnvdimm stays, with
# an empty /sys/bus/nd), then libnvdimm unloaded as well (no /sys/bus/nd). Every command
# that selects objects says that there is no bus and what to check; list prints nothing,
# like ndctl. The file reloads the modules as the guest set them up; the kernel enables
# the regions again as it probes them.

load helpers

MODULES="nfit nd_pmem nd_btt dax_pmem device_dax kmem"

# wait_for CMD...: until CMD succeeds (20 s at most)
wait_for() {
	local i
	for ((i = 0; i < 200; i++)); do
		"$@" && return 0
		sleep 0.1
	done
	echo "timed out waiting for: $*"
	return 1
}

no_bus_left() { [ -z "$(sysfs_bus_ids)" ]; }
regions_back() { [ -e /sys/bus/nd/devices/region0 ] && [ -e /sys/bus/nd/devices/region1 ]; }

setup_file() {
	ndctl disable-region all >/dev/null
	modprobe -r nfit
	wait_for no_bus_left
}

teardown_file() {
	# shellcheck disable=SC2086
	modprobe -a $MODULES
	wait_for regions_back
	udevadm settle -t 30 || true
}

# no_bus CMD...: each command line (a string, split on spaces) fails with exit 1 and the
# no-bus message, prints nothing on stdout, and names no object that "matches" nothing.
no_bus() {
	local cmd
	for cmd in "$@"; do
		# shellcheck disable=SC2086
		run --separate-stderr ndtool $cmd
		[ "$status" -eq 1 ] || { echo "$cmd: exit $status"; return 1; }
		[[ $stderr == *"${cmd%% *}: this system has no NVDIMM bus: libnvdimm is not loaded, or it found no persistent memory. Load the ACPI NVDIMM driver ('modprobe nfit')"* ]] ||
			{ echo "$cmd: $stderr"; return 1; }
		[[ $stderr == *"NFIT table"*"memmap=<size>!<offset>"* ]]
		[[ $stderr != *"matches"* && $stderr != *"(null)"* ]]
		[ -z "$output" ]
	done
}

# list prints nothing and exits 0, like ndctl
list_prints_nothing() {
	assert_same_list
	assert_same_list -BDRN
	run --separate-stderr ndtool list -D
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

@test "no NVDIMM bus (libnvdimm loaded): every selecting command says so, list prints nothing" {
	t=$BATS_TEST_TMPDIR
	[ -d /sys/bus/nd ]
	no_bus_left
	no_bus "create-namespace" "create-namespace -r region0 -s 32M" \
		"create-namespace -e namespace0.0 -m devdax" "destroy-namespace -f namespace0.0" \
		"destroy-namespace all" "enable-namespace namespace0.0" "disable-namespace all" \
		"enable-region region0" "enable-region all" "disable-region all" \
		"enable-dimm nmem0" "disable-dimm all" "read-labels -o $t/out nmem0" \
		"read-labels -j all" "write-labels -i /dev/null nmem0" "zero-labels all" \
		"init-labels all" "init-labels nmem0 nmem1" "check-labels all" \
		"inject-smart nmem0 -m 40" "inject-smart nmem0 -N -M 40"
	# nothing was created
	[ ! -e "$t/out" ]
	# usage errors stay usage errors
	run --separate-stderr ndtool enable-region
	[ "$status" -eq 2 ]
	run --separate-stderr ndtool write-labels nmem0 nmem1
	[ "$status" -eq 2 ]
	run --separate-stderr ndtool create-namespace --mode bogus
	[ "$status" -eq 2 ]
	list_prints_nothing
}

@test "no NVDIMM bus (libnvdimm not loaded): the same" {
	# removing the last users of libnvdimm may remove it too
	modprobe -r -a dax_pmem nd_pmem nd_btt
	[ ! -e /sys/module/libnvdimm ] || modprobe -r libnvdimm
	[ ! -e /sys/bus/nd ]
	no_bus "create-namespace" "destroy-namespace all" "enable-region all" \
		"disable-dimm nmem0" "zero-labels all" "read-labels -j nmem0" "inject-smart nmem0 -f"
	list_prints_nothing
}
