#!/usr/bin/env bats
# update-firmware and activate-firmware on the host, without a kernel: usage errors (exit
# 2) and a bad image (exit 1) are refused before any bus or DIMM is looked at. What needs
# DIMMs is in test/bats/firmware.bats, in the VM.

bats_require_minimum_version 1.5.0

SRCDIR=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
BUILDDIR=${BUILDDIR:-$SRCDIR/build}
NDTOOL=$BUILDDIR/ndtool/.libs/ndtool
export LD_LIBRARY_PATH=$BUILDDIR/lib/.libs
ndtool() { "$NDTOOL" "$@"; }

@test "update-firmware: no DIMM, nothing to do, --arm with --disarm, --no-disarm: exit 2" {
	run --separate-stderr ndtool update-firmware -A
	[ "$status" -eq 2 ] && [[ $stderr == *"name the DIMMs"* ]] && [ -z "$output" ]
	run --separate-stderr ndtool update-firmware nmem0
	[ "$status" -eq 2 ] && [[ $stderr == *"nothing to do"* ]]
	run --separate-stderr ndtool update-firmware --no-arm nmem0
	[ "$status" -eq 2 ] && [[ $stderr == *"nothing to do"* ]]
	run --separate-stderr ndtool update-firmware -A -D nmem0
	[ "$status" -eq 2 ] && [[ $stderr == *"either --arm or --disarm"* ]]
	run --separate-stderr ndtool update-firmware -D --no-disarm nmem0
	[ "$status" -eq 2 ] && [[ $stderr == *"--no-disarm is not accepted"* ]]
	# the same command lines are usage errors for ndctl too
	run ndctl update-firmware nmem0
	[ "$status" -ne 0 ]
	run ndctl update-firmware -A -D nmem0
	[ "$status" -ne 0 ]
}

@test "update-firmware: a missing, empty or special image file is refused first: exit 1" {
	local d=$BATS_TEST_TMPDIR
	run --separate-stderr ndtool update-firmware -f "$d/missing" nmem0
	[ "$status" -eq 1 ] && [[ $stderr == *"cannot read the firmware image $d/missing"* ]]
	: >"$d/empty"
	run --separate-stderr ndtool update-firmware -f "$d/empty" nmem0
	[ "$status" -eq 1 ] && [[ $stderr == *"$d/empty is empty"* ]]
	run --separate-stderr ndtool update-firmware -f "$d" nmem0
	[ "$status" -eq 1 ] && [[ $stderr == *"is not a regular file"* ]]
	[ -z "$output" ]
}

@test "update-firmware and activate-firmware without an NVDIMM bus: exit 1, said why" {
	compgen -G '/sys/bus/nd/devices/ndbus*' >/dev/null && skip "this host has NVDIMM buses"
	head -c 100 /dev/zero >"$BATS_TEST_TMPDIR/img"
	run --separate-stderr ndtool update-firmware -f "$BATS_TEST_TMPDIR/img" nmem0
	[ "$status" -eq 1 ] && [[ $stderr == *"has no NVDIMM bus"* ]]
	run --separate-stderr ndtool activate-firmware -n
	[ "$status" -eq 1 ] && [[ $stderr == *"has no NVDIMM bus"* ]]
}

@test "activate-firmware: unknown options are usage errors; the options are ndctl's" {
	run --separate-stderr ndtool activate-firmware --bogus
	[ "$status" -eq 2 ]
	run ndtool activate-firmware -h
	[ "$status" -eq 0 ]
	for o in --dry-run --force --idle --no-idle --verbose; do
		[[ $output == *"$o"* ]]
	done
	run ndtool update-firmware -h
	for o in --bus --firmware --force --arm --no-arm --disarm --verbose; do
		[[ $output == *"$o"* ]]
	done
}
