#!/usr/bin/env bats
# topology: E
# Media error commands on legacy pmem (the e820 bus), which has no address range scrub
# and no error injection: each refuses with a clear message and changes nothing, as
# ndctl fails there too.

load helpers

@test "start-scrub, wait-scrub: the e820 bus has no scrub; ndtool says so, as ndctl fails" {
	run ndctl start-scrub
	[ "$status" -ne 0 ]
	run --separate-stderr ndtool start-scrub
	[ "$status" -eq 1 ]
	[[ $stderr == *"no bus supports address range scrub"* ]]
	[ -z "$output" ]
	run --separate-stderr ndtool wait-scrub e820
	[ "$status" -eq 1 ]
	[[ $stderr == *"does not support address range scrub"* ]]
}

@test "inject-error and clear-errors on the e820 bus: refused or nothing to clear" {
	ns=$(ndtool list -N -b e820 | jq -r '.[0].dev')
	before=$(ndtool list -N -M -b e820)
	run --separate-stderr ndtool inject-error -B 0 -n 1 "$ns"
	[ "$status" -eq 1 ]
	[[ $stderr == *"cannot inject media errors"* ]]
	run ndctl inject-error -B 0 -n 1 "$ns"
	[ "$status" -ne 0 ]
	run --separate-stderr ndtool inject-error -t "$ns"
	[ "$status" -eq 1 ]
	# no known errors: nothing to clear, and ndtool says it cleared the namespace (ndctl
	# fails on a bus that cannot scrub: ndtool-clear-errors(1), DIFFERENCES FROM NDCTL)
	run --separate-stderr ndtool clear-errors "$ns"
	echo "ndtool: $status $stderr"
	[ "$status" -eq 0 ]
	[[ $stderr == *"cleared 1 namespace"* ]]
	run --separate-stderr ndctl clear-errors "$ns"
	echo "ndctl: $status $stderr"
	[ "$status" -ne 0 ]
	[ "$(ndtool list -N -M -b e820)" = "$before" ]
}
