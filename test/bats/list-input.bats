#!/usr/bin/env bats
# topology: A
# ndtool list with bad or unmatched input: names that match nothing list nothing (exit 0,
# as ndctl); malformed option values are usage errors (exit 2) with a clear message.

load helpers

@test "names that match nothing list nothing and exit 0, as ndctl does" {
	for args in "-b nosuchbus" "-r region99" "-d nmem99 -D" "-n namespace9.9" \
		"-r region99 -RN" "-b nosuchbus -BDRN" "-U 7 -R" "-m sector"; do
		# shellcheck disable=SC2086
		run --separate-stderr ndtool list $args
		[ "$status" -eq 0 ]
		[ -z "$output" ]
	done
	assert_same_lists "-b nosuchbus" "-r region99" "-d nmem99 -D" "-n namespace9.9" \
		"-r region99 -RN" "-b nosuchbus -BDRN" "-U 7 -R"
}

@test "a malformed NUMA node is a usage error (exit 2), nothing on stdout" {
	run --separate-stderr ndtool list -U abc
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	[[ $stderr == *"'abc' is not a NUMA node number"* ]]
	run --separate-stderr ndtool list -U -1
	[ "$status" -eq 2 ]
}

@test "an unknown mode or region type is a usage error naming the valid ones" {
	run --separate-stderr ndtool list -m bogus
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	[[ $stderr == *"unknown mode 'bogus' (raw, sector, fsdax, devdax)"* ]]
	run --separate-stderr ndtool list -t bogus -R
	[ "$status" -eq 2 ]
	[[ $stderr == *"unknown region type 'bogus' (pmem, blk)"* ]]
}

@test "mode aliases of ndctl are accepted: memory, dax, safe" {
	assert_same_lists "-m memory" "-m dax" "-m safe" "-m memory -RN"
}

@test "an extra operand is a usage error" {
	run --separate-stderr ndtool list namespace0.0
	[ "$status" -eq 2 ]
	[[ $stderr == *"unexpected argument 'namespace0.0'"* ]]
}
