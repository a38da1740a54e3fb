#!/usr/bin/env bats
# Self-tests of the VM test platform (run on the host): failures inside the guest must
# fail the run, a hanging guest must be killed and reported, TAP must be counted right,
# and contrib/demo must show its whole transcript.

bats_require_minimum_version 1.5.0

setup() {
	SRC=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
	unset COUNTS_FILE	# the runs below must not add to the outer summary
}

@test "a failing guest test fails the tier (exit 1, counted as failed)" {
	run "$SRC/test/vm/run-tier" A --selftest fail "$SRC/test/harness/guest-selftest-pass.bats"
	echo "$output"
	[ "$status" -eq 1 ]
	[[ $output == *"FAIL  harness self-test: this guest test fails on purpose"* ]]
	[[ $output == *"tier A (QEMU NVDIMMs): 1 passed, 1 failed, 0 skipped"* ]]
}

@test "a hanging guest is killed at the timeout and reported as a failure" {
	local out=$BATS_TEST_TMPDIR/hang
	start=$SECONDS
	OUTDIR=$out TIMEOUT=30 run "$SRC/test/vm/run-tier" A --selftest hang \
		"$SRC/test/harness/guest-selftest-pass.bats"
	echo "$output"
	[ "$status" -eq 1 ]
	[[ $output == *"the guest hung: timed out after 30s and was killed"* ]]
	[[ $output == *"0 passed, 1 failed"* ]]
	# killed by the timeout, not left to run: well under the 100000 s the guest sleeps
	[ $((SECONDS - start)) -lt 120 ]
	# this guest's qemu is gone (other tiers' guests may be running meanwhile)
	! pgrep -f "qemu-system-x86_64.*vmout=$out " >/dev/null || false
}

@test "contrib/demo shows the whole transcript and exits with the guest's status" {
	local out=$BATS_TEST_TMPDIR/demo t
	# stdout and stderr together, as in a log
	OUTDIR=$out run "$SRC/contrib/demo"
	echo "$output"
	[ "$status" -eq 0 ]
	# the transcript from its first line to its last, nothing else among its lines, and
	# the guest's exit after it
	t=$(echo "$output" | sed -n '/^=== ndtool demo: /,/^=== end of demo$/p')
	[[ ${t%%$'\n'*} =~ ^"=== ndtool demo: "[^\ ]+", two QEMU NVDIMMs of 1 GiB"$ ]]
	[ "${t##*$'\n'}" = "=== end of demo" ]
	! grep -E 'vm: |^== |VM_EXIT_CODE|Booting from' <<<"$t" || false
	[[ $(echo "$output" | sed -n '/^=== end of demo$/,$p') == *$'\nvm: guest exit 0 after '* ]]
	# a few steps, each with its answer
	for step in '$ ndtool --version' '$ ndtool init-labels -f all' \
		'$ ndtool create-namespace -f -e namespace0.0 -m devdax' \
		'$ ndtool dax reconfigure-device -m system-ram dax0.0' \
		'$ ndtool dax reconfigure-device -f -m devdax dax0.0' \
		'$ ndtool create-namespace -f -e namespace0.0 -m fsdax' \
		'$ ndtool bench --check /mnt/pmem' '$ ndtool bench --check /mnt/tmp' \
		'$ ndtool lsit -B'; do
		grep -qxF -- "$step" <<<"$t" || { echo "missing: $step"; false; }
	done
	grep -q '^identical ([0-9]* bytes' <<<"$t"
	# the label-less namespace went to devdax and back to fsdax in place
	grep -q '"chardev":"dax0.0"' <<<"$t"
	grep -q '"blockdev":"pmem0"' <<<"$t"
	# dax0.0 went to system-ram with its memory online, and back
	grep -q '"mode":"system-ram"' <<<"$t"
	grep -q '"online_memblocks":[1-9]' <<<"$t"
	grep -q 'add --force to offline its memory first' <<<"$t"
	[ "$(grep -c '^integrity:    ok: 2 MiB persisted' <<<"$t")" -eq 3 ]
	grep -q '^access:       direct access: fsdax file, MAP_SYNC mapping' <<<"$t"
	grep -qx 'exit code 3' <<<"$t"
	grep -q "did you mean 'list'" <<<"$t"
	grep -qx 'exit code 2' <<<"$t"
	# the second VM: an injected health change arrives as an event
	grep -qxF '$ ndtool inject-smart -m 62 nmem0' <<<"$t"
	grep -qF '{"trigger":"notification","dimm":"nmem0","events":["dimm-media-temperature"]}' <<<"$t"
	grep -qF '"previous":{"shutdown_count":' <<<"$t"
	grep -qx 'ndtool monitor exited 0' <<<"$t"
	# and it is kept in the output folder
	[ "$(cat "$out/demo.txt")" = "$t" ]
}

tap() { printf '%s\n' "$@" >"$BATS_TEST_TMPDIR/t.tap"; }

@test "tap-count: passes, failures, skips and diagnostics" {
	tap "1..4" "ok 1 a" "not ok 2 b" "# because" "ok 3 c # skip no device" "ok 4 d"
	run "$SRC/test/tap-count" T "$BATS_TEST_TMPDIR/t.tap"
	[ "$status" -eq 1 ]
	[ "${lines[0]}" = "  FAIL  b" ]
	[ "${lines[1]}" = "        # because" ]
	[ "${lines[2]}" = "  skip  c # skip no device" ]
	[ "${lines[3]}" = "T: 2 passed, 1 failed, 1 skipped" ]
}

@test "tap-count: planned tests that never reported count as failed" {
	tap "1..3" "ok 1 a"
	run "$SRC/test/tap-count" T "$BATS_TEST_TMPDIR/t.tap"
	[ "$status" -eq 1 ]
	[[ $output == *"2 planned test(s) did not report"* ]]
	[[ $output == *"T: 1 passed, 2 failed, 0 skipped"* ]]
}

@test "tap-count: an all-passing stream exits 0 and appends to COUNTS_FILE" {
	tap "1..2" "ok 1 a" "ok 2 b"
	COUNTS_FILE=$BATS_TEST_TMPDIR/counts run "$SRC/test/tap-count" T "$BATS_TEST_TMPDIR/t.tap" 0
	[ "$status" -eq 0 ]
	[ "$(cat "$BATS_TEST_TMPDIR/counts")" = "2 0 0" ]
	run "$SRC/test/tap-count" T "$BATS_TEST_TMPDIR/t.tap" 1
	[ "$status" -eq 1 ]
}
