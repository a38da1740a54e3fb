#!/usr/bin/env bats
# topology: A
# The command line on NVDIMM objects: --no- forms change real listings as ndctl's do,
# output errors, and completion of object names. The rest of the command line is tested
# on the host (test/host/cli.bats).

load helpers
load completion

@test "--no-NAME cancels --NAME before it, flags and values alike; the last one wins" {
	local plain human
	plain=$(ndtool list -R)
	human=$(ndtool list -R --human)
	[ "$human" != "$plain" ]
	# a flag: list --human --no-human is list; the last one wins
	[ "$(ndtool list -R --human --no-human)" = "$plain" ]
	[ "$(ndtool list -R --no-human -u)" = "$human" ]
	# a counted flag goes back to 0, short and long forms alike
	[ "$(ndtool list -vv --verbose --no-verbose -R)" = "$plain" ]
	# a filter goes back to none
	[ -z "$(ndtool list -R -b nonexistent)" ]
	[ "$(ndtool list -R -b nonexistent --no-bus)" = "$plain" ]
	# and ndctl agrees
	assert_same_lists "-R --human --no-human" "-vv --no-verbose -v" "-R -b nonexistent --no-bus"
	# a cancelled value is not checked
	run ndtool list -R -m bogus --no-mode
	[ "$status" -eq 0 ]
}

@test "a write error on stdout is a failure (exit 1), not a silent success" {
	run --separate-stderr sh -c "'$NDTOOL' list -B >/dev/full"
	[ "$status" -eq 1 ]
	[[ $stderr == *"write error on stdout"* ]]
	run --separate-stderr sh -c "'$NDTOOL' --version >/dev/full"
	[ "$status" -eq 1 ]
}

@test "bash completion: commands, options and values" {
	run complete_words ndtool li
	[ "$output" = list ]
	run complete_words ndtool list --reg
	[ "$output" = --region$'\n'--regions ]
	run complete_words ndtool list -m ""
	[ "$output" = raw$'\n'sector$'\n'fsdax$'\n'devdax ]
	run complete_words ndtool list -r ""
	[[ $output == *region0* ]]
	run complete_words ndtool list -b ""
	[[ $output == *ACPI.NFIT* ]]
}

@test "bash completion: an option's value depends on the command" {
	# bench's -r is --rounds, a number: no region names
	run complete_words ndtool bench -r ""
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	run complete_words ndtool bench --rounds ""
	[ -z "$output" ]
	run complete_words ndtool create-namespace -r ""
	[[ $output == *region0* ]]
	# list's -n is --namespace, create-namespace's is --name (free-form)
	run complete_words ndtool create-namespace -n ""
	[ -z "$output" ]
	# read-labels' -u is --human, a flag: DIMM names follow
	run complete_words ndtool read-labels -u ""
	[[ $output == *nmem0* ]]
}
