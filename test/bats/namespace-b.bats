#!/usr/bin/env bats
# topology: B
# Namespaces on nfit_test.0 (interleave sets across 2 and 4 DIMMs) against upstream
# ndctl, and failures injected into the DIMMs' label commands (nfit_test's fail_cmd):
# every failed operation leaves the namespaces and labels as they were.

load helpers

U=0e1ed496-6b4a-402d-bff8-9e7b7357fc9c
U1=11111111-6b4a-402d-bff8-9e7b7357fc9c
U2=22222222-6b4a-402d-bff8-9e7b7357fc9c
U3=33333333-6b4a-402d-bff8-9e7b7357fc9c
U4=44444444-6b4a-402d-bff8-9e7b7357fc9c

setup_file() {
	wait_scrub_idle
}

# fail_cmd NMEM MASK: make the nfit_test DIMM behind NMEM fail the ND_CMD_* in MASK
fail_cmd() {
	local want t
	want=$(printf '%d' "$(cat /sys/bus/nd/devices/$1/nfit/handle)")
	for t in /sys/class/nfit_test_dimm/test_dimm*; do
		if [ "$(printf '%d' "$(cat "$t/handle")")" = "$want" ]; then
			echo "$2" >"$t/fail_cmd"
			return 0
		fi
	done
	echo "no nfit_test DIMM for $1"
	return 1
}

teardown() {
	local t
	for t in /sys/class/nfit_test_dimm/test_dimm*; do
		echo 0 >"$t/fail_cmd"
	done
	ndctl enable-region -b nfit_test.0 all >/dev/null 2>&1 || true
}

ND_CMD_GET_CONFIG_DATA=$((1 << 5))
ND_CMD_SET_CONFIG_DATA=$((1 << 6))

@test "nfit_test: create, destroy and region commands leave the kernel as ndctl does" {
	B="-b nfit_test.0"
	same_effects "create-namespace $B -r region1 -m fsdax -s 32M -n nfit-fs -u $U" \
		"create-namespace $B -r region0 -m devdax -s 16M -u $U2" \
		"create-namespace $B -r region1 -m sector -s 32M -l 512 -u $U3" \
		"create-namespace $B -r region1 -m raw -s 16M -u $U4"
	SETUP="create-namespace -b nfit_test.0 -r region1 -m fsdax -s 32M -u $U1"
	same_effect destroy-namespace -f namespace1.0
	same_effect create-namespace -f -e namespace1.0 -m devdax -u $U
	same_effect disable-region -b nfit_test.0 all
	unset SETUP
}

@test "a label write failing inside the kernel fails the create and changes nothing" {
	reset_labels
	ndtool create-namespace -b nfit_test.0 -r region1 -m fsdax -s 16M
	fail_cmd nmem2 $ND_CMD_SET_CONFIG_DATA
	for mode in fsdax devdax sector raw; do
		unchanged ndtool create-namespace -b nfit_test.0 -r region1 -m $mode -s 32M
		[ "$status" -eq 1 ]
		[[ $stderr == *"failed: Input/output error"* ]] || { echo "$stderr"; false; }
	done
	fail_cmd nmem2 0
	run ndtool create-namespace -b nfit_test.0 -r region1 -m fsdax -s 32M
	[ "$status" -eq 0 ]
}

@test "label commands report injected failures and leave the label area as it was" {
	ndctl disable-region -b nfit_test.0 all
	ndctl init-labels -f nmem0
	ndctl read-labels -o "$BATS_TEST_TMPDIR/before" nmem0
	fail_cmd nmem0 $ND_CMD_SET_CONFIG_DATA
	for cmd in "init-labels -f -V 1.2 nmem0" "zero-labels nmem0" \
		"write-labels -i $BATS_TEST_TMPDIR/before nmem0"; do
		# shellcheck disable=SC2086
		run --separate-stderr ndtool $cmd
		[ "$status" -eq 1 ]
		[[ $stderr == *"nmem0: writing the label area at offset "*" failed: Input/output error"* ]] ||
			{ echo "$cmd: $stderr"; false; }
	done
	fail_cmd nmem0 0
	ndctl read-labels -o "$BATS_TEST_TMPDIR/after" nmem0
	cmp "$BATS_TEST_TMPDIR/before" "$BATS_TEST_TMPDIR/after"
	fail_cmd nmem0 $ND_CMD_GET_CONFIG_DATA
	run --separate-stderr ndtool read-labels -j nmem0
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[[ $stderr == *"nmem0: reading the label area at offset 0 failed: Input/output error"* ]]
	run --separate-stderr ndtool check-labels nmem0
	[ "$status" -eq 1 ]
}

@test "nfit_test.1's label-less regions cannot be divided; the message says why" {
	for r in region2 region3; do
		unchanged ndtool create-namespace -b nfit_test.1 -r $r -s 4M
		[ "$status" -eq 1 ]
		[[ $stderr == *"$r "* ]]
	done
}
