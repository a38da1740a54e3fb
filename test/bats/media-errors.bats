#!/usr/bin/env bats
# topology: B
# Media errors on nfit_test (which emulates ARS, Clear Uncorrectable Error and the ACPI
# error injection functions), each step compared with upstream ndctl on the same state:
# start-scrub and wait-scrub, inject-error (and --status, -u, --saturate, --uninject),
# list -M after each, clear-errors on raw, fsdax and devdax namespaces and its refusal of
# sector mode; bad input changes nothing.

load helpers

# the namespace of region1 (nfit_test.0), raw and without errors
setup_file() {
	wait_scrub_idle
	NS=$("$NDTOOL" list -N -b nfit_test.0 -r region1 | jq -r '.[0].dev')
	export NS
	"$NDTOOL" create-namespace -f -e "$NS" -m raw >/dev/null
	clean
}

# no injected error and no known one on $NS, nothing scrubbing
clean() {
	local s b
	wait_scrub_idle
	s=$("$NDTOOL" inject-error -t "$NS" | jq -r '.badblocks[]? | "\(.block) \(.count)"')
	while read -r b c; do
		[ -n "$b" ] && "$NDTOOL" inject-error -d -B "$b" -n "$c" "$NS" >/dev/null 2>&1
	done <<<"$s"
	"$NDTOOL" clear-errors "$NS" >/dev/null 2>&1
	true
}

teardown() {
	clean
}

# same_json THEIRS MINE: the same JSON (arrays as sets: ndtool lists buses in ascending
# order, ndctl in the kernel's directory order, see ndtool-list(1))
same_json() { "$SRCDIR/test/bats/json-compare" "$1" "$2"; }

@test "start-scrub and wait-scrub print the buses as ndctl does, for every bus and one" {
	d=$BATS_TEST_TMPDIR
	for args in "" nfit_test.0 "ndbus0 ndbus1"; do
		# shellcheck disable=SC2086
		ndctl start-scrub $args >"$d/theirs"
		# shellcheck disable=SC2086
		ndctl wait-scrub $args >/dev/null
		# shellcheck disable=SC2086
		ndtool start-scrub $args >"$d/mine"
		# the scrub started: the bus says so (until it ends)
		jq -e 'all(.[]; .scrub_state == "active")' "$d/mine"
		same_json "$d/theirs" "$d/mine"
		# shellcheck disable=SC2086
		ndtool wait-scrub $args >"$d/mine"
		# shellcheck disable=SC2086
		ndctl wait-scrub $args >"$d/theirs"
		jq -e 'all(.[]; .scrub_state == "idle")' "$d/mine"
		same_json "$d/theirs" "$d/mine"
	done
	run ndtool wait-scrub -p 1 nfit_test.0
	[ "$status" -eq 0 ]
	run --separate-stderr ndtool start-scrub nosuchbus
	[ "$status" -eq 1 ]
	[[ $stderr == *"no bus matches 'nosuchbus'"* ]]
	run --separate-stderr ndtool wait-scrub -p 0
	[ "$status" -eq 2 ]
}

@test "inject-error: the same errors, output, status and list -M as ndctl's" {
	d=$BATS_TEST_TMPDIR
	ndctl inject-error -B 12 -n 2 "$NS" >"$d/theirs"
	ndctl inject-error -t "$NS" >"$d/theirs.status"
	ndctl inject-error -t -u "$NS" >"$d/theirs.status-u"
	ndtool inject-error -t "$NS" >"$d/mine.status"
	ndtool inject-error -t -u "$NS" >"$d/mine.status-u"
	same_json "$d/theirs.status" "$d/mine.status"
	same_json "$d/theirs.status-u" "$d/mine.status-u"
	ndctl inject-error -d -B 12 -n 2 "$NS" >/dev/null 2>&1
	clean
	# the same injection through ndtool: the same output (the namespace with the new
	# error, after the scrub the notification started), status and listing
	ndtool inject-error -B 12 -n 2 "$NS" >"$d/mine"
	same_json "$d/theirs" "$d/mine"
	[ "$(jq -c '.badblocks' "$d/mine")" != null ]
	ndctl inject-error -t "$NS" >"$d/theirs.status2"
	same_json "$d/theirs.status" "$d/theirs.status2"
	assert_same_list -n "$NS" -M
	assert_same_list -R -M -b nfit_test.0
	# saturated blocks and a second range
	ndtool inject-error -B 40 -n 3 -S "$NS" >/dev/null
	ndctl inject-error -t "$NS" >"$d/theirs.status3"
	ndtool inject-error -t "$NS" >"$d/mine.status3"
	same_json "$d/theirs.status3" "$d/mine.status3"
	[ "$(jq -c '[.badblocks[] | [.block, .count]]' "$d/mine.status3")" = "[[12,2],[40,3]]" ]
	assert_same_list -n "$NS" -M
	# ndctl un-injects what ndtool injected, and the other way round
	ndctl inject-error -d -B 40 -n 3 -S "$NS" >/dev/null 2>&1
	run --separate-stderr ndtool inject-error -d -B 12 -n 2 "$NS"
	[ "$status" -eq 0 ]
	[[ $stderr == *"does not make the kernel forget"* ]]
	[ -z "$(ndtool inject-error -t "$NS")" ]
	[ -z "$(ndctl inject-error -t "$NS")" ]
}

@test "clear-errors clears what ndctl clears: raw (block device), fsdax, devdax" {
	d=$BATS_TEST_TMPDIR
	dev=$(ndtool list -n "$NS" | jq -r '.[0].blockdev')
	# ndctl's result on one set of errors, ndtool's on the same set
	for tool in ndctl ndtool; do
		ndtool inject-error -B 20 -n 4 "$NS" >/dev/null
		ndtool inject-error -B 100 -n 1 "$NS" >/dev/null
		ndtool inject-error -d -B 20 -n 4 "$NS" >/dev/null 2>&1
		ndtool inject-error -d -B 100 -n 1 "$NS" >/dev/null 2>&1
		[ "$(ndtool list -n "$NS" -M | jq '.[0].badblock_count')" -eq 5 ]
		# the block device refuses to read them
		! dd if=/dev/"$dev" of=/dev/null bs=512 skip=20 count=1 iflag=direct 2>/dev/null
		$tool clear-errors "$NS" >"$d/$tool" 2>"$d/$tool.err"
		ndtool list -n "$NS" -M >"$d/$tool.list"
		# nothing left anywhere: the region, the block device, and the data reads
		[ "$(jq '.[0].badblock_count // 0' "$d/$tool.list")" -eq 0 ]
		[ -z "$(cat /sys/block/"$dev"/badblocks)" ]
		dd if=/dev/"$dev" of=/dev/null bs=512 skip=20 count=4 iflag=direct
		grep -q '^cleared 1 namespace$' "$d/$tool.err"
	done
	same_json "$d/ndctl" "$d/ndtool"
	assert_same_list -n "$NS" -M

	for mode in fsdax devdax; do
		ndtool create-namespace -f -e "$NS" -m $mode >/dev/null
		ndtool inject-error -B 9 -n 2 "$NS" >/dev/null
		ndtool inject-error -d -B 9 -n 2 "$NS" >/dev/null 2>&1
		assert_same_list -n "$NS" -M
		[ "$(ndtool list -n "$NS" -M | jq '.[0].badblock_count')" -eq 2 ]
		ndtool clear-errors "$NS" >"$d/$mode"
		[ "$(jq -r .mode "$d/$mode")" = $mode ]
		[ "$(ndtool list -n "$NS" -M | jq '.[0].badblock_count // 0')" -eq 0 ]
		assert_same_list -n "$NS" -M
	done
	ndtool create-namespace -f -e "$NS" -m raw >/dev/null
}

@test "clear-errors refuses a sector namespace as ndctl does; -s scrubs first" {
	ndtool create-namespace -f -e "$NS" -m sector >/dev/null
	run --separate-stderr ndtool clear-errors "$NS"
	[ "$status" -eq 1 ]
	[[ $stderr == *"sector mode"* ]]
	run ndctl clear-errors "$NS"
	[ "$status" -ne 0 ]
	ndtool create-namespace -f -e "$NS" -m raw >/dev/null
	# a latent error (injected without notification) is found by --scrub and cleared
	ndtool inject-error -N -B 30 -n 1 "$NS" >/dev/null
	wait_scrub_idle
	[ "$(ndtool list -n "$NS" -M | jq '.[0].badblock_count // 0')" -eq 0 ]
	ndtool inject-error -d -B 30 -n 1 "$NS" >/dev/null 2>&1
	ndtool inject-error -N -B 30 -n 1 "$NS" >/dev/null
	count0=$(cat /sys/bus/nd/devices/ndbus0/nfit/scrub | tr -d +)
	run --separate-stderr ndtool clear-errors -s "$NS"
	[ "$status" -eq 0 ]
	[ "$(cat /sys/bus/nd/devices/ndbus0/nfit/scrub | tr -d +)" -gt "$count0" ]
	[[ $stderr == *"cleared 1 namespace"* ]]
	[ "$(ndtool list -n "$NS" -M | jq '.[0].badblock_count // 0')" -eq 0 ]
}

@test "inject-error: bad input is refused with exit 2 and injects nothing" {
	run --separate-stderr ndtool inject-error -B 5 "$NS"
	[ "$status" -eq 2 ]
	[[ $stderr == *"--count"* ]]
	run --separate-stderr ndtool inject-error -B 999999999 -n 1 "$NS"
	[ "$status" -eq 2 ]
	[[ $stderr == *"beyond $NS"* ]]
	run --separate-stderr ndtool inject-error -t -B 1 -n 1 "$NS"
	[ "$status" -eq 2 ]
	run --separate-stderr ndtool inject-error -d -N -B 1 -n 1 "$NS"
	[ "$status" -eq 2 ]
	run --separate-stderr ndtool inject-error -B x -n 1 "$NS"
	[ "$status" -eq 2 ]
	run --separate-stderr ndtool inject-error -B 1 -n 1 namespace9.9
	[ "$status" -eq 1 ]
	[[ $stderr == *"no namespace matches 'namespace9.9'"* ]]
	[ -z "$(ndctl inject-error -t "$NS")" ]
	[ "$(ndtool list -n "$NS" -M | jq '.[0].badblock_count // 0')" -eq 0 ]
}
