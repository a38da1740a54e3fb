#!/usr/bin/env bats
# topology: A B
# Bus enumeration: ndtool list -B against upstream ndctl list -B on the same kernel.

load helpers

setup_file() {
	wait_scrub_idle
}

@test "list -B equals ndctl list -B" {
	[ -n "$(sysfs_bus_ids)" ]
	assert_same_list -B
}

@test "list -Bu equals ndctl list -Bu (a single bus is a bare object)" {
	assert_same_list -Bu
	n=$(sysfs_bus_ids | wc -l)
	run ndtool list -Bu
	if [ "$n" -eq 1 ]; then
		[ "$(echo "$output" | jq -r type)" = object ]
	else
		[ "$(echo "$output" | jq -r type)" = array ]
	fi
}

@test "list -B prints a JSON array with one entry per ndbusN in ascending order" {
	run ndtool list -B
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -r type)" = array ]
	[ "$(echo "$output" | jq -r '.[].dev' | sed 's/^ndbus//')" = "$(sysfs_bus_ids)" ]
	for id in $(sysfs_bus_ids); do
		want=$(cat "/sys/bus/nd/devices/ndbus$id/provider")
		got=$(echo "$output" | jq -r ".[] | select(.dev == \"ndbus$id\") | .provider")
		[ "$got" = "$want" ]
	done
}

@test "-b selects a bus by provider, device name, id and 'all', as ndctl does" {
	for id in $(sysfs_bus_ids); do
		provider=$(cat "/sys/bus/nd/devices/ndbus$id/provider")
		for sel in "$provider" "ndbus$id" "$id"; do
			assert_same_list -B -b "$sel"
			run ndtool list -B -b "$sel"
			[ "$(echo "$output" | jq -r '.[].dev')" = "ndbus$id" ]
		done
	done
	assert_same_list -B -b all
}

@test "an unknown bus lists nothing and exits 0, as ndctl does" {
	run --separate-stderr ndtool list -B -b nosuchbus
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	assert_same_list -B -b nosuchbus
	assert_same_list -B -b 99
}

@test "scrub_state follows the bus's nfit/scrub attribute" {
	run ndtool list -B
	for id in $(sysfs_bus_ids); do
		f=/sys/bus/nd/devices/ndbus$id/nfit/scrub
		got=$(echo "$output" | jq -r ".[] | select(.dev == \"ndbus$id\") | .scrub_state")
		if [ -e "$f" ]; then
			case $(cat "$f") in
			*+) [ "$got" = active ] ;;
			*) [ "$got" = idle ] ;;
			esac
		else
			[ "$got" = null ]
		fi
	done
}

@test "topology A: one ACPI.NFIT bus, no address range scrub support" {
	[ "$TOPOLOGY" = A ] || skip "QEMU NVDIMM topology only"
	run ndtool list -B
	[ "$(echo "$output" | jq -c '[.[] | .provider]')" = '["ACPI.NFIT"]' ]
	[ "$(echo "$output" | jq -r '.[0] | has("scrub_state")')" = false ]
}

@test "topology B: nfit_test.0 and nfit_test.1 with scrub_state" {
	[ "$TOPOLOGY" = B ] || skip "nfit_test topology only"
	run ndtool list -B
	[ "$(echo "$output" | jq -c '[.[] | .provider] | sort')" = '["nfit_test.0","nfit_test.1"]' ]
	[ "$(echo "$output" | jq -c '[.[] | .scrub_state]')" = '["idle","idle"]' ]
}
