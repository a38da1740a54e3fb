#!/usr/bin/env bats
# topology: B
# ndtool list against ndctl list on nfit_test: two buses, DIMMs with SMART health and
# failure flags, namespaces in every mode, injected SMART values and media errors.

load helpers
load list-combos

B_COMBOS=(
	"-b nfit_test.0 -BDRN" "-b nfit_test.1 -BDRNHu" "-b nfit_test.1 -D"
	"-d nmem4 -DH" "-d nmem5" "-d nmem2 -RDu" "-d 3 -RN" "-r region3 -RNi"
	"-b nfit_test.0 -DHu" "-b 1 -R" "-r 2 -N"
)

setup_file() {
	wait_scrub_idle
}

@test "list matches ndctl: nfit_test buses as loaded" {
	assert_same_lists "${LIST_COMBOS[@]}" "${B_COMBOS[@]}"
}

@test "list matches ndctl: nfit_test.0 labelled with namespaces in every mode" {
	ndctl disable-region -b nfit_test.0 all
	ndctl init-labels -f -b nfit_test.0 all
	ndctl enable-region -b nfit_test.0 all
	ndctl create-namespace -b nfit_test.0 -r region1 -m fsdax -s 32M -n fsdax-one
	ndctl create-namespace -b nfit_test.0 -r region0 -m devdax -s 16M
	ndctl create-namespace -b nfit_test.0 -r region1 -m sector -s 32M
	assert_same_lists "${LIST_COMBOS[@]}" "${B_COMBOS[@]}"
}

@test "list matches ndctl: injected SMART values" {
	ndctl inject-smart -m 85 -M 80 nmem0
	ndctl inject-smart -s 3 -S 10 nmem1
	ndctl inject-smart -U nmem2
	ndctl inject-smart -f nmem3
	assert_same_lists "-DH" "-DHu" "-BDHu" "-vvv" "-d nmem0 -DH" "-d nmem3 -H -D"
}

@test "list matches ndctl: media errors" {
	ndctl inject-error -B 8 -n 2 namespace1.0	# fsdax
	ndctl inject-error -B 100 -n 1 namespace0.0	# devdax
	ndctl start-scrub nfit_test.0
	ndctl wait-scrub nfit_test.0
	assert_same_lists "-M" "-RM" "-RNM" "-Nu" "-R" "-v" "-vvv" "-BRNMu" "-N" "-NMi" "-DRM"
	# the comparison saw media errors on both namespaces, with the DIMMs holding them
	run ndtool list -NM
	[ "$(echo "$output" | jq -c '[.[] | select(.badblock_count) | .dev] | sort')" = \
		'["namespace0.0","namespace1.0"]' ]
	[ "$(echo "$output" | jq -r '.[] | select(.dev == "namespace0.0") | .badblocks[0].offset')" = 100 ]
	[ "$(echo "$output" | jq -r '.[] | select(.dev == "namespace1.0") | .badblocks[0].dimms[0]')" = nmem3 ]
}

@test "valgrind memcheck: list -BDRNHFXCu -vvv has no leaks and no errors" {
	command -v valgrind >/dev/null || skip "valgrind is not installed"
	run --separate-stderr valgrind -q --error-exitcode=99 --leak-check=full \
		--show-leak-kinds=all --errors-for-leak-kinds=all "$NDTOOL" list -BDRNHFXCMu -vvv
	echo "$stderr"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	# the run listed every object class
	[ "$(echo "$output" | jq -r '[.[0] | has("dimms"), has("regions")] | all')" = true ]
}
